/**
 * fast-check arbitraries for the trigger's property tests: object keys a hostile or careless sender
 * can produce, the three ways S3 events arrive, and the encodings S3 and MinIO use for keys.
 * Test-only (imported by *.test.ts here and under test/trigger/).
 */
import fc from 'fast-check';

/** Pieces a crafted key is made of: path-like segments, encoding look-alikes, every control character. */
const HOSTILE_PIECES = [
  '../',
  '..',
  './',
  '/',
  '//',
  '\\',
  '..\\',
  '%',
  '%2F',
  '%25',
  '%00',
  '+',
  ' ',
  '?',
  '#',
  '&',
  '=',
  ':',
  '*',
  '"',
  "'",
  '<',
  '>',
  '{',
  '}',
  '\u007f',
  '\u0085',
  '\u00a0',
  '\u200b',
  '\u2028',
  '\ufeff',
  '\ufffd',
  'é',
  'e\u0301',
  'ß',
  'İ',
  '日本',
  'ﬁ',
  '𝔘',
  '🩺',
  '👩‍⚕️',
  'artifacts/',
  'incoming/',
];
/**
 * Any Unicode scalar value (no surrogates). fast-check's 'binary' unit does the same but costs
 * seconds to set up.
 */
export const anyCodePoint = fc
  .integer({ min: 0, max: 0x10ffff - 0x800 })
  .map((c) => String.fromCodePoint(c >= 0xd800 ? c + 0x800 : c));
const CONTROL = fc.integer({ min: 0, max: 0x1f }).map((c) => String.fromCharCode(c));

/** One piece of a valid key: any grapheme, a hostile piece or a control character. */
const keyUnit = fc.oneof(
  { weight: 3, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }) },
  { weight: 2, arbitrary: fc.constantFrom(...HOSTILE_PIECES) },
  { weight: 1, arbitrary: CONTROL },
  { weight: 1, arbitrary: anyCodePoint },
);

export const utf8Bytes = (s: string) => Buffer.byteLength(s, 'utf8');

/** `s` cut, between code points, to at most `max` bytes of UTF-8. */
export function fitToBytes(s: string, max: number): string {
  let out = '';
  let bytes = 0;
  for (const ch of s) {
    const n = utf8Bytes(ch);
    if (bytes + n > max) break;
    out += ch;
    bytes += n;
  }
  return out;
}

/** A key S3 accepts: 1 to 1,024 bytes of UTF-8, anything else goes (a key is not a path). */
export const validKey: fc.Arbitrary<string> = fc
  .oneof(
    { weight: 4, arbitrary: fc.string({ unit: keyUnit, minLength: 1, maxLength: 40 }) },
    // Right at the limit: multi-byte characters up to exactly 1,024 bytes (or just under).
    {
      weight: 1,
      arbitrary: fc
        .tuple(
          fc.string({ unit: keyUnit, minLength: 1, maxLength: 40 }),
          fc.constantFrom('x', 'é', '日', '🩺'),
        )
        .map(([head, fill]) => {
          const base = fitToBytes(head, 1024);
          const room = 1024 - utf8Bytes(base);
          return base + fill.repeat(Math.floor(room / utf8Bytes(fill)));
        }),
    },
  )
  .filter((key) => !/\p{Cs}/u.test(key));

/** A key over S3's 1,024 bytes. */
export const tooLongKey: fc.Arbitrary<string> = fc
  .tuple(
    fc.string({ unit: keyUnit, maxLength: 20 }),
    fc.integer({ min: 1, max: 3000 }),
    fc.constantFrom('x', 'é', '🩺'),
  )
  .map(([head, over, fill]) => {
    let key = head;
    while (utf8Bytes(key) <= 1024) key += fill;
    return key + 'x'.repeat(over);
  });

/** A UTF-16 surrogate on its own: no UTF-8 (and no S3 key) can hold it. */
export const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c));

/** A key with an unpaired surrogate somewhere. */
export const surrogateKey: fc.Arbitrary<string> = fc
  .tuple(
    fc.string({ unit: keyUnit, maxLength: 10 }),
    loneSurrogate,
    fc.string({ unit: 'grapheme-ascii', maxLength: 5 }),
  )
  .map(([a, s, b]) => `${a}${s}${b}`)
  .filter((k) => /\p{Cs}/u.test(k));

export const bucketName = fc.stringMatching(/^[a-z0-9][a-z0-9.-]{2,40}[a-z0-9]$/);
const hex = (length: number) =>
  fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: length, maxLength: length });
/** An ETag as S3 reports it, without quotes: MD5 hex, or `<hex>-<parts>` for multipart uploads. */
export const etag: fc.Arbitrary<string> = fc.oneof(
  hex(32),
  fc.tuple(hex(32), fc.integer({ min: 1, max: 10_000 })).map(([h, n]) => `${h}-${n}`),
);

export type KeyEncoding = 'aws' | 'minio' | 'minimal';
/**
 * The ways senders encode a key in an S3 event: AWS (URL encoding, '+' for a space, '/' kept),
 * MinIO ('/' encoded too), and the least a decoder must cope with ('%' and '+' only).
 */
export function encodeKey(key: string, how: KeyEncoding): string {
  if (how === 'minimal') return key.replace(/%/g, '%25').replace(/\+/g, '%2B');
  const encoded = encodeURIComponent(key).replace(/%20/g, '+');
  return how === 'aws' ? encoded.replace(/%2F/g, '/') : encoded;
}
export const keyEncoding = fc.constantFrom<KeyEncoding>('aws', 'minio', 'minimal');

export type Envelope = 's3' | 'sns' | 'eventbridge';
export const envelope = fc.constantFrom<Envelope>('s3', 'sns', 'eventbridge');

export interface EventSpec {
  kind: 'created' | 'removed';
  bucket: string;
  key: string;
  etag: string;
  envelope: Envelope;
  encoding: KeyEncoding;
}

export function s3Record(spec: Omit<EventSpec, 'envelope'>, encodedKey?: string) {
  return {
    eventVersion: '2.1',
    eventSource: 'aws:s3',
    eventName: spec.kind === 'created' ? 'ObjectCreated:Put' : 's3:ObjectRemoved:Delete',
    eventTime: '2026-11-22T10:00:00.000Z',
    s3: {
      s3SchemaVersion: '1.0',
      bucket: { name: spec.bucket, arn: `arn:aws:s3:::${spec.bucket}` },
      object: {
        key: encodedKey ?? encodeKey(spec.key, spec.encoding),
        size: 1234,
        eTag: `"${spec.etag}"`,
        sequencer: '0055AED6DCD90281E5',
      },
    },
  };
}

/** A whole event body for `spec`, as its sender would POST it. `rawKey` replaces the encoded key. */
export function eventBody(spec: EventSpec, rawKey?: string): Record<string, unknown> {
  if (spec.envelope === 'eventbridge') {
    return {
      version: '0',
      id: '17793124-05d4-b198-2fde-7ededc63b103',
      'detail-type': spec.kind === 'created' ? 'Object Created' : 'Object Deleted',
      source: 'aws.s3',
      time: '2026-11-22T11:00:00Z',
      detail: {
        version: '0',
        bucket: { name: spec.bucket },
        object: { key: rawKey ?? spec.key, size: 1234, etag: spec.etag, sequencer: '00617F08299329D189' },
      },
    };
  }
  const event = { Records: [s3Record(spec, rawKey)] };
  if (spec.envelope === 's3') return event;
  return {
    Type: 'Notification',
    MessageId: '22b80b92-fdea-4c2c-8f9d-bdfb0c7bf324',
    TopicArn: 'arn:aws:sns:us-east-1:123456789012:letters',
    Message: JSON.stringify(event),
  };
}

export const eventSpec = (key: fc.Arbitrary<string> = validKey): fc.Arbitrary<EventSpec> =>
  fc.record({
    kind: fc.constantFrom<'created' | 'removed'>('created', 'removed'),
    bucket: bucketName,
    key,
    etag,
    envelope,
    encoding: keyEncoding,
  });
