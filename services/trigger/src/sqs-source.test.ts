import { SQSClient } from '@aws-sdk/client-sqs';
import { createLogger } from '@imr/logging';
import { afterAll, describe, expect, it } from 'vitest';
import type { DispatchDeps } from './dispatch.ts';
import { SqsPoller } from './sqs-poller.ts';
import { queueUrlProblem, regionOfQueueUrl } from './sqs-source.ts';

const QUEUE_URL = 'https://sqs.eu-west-1.amazonaws.com/123456789012/imr-letters';

describe('queue URLs', () => {
  it('accepts AWS and local queue URLs; refuses what is none', () => {
    for (const ok of [
      QUEUE_URL,
      'https://eu-west-1.queue.amazonaws.com/123456789012/imr-letters',
      'http://sqs.us-east-1.localhost:4566/000000000000/letters',
      'http://127.0.0.1:9324/000000000000/letters/',
    ]) {
      expect(queueUrlProblem(ok), ok).toBeNull();
    }
    expect(queueUrlProblem('imr-letters')).toBe('not a URL');
    expect(queueUrlProblem('ftp://sqs.eu-west-1.amazonaws.com/1/q')).toBe('not an http(s) URL');
    expect(queueUrlProblem('https://sqs.eu-west-1.amazonaws.com/')).toMatch(/not a queue URL/);
    expect(queueUrlProblem('https://sqs.eu-west-1.amazonaws.com/1/q/x')).toMatch(/not a queue URL/);
  });

  it('reads the region from AWS-style hosts only', () => {
    expect(regionOfQueueUrl(QUEUE_URL)).toBe('eu-west-1');
    expect(regionOfQueueUrl('https://us-gov-west-1.queue.amazonaws.com/1/q')).toBe('us-gov-west-1');
    expect(regionOfQueueUrl('http://sqs.ap-southeast-2.localhost:4566/0/q')).toBe('ap-southeast-2');
    expect(regionOfQueueUrl('http://127.0.0.1:9324/0/q')).toBeNull();
    expect(regionOfQueueUrl('http://elasticmq:9324/0/q')).toBeNull();
  });
});

describe('SqsPoller settings', () => {
  const sqs = new SQSClient({ region: 'eu-west-1' });
  afterAll(() => sqs.destroy());
  // Never dispatched to: construction fails before anything runs.
  const dispatch = {} as DispatchDeps;
  const log = createLogger('test', { level: 'silent' });
  const make = (options: Record<string, unknown>) => () =>
    new SqsPoller({ sqs, dispatch, log }, { queueUrl: QUEUE_URL, ...options });

  it('refuses settings SQS refuses, in the constructor, naming the setting', () => {
    expect(make({ queueUrl: 'letters' })).toThrow(/queueUrl is not a URL/);
    expect(make({ waitTimeS: 21 })).toThrow(/waitTimeS must be an integer from 1 to 20/);
    expect(make({ waitTimeS: 0 })).toThrow(/waitTimeS/);
    expect(make({ maxMessages: 11 })).toThrow(/maxMessages must be an integer from 1 to 10/);
    expect(make({ visibilityTimeoutS: 0 })).toThrow(/visibilityTimeoutS/);
    expect(make({ visibilityTimeoutS: 43_201 })).toThrow(/visibilityTimeoutS/);
    expect(make({ visibilityTimeoutS: 1.5 })).toThrow(/visibilityTimeoutS/);
    expect(make({ visibilityTimeoutS: 2, heartbeatMs: 2_000 })).toThrow(/heartbeatMs/);
    expect(make({ retryMs: 5_000, maxRetryMs: 1_000 })).toThrow(/maxRetryMs/);
    expect(make({})).not.toThrow();
  });

  it('stop() before start() resolves, is idempotent, and start() after it does nothing', async () => {
    const poller = make({})();
    const first = poller.stop();
    expect(poller.stop()).toBe(first);
    await first;
    expect(poller.start()).toBe(poller);
    await poller.stop();
  });
});
