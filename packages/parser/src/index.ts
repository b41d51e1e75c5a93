export * from './extract/index.ts';
export * from './normalize/index.ts';
