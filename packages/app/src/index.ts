export * from './environment.ts';
export * from './redis.ts';
export * from './reprocess.ts';
export * from './resources.ts';
export * from './search.ts';
export * from './stage-process.ts';
export * from './workers.ts';
