export * from './determination.ts';
export * from './errors.ts';
export * from './normalized.ts';
export * from './payloads.ts';
export * from './queues.ts';
