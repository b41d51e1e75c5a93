import { ingestPayloadSchema } from '@imr/contracts';
import { createLogger } from '@imr/logging';
import { ingestJobId } from '@imr/queue';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { changesFromBody, EnvelopeError, MAX_RECORDS } from './envelopes.ts';
import {
  anyCodePoint,
  type EventSpec,
  encodeKey,
  etag,
  eventBody,
  eventSpec,
  loneSurrogate,
  s3Record,
  surrogateKey,
  tooLongKey,
  utf8Bytes,
  validKey,
} from './event-keys.arbitraries.ts';
import { decodeEventKey, keyProblem, type ObjectChange } from './s3-event.ts';

const log = createLogger('test', { level: 'silent' });
const CODES = [
  'not_an_event',
  'invalid_event',
  'too_many_records',
  'sns_message_not_json',
  'invalid_key',
  'key_too_long',
  'invalid_bucket',
  'invalid_etag',
];

/** As the body arrives over HTTP: serialized and parsed again. */
const wire = (body: unknown): unknown => JSON.parse(JSON.stringify(body));

type Outcome = { changes: ObjectChange[] } | { error: EnvelopeError };

/** Parses `body`; anything thrown other than an EnvelopeError fails the property. */
function outcome(body: unknown): Outcome {
  try {
    return { changes: changesFromBody(body, log) };
  } catch (err) {
    if (!(err instanceof EnvelopeError)) throw new Error(`threw ${String(err)}`, { cause: err });
    return { error: err };
  }
}

/** What any answer must look like: changes S3 could have sent, or a one-line coded refusal. */
function expectWellFormed(result: Outcome) {
  if ('error' in result) {
    expect(CODES).toContain(result.error.code);
    expect(result.error.message).not.toMatch(/[\r\n]/);
    expect(result.error.message.length).toBeLessThan(300);
    return;
  }
  for (const change of result.changes) {
    expect(['created', 'removed']).toContain(change.kind);
    expect(keyProblem(change.source.key)).toBeNull();
    expect(change.source.bucket).toMatch(/^[A-Za-z0-9][A-Za-z0-9._-]{0,254}$/);
    if (change.source.etag !== null) expect(change.source.etag).toMatch(/^[\x20-\x7e]*$/);
    if (change.eventTime !== null) expect(Number.isNaN(Date.parse(change.eventTime))).toBe(false);
  }
}

function expectRefused(result: Outcome, ...codes: string[]) {
  expect('error' in result, JSON.stringify(result)).toBe(true);
  if ('error' in result && codes.length) expect(codes).toContain(result.error.code);
}

function expectOneChange(result: Outcome, spec: EventSpec) {
  expect('changes' in result, 'error' in result ? result.error.message : '').toBe(true);
  const changes = 'changes' in result ? result.changes : [];
  expect(changes).toHaveLength(1);
  expect(changes[0]?.kind).toBe(spec.kind);
  expect(changes[0]?.source).toEqual({
    bucket: spec.bucket,
    key: spec.key,
    etag: spec.etag,
    versionId: null,
  });
  return changes[0] as ObjectChange;
}

describe('changesFromBody: any input', () => {
  it('answers arbitrary JSON and arbitrary values with changes or an EnvelopeError, nothing else', () => {
    const shaped = fc.oneof(
      fc.jsonValue(),
      fc.anything(),
      fc.string().map((s) => s as unknown),
      fc.record({ Records: fc.jsonValue() }, { noNullPrototype: true }),
      fc.record({ Records: fc.array(fc.jsonValue(), { maxLength: 4 }) }),
      fc.record({ Type: fc.jsonValue(), Message: fc.oneof(fc.string(), fc.json(), fc.jsonValue()) }),
      fc.record({ Type: fc.constant('Notification'), Message: fc.oneof(fc.string(), fc.json()) }),
      fc.record({ source: fc.constant('aws.s3'), 'detail-type': fc.jsonValue(), detail: fc.jsonValue() }),
      fc.record({ Event: fc.jsonValue(), Records: fc.jsonValue() }, { requiredKeys: [] }),
    );
    fc.assert(
      fc.property(shaped, (body) => expectWellFormed(outcome(body))),
      { numRuns: 200 },
    );
  });

  it('refuses deeply nested bodies, wherever the nesting is, with an EnvelopeError', () => {
    /** `depth` levels of arrays or of objects. */
    const nested = (depth: number, kind: 'array' | 'object') => {
      let value: unknown = kind === 'array' ? [] : 1;
      for (let i = 0; i < depth; i++) value = kind === 'array' ? [value] : { a: value };
      return value;
    };
    const record = (s3: unknown) => ({ Records: [{ eventName: 'ObjectCreated:Put', s3 }] });
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 20_000 }),
        fc.constantFrom<'array' | 'object'>('array', 'object'),
        fc.constantFrom('body', 'records', 's3', 'key', 'message', 'detail'),
        (depth, kind, where) => {
          const deep = nested(depth, kind);
          const body = {
            body: () => deep,
            records: () => ({ Records: deep }),
            s3: () => record(deep),
            key: () => record({ bucket: { name: 'b' }, object: { key: deep } }),
            message: () => ({
              Type: 'Notification',
              Message:
                kind === 'array'
                  ? `${'['.repeat(depth)}${']'.repeat(depth)}`
                  : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`,
            }),
            detail: () => ({ source: 'aws.s3', 'detail-type': 'Object Created', detail: deep }),
          }[where]();
          const result = outcome(body);
          expectWellFormed(result);
          expectRefused(result);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('never hangs: the worst bodies 1 MB of JSON can carry are answered in well under a second', () => {
    const KB = 1024;
    const badKey = `${'%E0%A4'.repeat(160)}%`;
    const badRecord = s3Record(
      { kind: 'created', bucket: 'letters', key: 'k', etag: 'e', encoding: 'aws' },
      badKey,
    );
    // Nesting depth costs nothing here: nothing recurses into fields it does not know.
    let deep: unknown = [];
    for (let i = 0; i < 64 * KB; i++) deep = [deep];
    const wide = () => Object.fromEntries(Array.from({ length: 20 * KB }, (_, i) => [`k${i}`, 1]));
    const bodies: Record<string, unknown> = {
      emptyRecords: { Records: Array(340 * KB).fill({}) },
      numberRecords: { Records: Array(512 * KB).fill(1) },
      badKeyRecords: { Records: Array(MAX_RECORDS).fill(badRecord) },
      snsOfNumberRecords: {
        Type: 'Notification',
        Message: `{"Records":[${Array(512 * KB)
          .fill(1)
          .join(',')}]}`,
      },
      deepArrays: deep,
      wideObject: wide(),
      wideRecord: { Records: [wide()] },
    };
    for (const [name, body] of Object.entries(bodies)) {
      const started = performance.now();
      const result = outcome(body);
      const ms = performance.now() - started;
      expectRefused(result);
      // The unguarded parser took 4-5 s for the first two on an idle machine.
      expect(ms, name).toBeLessThan(1500);
    }
  });
});

describe('changesFromBody: valid events', () => {
  it('a valid S3, SNS or EventBridge event round-trips to its bucket, key and ETag, whatever the key', () => {
    fc.assert(
      fc.property(eventSpec(), (spec) => {
        expectOneChange(outcome(wire(eventBody(spec))), spec);
      }),
      { numRuns: 150 },
    );
  });

  it('keys arrive exactly as S3 holds them, through the ingest payload to a job id that is no path', () => {
    fc.assert(
      fc.property(eventSpec(), (spec) => {
        const change = expectOneChange(outcome(wire(eventBody(spec))), spec);
        // Character for character: no decoding twice, no Unicode normalization, no path resolution.
        expect(change.source.key).toBe(spec.key);
        expect(utf8Bytes(change.source.key)).toBe(utf8Bytes(spec.key));
        const payload = ingestPayloadSchema.parse({
          source: change.source,
          trigger: 'event',
          seenAt: change.eventTime ?? new Date().toISOString(),
        });
        expect(payload.source.key).toBe(spec.key);
        const id = ingestJobId(payload.source);
        expect(id).toMatch(/^ingest-[0-9a-f]{32}$/);
        expect(id).toBe(
          ingestJobId({ bucket: spec.bucket, key: spec.key, etag: spec.etag, versionId: null }),
        );
      }),
      { numRuns: 150 },
    );
  });

  it('distinct keys S3 can hold keep distinct job ids; keys it cannot hold are refused, never merged', () => {
    // Families of look-alikes: unpaired surrogates (UTF-8 has none: hashing would make them U+FFFD),
    // U+FFFD itself, composed and decomposed forms, and NULs between key and ETag.
    const family = fc
      .tuple(
        validKey,
        loneSurrogate,
        loneSurrogate,
        fc.constantFrom('\u0000', '\u0000\u0000', '\u0000x'),
        etag,
      )
      .map(([base, s1, s2, nul, tag]) => [
        { key: `${base}${s1}`, etag: tag },
        { key: `${base}${s2}`, etag: tag },
        { key: `${base}\ufffd`, etag: tag },
        { key: `${base}é`, etag: tag },
        { key: `${base}e\u0301`, etag: tag },
        { key: base, etag: `${tag}${nul}` },
        { key: `${base}${nul}`, etag: tag },
        { key: `${base}\u0000${tag}`, etag: '' },
      ]);
    fc.assert(
      fc.property(family, fc.constantFrom('minimal', 'eventbridge'), (candidates, how) => {
        const ids = new Map<string, string>();
        const seen = new Set<string>();
        for (const { key, etag: tag } of candidates) {
          if (seen.has(JSON.stringify([key, tag]))) continue;
          seen.add(JSON.stringify([key, tag]));
          const spec: EventSpec = {
            kind: 'created',
            bucket: 'letters',
            key,
            etag: tag,
            envelope: how === 'eventbridge' ? 'eventbridge' : 's3',
            encoding: 'minimal',
          };
          const body = eventBody(spec);
          if (how === 'eventbridge') (body.detail as { object: { etag?: string } }).object.etag = tag;
          const result = outcome(wire(body));
          expectWellFormed(result);
          if ('error' in result) continue;
          const [change] = result.changes;
          expect(change?.source.key).toBe(key);
          const id = ingestJobId(change?.source as ObjectChange['source']);
          const previous = `${JSON.stringify(change?.source.key)} ${JSON.stringify(change?.source.etag)}`;
          expect(ids.get(id), `${previous} shares its job id`).toBeUndefined();
          ids.set(id, previous);
        }
      }),
      { numRuns: 100 },
    );
  });

  it('refuses keys over 1,024 UTF-8 bytes and keys with unpaired surrogates, with their own codes', () => {
    fc.assert(
      fc.property(eventSpec(tooLongKey), (spec) => {
        expectRefused(outcome(wire(eventBody(spec))), 'key_too_long');
      }),
      { numRuns: 50 },
    );
    fc.assert(
      fc.property(eventSpec(surrogateKey), (spec) => {
        // URL encoding cannot express an unpaired surrogate: it travels raw in the JSON.
        const raw = spec.envelope === 'eventbridge' ? spec.key : encodeKey(spec.key, 'minimal');
        expectRefused(outcome(wire(eventBody(spec, raw))), 'invalid_key');
      }),
      { numRuns: 50 },
    );
  });

  it('decodes any percent-encoding it is given, or refuses it as invalid_key; never throws a URIError', () => {
    const piece = fc.constantFrom(
      '%',
      '%2',
      '%%',
      '%G1',
      '%zz',
      '%E0',
      '%A4',
      '%E0%A4%A',
      '%E0%A4%A4',
      '%ED%A0%80',
      '%C0%AF',
      '%F4%90%80%80',
      '%FF',
      '%00',
      '%20',
      '%2B',
      '%25',
      '%2F',
      '+',
      '/',
      'a',
      '.',
      'é',
      '\u0000',
      '\ud800',
      '\udfff',
    );
    fc.assert(
      fc.property(fc.string({ unit: piece, minLength: 1, maxLength: 30 }), fc.boolean(), (raw, viaSns) => {
        const spec: EventSpec = {
          kind: 'created',
          bucket: 'letters',
          key: 'unused',
          etag: 'e',
          envelope: viaSns ? 'sns' : 's3',
          encoding: 'minimal',
        };
        const result = outcome(wire(eventBody(spec, raw)));
        expectWellFormed(result);
        if ('error' in result) {
          expect(['invalid_key', 'key_too_long']).toContain(result.error.code);
          return;
        }
        expect(result.changes[0]?.source.key).toBe(decodeEventKey(raw));
      }),
      { numRuns: 150 },
    );
  });
});

describe('changesFromBody: valid events with hostile fields', () => {
  /** Paths of each envelope's fields, and whether the event can do without them. */
  const FIELDS: Record<'s3' | 'eventbridge', [(string | number)[], 'required' | 'optional'][]> = {
    s3: [
      [['Records'], 'required'],
      [['Records', 0], 'required'],
      [['Records', 0, 'eventName'], 'required'],
      [['Records', 0, 's3'], 'required'],
      [['Records', 0, 's3', 'bucket'], 'required'],
      [['Records', 0, 's3', 'bucket', 'name'], 'required'],
      [['Records', 0, 's3', 'object'], 'required'],
      [['Records', 0, 's3', 'object', 'key'], 'required'],
      [['Records', 0, 's3', 'object', 'eTag'], 'optional'],
      [['Records', 0, 's3', 'object', 'versionId'], 'optional'],
      [['Records', 0, 's3', 'object', 'sequencer'], 'optional'],
      [['Records', 0, 'eventTime'], 'optional'],
    ],
    eventbridge: [
      [['detail-type'], 'required'],
      [['detail'], 'required'],
      [['detail', 'bucket'], 'required'],
      [['detail', 'bucket', 'name'], 'required'],
      [['detail', 'object'], 'required'],
      [['detail', 'object', 'key'], 'required'],
      [['detail', 'object', 'etag'], 'optional'],
      [['detail', 'object', 'version-id'], 'optional'],
      [['detail', 'object', 'sequencer'], 'optional'],
      [['time'], 'optional'],
    ],
  };
  const DELETE = Symbol('delete');

  function setAt(body: unknown, path: (string | number)[], value: unknown): unknown {
    const copy = structuredClone(body) as Record<string | number, unknown>;
    let at = copy;
    for (const step of path.slice(0, -1)) at = at[step] as Record<string | number, unknown>;
    const last = path[path.length - 1] as string | number;
    if (value === DELETE) delete at[last];
    else at[last] = value;
    return copy;
  }

  it('a field missing or of the wrong type is refused with a code; an optional one missing is fine', () => {
    const wrongType = fc.oneof(
      fc.constant(null),
      fc.boolean(),
      fc.double(),
      fc.constantFrom(1e308, -0, Number.MAX_SAFE_INTEGER),
      fc.array(fc.string(), { minLength: 1, maxLength: 3 }),
      fc.dictionary(fc.string(), fc.string(), { maxKeys: 3 }),
    );
    const cases = fc
      .tuple(eventSpec(), fc.nat(), fc.oneof(fc.constant<typeof DELETE>(DELETE), wrongType))
      .map(([spec, pick, value]) => {
        const fields = FIELDS[spec.envelope === 'eventbridge' ? 'eventbridge' : 's3'];
        return { spec, field: fields[pick % fields.length] as (typeof fields)[number], value };
      });
    fc.assert(
      fc.property(cases, ({ spec, field: [path, need], value }) => {
        const event = eventBody({ ...spec, envelope: spec.envelope === 'sns' ? 's3' : spec.envelope });
        const hostile = setAt(event, path, value);
        const body =
          spec.envelope === 'sns' ? { Type: 'Notification', Message: JSON.stringify(hostile) } : hostile;
        const result = outcome(wire(body));
        expectWellFormed(result);
        // null and undefined travel alike in JSON for optional fields; anything else is a wrong type.
        if (need === 'required' || value !== DELETE) {
          if (!(need === 'optional' && value === null)) expectRefused(result);
        } else {
          const etagGone = /^e[tT]ag$/.test(String(path[path.length - 1]));
          expectOneChange(result, etagGone ? { ...spec, etag: null as never } : spec);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('unknown fields, huge sizes and odd event times do not change what an event means', () => {
    const extraName = fc
      .string({ minLength: 1, maxLength: 12 })
      .filter(
        (k) =>
          ![
            'Records',
            'Type',
            'Message',
            'Event',
            'source',
            'detail-type',
            'detail',
            'time',
            'eventName',
            'eventTime',
            's3',
            'bucket',
            'name',
            'object',
            'key',
            'eTag',
            'etag',
            'versionId',
            'version-id',
            'sequencer',
          ].includes(k),
      );
    const size = fc.oneof(
      fc.constantFrom(Number.MAX_SAFE_INTEGER, 2 ** 64, 1e308, -1, 0, 5 * 1024 ** 4),
      fc.string(),
      fc.constant(null),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
    );
    fc.assert(
      fc.property(
        eventSpec(),
        fc.array(fc.tuple(extraName, fc.jsonValue({ maxDepth: 2 })), { maxLength: 4 }),
        size,
        fc.oneof(fc.string({ maxLength: 100 }), fc.constant('9'.repeat(10_000))),
        (spec, extras, hugeSize, time) => {
          const plain = eventBody({ ...spec, envelope: spec.envelope === 'sns' ? 's3' : spec.envelope });
          const hostile = structuredClone(plain);
          const at = (o: unknown, ...path: (string | number)[]) =>
            path.reduce((x, step) => (x as Record<string | number, unknown>)[step], o) as Record<
              string,
              unknown
            >;
          const eb = spec.envelope === 'eventbridge';
          const record = eb ? hostile : at(hostile, 'Records', 0);
          const targets = eb
            ? [
                hostile,
                at(hostile, 'detail'),
                at(hostile, 'detail', 'object'),
                at(hostile, 'detail', 'bucket'),
              ]
            : [hostile, record, at(record, 's3'), at(record, 's3', 'object')];
          // Own properties, even "__proto__", as JSON.parse makes them.
          for (const [i, [name, value]] of extras.entries()) {
            Object.defineProperty(targets[i % targets.length], name, { value, enumerable: true });
          }
          at(hostile, ...(eb ? ['detail', 'object'] : ['Records', 0, 's3', 'object'])).size = hugeSize;
          record[eb ? 'time' : 'eventTime'] = time;
          const wrap = (e: unknown) =>
            spec.envelope === 'sns' ? { Type: 'Notification', Message: JSON.stringify(e) } : e;
          const expected = outcome(wire(wrap(plain)));
          const result = outcome(wire(wrap(hostile)));
          expectWellFormed(result);
          const strip = (r: Outcome) =>
            'changes' in r ? r.changes.map((c) => ({ kind: c.kind, source: c.source })) : r;
          expect(strip(result)).toEqual(strip(expected));
        },
      ),
      { numRuns: 100 },
    );
  });

  it('extra records: valid ones each count, one junk record refuses the event, too many are refused', () => {
    const otherName = fc.constantFrom(
      'ObjectAccessed:Get',
      's3:ObjectTagging:Put',
      'LifecycleExpiration:Delete',
    );
    const extra = fc.oneof(
      eventSpec().map((spec) => ({ spec, record: s3Record(spec) as unknown, counts: true })),
      fc.tuple(eventSpec(), otherName).map(([spec, name]) => ({
        spec,
        record: { ...s3Record(spec), eventName: name } as unknown,
        counts: false,
      })),
    );
    fc.assert(
      fc.property(
        fc.array(extra, { minLength: 1, maxLength: 6 }),
        fc.option(fc.tuple(fc.nat(), fc.jsonValue()), { nil: undefined }),
        fc.boolean(),
        (records, junk, viaSns) => {
          const list = records.map((r) => r.record);
          if (junk) list.splice(junk[0] % (list.length + 1), 0, junk[1]);
          const event = { Records: list };
          const result = outcome(
            wire(viaSns ? { Type: 'Notification', Message: JSON.stringify(event) } : event),
          );
          expectWellFormed(result);
          if (junk) return expectRefused(result);
          const counted = records.filter((r) => r.counts);
          expect('changes' in result && result.changes.map((c) => c.source.key)).toEqual(
            counted.map((r) => r.spec.key),
          );
        },
      ),
      { numRuns: 75 },
    );
    const record = s3Record({ kind: 'created', bucket: 'letters', key: 'k', etag: 'e', encoding: 'aws' });
    expectRefused(outcome({ Records: Array(MAX_RECORDS + 1).fill(record) }), 'too_many_records');
    expect(outcome({ Records: Array(MAX_RECORDS).fill(record) })).toMatchObject({
      changes: { length: MAX_RECORDS },
    });
  });

  it('refuses bucket names and ETags S3 could not have sent, with their codes', () => {
    const badBucket = fc.oneof(
      fc.constantFrom('', '.', '..', '../x', 'a/b', 'a\u0000b', '-a', 'x'.repeat(256), 'bück'),
      fc.string({ minLength: 1 }).filter((s) => !/^[A-Za-z0-9][A-Za-z0-9._-]{0,254}$/.test(s)),
    );
    const badEtag = fc.oneof(
      fc.constantFrom('\u0000', 'e\u0000x', 'a\nb', 'é', 'x'.repeat(300)),
      fc
        .tuple(fc.string(), fc.string({ unit: anyCodePoint, minLength: 1, maxLength: 3 }), fc.string())
        .map(([a, b, c]) => `${a}${b}${c}`)
        .filter((s) => /[^\x20-\x7e]/.test(s)),
    );
    fc.assert(
      fc.property(eventSpec(), badBucket, (spec, bucket) => {
        expectRefused(outcome(wire(eventBody({ ...spec, bucket }))), 'invalid_bucket');
      }),
      { numRuns: 50 },
    );
    fc.assert(
      fc.property(eventSpec(), badEtag, (spec, tag) => {
        expectRefused(outcome(wire(eventBody({ ...spec, etag: tag }))), 'invalid_etag');
      }),
      { numRuns: 50 },
    );
  });
});
