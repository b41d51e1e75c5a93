export * from './extract-handler.ts';
export * from './stage.ts';
