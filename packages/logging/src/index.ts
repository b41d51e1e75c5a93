export * from './logger.ts';
export * from './rate-limited.ts';
export * from './redact-url.ts';
