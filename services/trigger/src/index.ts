export * from './auth.ts';
export * from './backfill.ts';
export * from './dispatch.ts';
export * from './envelopes.ts';
export * from './reconcile.ts';
export * from './s3-event.ts';
export * from './server.ts';
