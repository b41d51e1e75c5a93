export * from './dispatch.ts';
export * from './s3-event.ts';
