export * from './ingest-handler.ts';
export * from './stage.ts';
