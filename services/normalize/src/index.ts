export * from './normalize-handler.ts';
export * from './stage.ts';
