export * from './index-handler.ts';
export * from './stage.ts';
