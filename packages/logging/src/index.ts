export * from './logger.ts';
export * from './redact-url.ts';
