import type { Logger } from '@imr/logging';
import { changesFromBody, EnvelopeError, type EnvelopeErrorCode } from './envelopes.ts';
import type { ObjectChange } from './s3-event.ts';

/** Why an SQS message is no event: the envelope parser's codes, and a body that is no JSON at all. */
export type SqsRefusalCode = EnvelopeErrorCode | 'body_not_json';

export type SqsMessageReading = { ok: true; changes: ObjectChange[] } | { ok: false; code: SqsRefusalCode };

/**
 * What an SQS message body says. AWS puts bucket events there as JSON text in one of the shapes the
 * HTTP trigger already understands: the S3 event notification (S3 -> SQS, and S3 -> SNS -> SQS with
 * raw message delivery), the SNS envelope around it (raw delivery off), an EventBridge event, or
 * S3's `s3:TestEvent` (no changes). So this only turns the text into JSON and hands it to
 * `changesFromBody`; a body that is not JSON, or no event, is refused with a code, never thrown.
 */
export function readSqsMessage(body: string | undefined, log: Logger): SqsMessageReading {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body ?? '');
  } catch {
    return { ok: false, code: 'body_not_json' };
  }
  try {
    return { ok: true, changes: changesFromBody(parsed, log) };
  } catch (err) {
    // changesFromBody throws EnvelopeErrors only; anything else is a bug and must not be hidden.
    if (err instanceof EnvelopeError) return { ok: false, code: err.code };
    throw err;
  }
}
