export * from './free-port.ts';
export * from './redis-server.ts';
export * from './s3-server.ts';
