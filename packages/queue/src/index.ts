export * from './catalog.ts';
export * from './classify.ts';
export * from './connection.ts';
export * from './dead-letters.ts';
export * from './job-ids.ts';
export * from './pipeline-queues.ts';
export * from './stage-worker.ts';
export * from './tracker.ts';
