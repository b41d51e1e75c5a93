export * from './readiness.ts';
export * from './reprocess.ts';
export * from './resources.ts';
export * from './search.ts';
export * from './start-process.ts';
export * from './worker-http.ts';
export * from './worker-process.ts';
export * from './workers.ts';
