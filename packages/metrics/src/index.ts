export * from './metrics.ts';
export * from './queue-gauges.ts';
