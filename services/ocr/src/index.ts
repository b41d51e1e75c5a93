export * from './ocr-handler.ts';
export * from './stage.ts';
