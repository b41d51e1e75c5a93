import { describe, expect, it } from 'vitest';
import { toStorageError } from './errors.ts';

const s3Error = (name: string, status: number) =>
  Object.assign(new Error(name), { name, $metadata: { httpStatusCode: status } });

describe('toStorageError', () => {
  it('makes a missing object permanent, and a refusal permanent with its own code', () => {
    expect(toStorageError(s3Error('NoSuchKey', 404), 'get in letters')).toMatchObject({
      code: 'object_missing',
      permanent: true,
    });
    for (const [name, status] of [
      ['AccessDenied', 403],
      ['InvalidArgument', 400],
      ['KeyTooLongError', 400],
    ] as const) {
      expect(toStorageError(s3Error(name, status), 'get in letters')).toMatchObject({
        code: 'storage_refused',
        permanent: true,
        message: `get in letters: ${name} ${status}`,
      });
    }
    expect(toStorageError(s3Error('EntityTooLarge', 413), 'put in letters').code).toBe('too_large');
  });

  it('retries what the server or the network can heal: 5xx, throttling, timeouts, resets', () => {
    for (const err of [
      s3Error('SlowDown', 503),
      s3Error('InternalError', 500),
      s3Error('TooManyRequests', 429),
      s3Error('RequestTimeout', 408),
      Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }),
      Object.assign(new Error('connect'), { code: 'ECONNREFUSED' }),
    ]) {
      expect(toStorageError(err, 'get in letters')).toMatchObject({
        code: 'storage_unavailable',
        permanent: false,
      });
    }
  });
});
