export * from './normalize/index.ts';
export * from './extract/index.ts';
