export * from './artifact-cache.ts';
export * from './artifact-store.ts';
export * from './errors.ts';
export * from './object-store.ts';
