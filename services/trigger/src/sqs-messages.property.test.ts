import { createLogger } from '@imr/logging';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { changesFromBody, EnvelopeError } from './envelopes.ts';
import { anyCodePoint, eventBody, eventSpec, tooLongKey, utf8Bytes } from './event-keys.arbitraries.ts';
import { readSqsMessage } from './sqs-messages.ts';

const log = createLogger('test', { level: 'silent' });
const CODES = [
  'body_not_json',
  'not_an_event',
  'invalid_event',
  'too_many_records',
  'sns_message_not_json',
  'invalid_key',
  'key_too_long',
  'invalid_bucket',
  'invalid_etag',
];

/** What the HTTP trigger makes of the same body: its changes, or its refusal's code. */
function overHttp(body: unknown) {
  try {
    return { ok: true as const, changes: changesFromBody(body, log) };
  } catch (err) {
    if (!(err instanceof EnvelopeError)) throw err;
    return { ok: false as const, code: err.code };
  }
}

/** Text an SQS message can hold, made of JSON's own pieces as often as of anything else. */
const messageText = fc.oneof(
  fc.string({ unit: anyCodePoint, maxLength: 200 }),
  fc.json(),
  fc
    .array(
      fc.constantFrom(
        '{',
        '}',
        '[',
        ']',
        '"',
        ':',
        ',',
        'Records',
        'Type',
        'Message',
        'source',
        '\\',
        'null',
      ),
      {
        maxLength: 30,
      },
    )
    .map((parts) => parts.join('')),
);

describe('readSqsMessage (property)', () => {
  it('never throws on any body: text that is JSON is read as the HTTP trigger reads it, other text is body_not_json', () => {
    fc.assert(
      fc.property(fc.option(messageText, { nil: undefined }), (body) => {
        const reading = readSqsMessage(body, log);
        if (!reading.ok) expect(CODES).toContain(reading.code);
        let json: unknown;
        try {
          json = JSON.parse(body ?? '');
        } catch {
          expect(reading).toEqual({ ok: false, code: 'body_not_json' });
          return;
        }
        expect(reading).toEqual(overHttp(json));
      }),
      { numRuns: 2000 },
    );
  });

  it('reads an event as the HTTP trigger does: the same changes, or the same refusal (a key S3 cannot hold)', () => {
    fc.assert(
      fc.property(fc.oneof(eventSpec(), eventSpec(tooLongKey)), (spec) => {
        const body = eventBody(spec);
        const reading = readSqsMessage(JSON.stringify(body), log);
        expect(reading).toEqual(overHttp(JSON.parse(JSON.stringify(body))));
        expect(reading.ok).toBe(utf8Bytes(spec.key) <= 1024);
        if (!reading.ok) expect(reading.code).toBe('key_too_long');
      }),
    );
  });

  it('S3 -> SQS, S3 -> SNS -> SQS (raw delivery on: the same text; off: the envelope) yield the same changes', () => {
    fc.assert(
      fc.property(eventSpec(), (spec) => {
        const direct = readSqsMessage(JSON.stringify(eventBody({ ...spec, envelope: 's3' })), log);
        const wrapped = readSqsMessage(JSON.stringify(eventBody({ ...spec, envelope: 'sns' })), log);
        expect(direct.ok).toBe(true);
        expect(wrapped).toEqual(direct);
        if (direct.ok) {
          expect(direct.changes).toHaveLength(1);
          expect(direct.changes[0]?.source.key).toBe(spec.key);
        }
      }),
    );
  });

  it('a valid body cut short or with a byte changed is refused or read, never thrown', () => {
    fc.assert(
      fc.property(eventSpec(), fc.nat(), anyCodePoint, (spec, at, ch) => {
        const text = JSON.stringify(eventBody(spec));
        const cut = at % (text.length + 1);
        for (const body of [text.slice(0, cut), text.slice(0, cut) + ch + text.slice(cut + 1)]) {
          const reading = readSqsMessage(body, log);
          if (!reading.ok) expect(CODES).toContain(reading.code);
        }
      }),
    );
  });

  it('text that is no JSON is body_not_json; the s3:TestEvent, plain or through SNS, is read as no changes', () => {
    expect(readSqsMessage(undefined, log)).toEqual({ ok: false, code: 'body_not_json' });
    expect(readSqsMessage('', log)).toEqual({ ok: false, code: 'body_not_json' });
    expect(readSqsMessage('Records: []', log)).toEqual({ ok: false, code: 'body_not_json' });
    const testEvent = {
      Service: 'Amazon S3',
      Event: 's3:TestEvent',
      Bucket: 'b',
      Time: '2026-01-01T00:00:00Z',
    };
    expect(readSqsMessage(JSON.stringify(testEvent), log)).toEqual({ ok: true, changes: [] });
    const sns = { Type: 'Notification', Message: JSON.stringify(testEvent) };
    expect(readSqsMessage(JSON.stringify(sns), log)).toEqual({ ok: true, changes: [] });
  });
});
