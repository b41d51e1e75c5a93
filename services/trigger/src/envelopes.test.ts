import { createLogger } from '@imr/logging';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { changesFromBody, EnvelopeError } from './envelopes.ts';
import { decodeEventKey } from './s3-event.ts';

const log = createLogger('test', { level: 'silent' });
/** As AWS encodes keys in events: URL-encoded, a space as '+', slashes kept. */
const encodeEventKey = (key: string) => encodeURIComponent(key).replace(/%20/g, '+').replace(/%2F/g, '/');
const record = (eventName: string, key: string) => ({
  eventName,
  s3: { bucket: { name: 'b' }, object: { key, eTag: '"e"' } },
});

describe('decodeEventKey', () => {
  it('undoes S3 event key encoding for any key', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, unit: 'grapheme' }), (key) => {
        expect(decodeEventKey(encodeEventKey(key))).toBe(key);
      }),
    );
  });

  it('reads MinIO keys (slashes encoded too) and AWS keys alike', () => {
    expect(decodeEventKey('in%2FDr+Smith%2BJones+%C3%A9.txt')).toBe('in/Dr Smith+Jones é.txt');
    expect(decodeEventKey('in/Dr+Smith%2BJones+%C3%A9.txt')).toBe('in/Dr Smith+Jones é.txt');
  });
});

describe('changesFromBody', () => {
  it('keeps created and removed records, with or without the s3: prefix, and drops the others', () => {
    const changes = changesFromBody(
      {
        EventName: 's3:ObjectCreated:Put',
        Records: [
          record('s3:ObjectCreated:CompleteMultipartUpload', 'a'),
          record('ObjectRemoved:DeleteMarkerCreated', 'b'),
          record('s3:ObjectAccessed:Get', 'c'),
          record('ObjectTagging:Put', 'd'),
        ],
      },
      log,
    );
    expect(changes.map((c) => [c.kind, c.source.key, c.source.etag])).toEqual([
      ['created', 'a', 'e'],
      ['removed', 'b', 'e'],
    ]);
  });

  it('refuses what is no event, and a key that is not valid URL encoding', () => {
    expect(() => changesFromBody({ Type: 'Notification', Message: '{"x":1}' }, log)).toThrow(EnvelopeError);
    expect(() => changesFromBody([], log)).toThrow(EnvelopeError);
    expect(() => changesFromBody(null, log)).toThrow(EnvelopeError);
    expect(() => changesFromBody({ Records: [record('ObjectCreated:Put', 'bad%E0%A4%A')] }, log)).toThrow(
      EnvelopeError,
    );
  });
});
