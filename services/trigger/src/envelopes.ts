import type { Logger } from '@imr/logging';
import { type ZodError, z } from 'zod';
import {
  bucketProblem,
  type EventFieldCode,
  etagProblem,
  eventTimeOf,
  keyProblem,
  type ObjectChange,
  objectChanges,
  refineWith,
  s3EventSchema,
} from './s3-event.ts';

const snsSchema = z.object({
  Type: z.enum(['Notification', 'SubscriptionConfirmation', 'UnsubscribeConfirmation']),
  Message: z.string().optional(),
  SubscribeURL: z.string().optional(),
  TopicArn: z.string().optional(),
});

const eventBridgeSchema = z.object({
  'detail-type': z.string(),
  source: z.literal('aws.s3'),
  time: z.string().optional(),
  detail: z.object({
    bucket: z.object({ name: z.string().superRefine(refineWith(bucketProblem)) }),
    object: z.object({
      // EventBridge gives keys as stored, not URL-encoded.
      key: z.string().superRefine(refineWith(keyProblem)),
      etag: z.string().superRefine(refineWith(etagProblem)).optional(),
      'version-id': z.string().optional(),
      sequencer: z.string().optional(),
    }),
  }),
});

/**
 * More records than any sender puts in one notification (S3 and MinIO send one): refused before
 * they are validated one by one.
 */
export const MAX_RECORDS = 1000;

export type EnvelopeErrorCode =
  | 'not_an_event'
  | 'invalid_event'
  | 'too_many_records'
  | 'sns_message_not_json'
  | EventFieldCode;

/** A body that is no event the trigger understands: answered 400 with `code`, never retried. */
export class EnvelopeError extends Error {
  readonly code: EnvelopeErrorCode;

  constructor(message: string, code: EnvelopeErrorCode = 'not_an_event') {
    super(message);
    this.name = 'EnvelopeError';
    this.code = code;
  }
}

function isTestEvent(body: unknown): boolean {
  return typeof body === 'object' && body !== null && (body as { Event?: unknown }).Event === 's3:TestEvent';
}

function field(body: unknown, name: string): unknown {
  return typeof body === 'object' && body !== null && !Array.isArray(body)
    ? (body as Record<string, unknown>)[name]
    : undefined;
}

/** `Records[0].s3.object.key` */
function pathText(path: readonly PropertyKey[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i ? '.' : ''}${String(p)}`)).join('');
}

/**
 * The first problem zod found, as an EnvelopeError: the field's path and what is wrong with it
 * (never its value), with the field's own code (`key_too_long`, ...) or `invalid_event`.
 */
function refusal(error: ZodError, what: string, prefix = ''): EnvelopeError {
  const issue = error.issues[0];
  if (!issue) return new EnvelopeError(`not ${what}`, 'invalid_event');
  const code = (issue as { params?: { code?: EventFieldCode } }).params?.code ?? 'invalid_event';
  const path = pathText(issue.path);
  return new EnvelopeError(`${what}: ${prefix}${path || '(body)'}: ${issue.message}`, code);
}

function parseS3Event(body: unknown, prefix = ''): ObjectChange[] {
  const records = field(body, 'Records');
  if (Array.isArray(records) && records.length > MAX_RECORDS) {
    throw new EnvelopeError(`more than ${MAX_RECORDS} records in one event`, 'too_many_records');
  }
  const parsed = s3EventSchema.safeParse(body);
  if (!parsed.success) throw refusal(parsed.error, 'S3 event', prefix);
  return objectChanges(parsed.data);
}

/**
 * Understands the ways S3 events arrive: the plain S3 event notification (MinIO webhooks, AWS
 * S3 -> Lambda/HTTP), an SNS envelope around it, and an EventBridge event. SNS subscription
 * confirmations are logged (an operator confirms them), never fetched. Anything else, or an event
 * with a field S3 could not have sent (a key over 1,024 bytes, malformed URL encoding, ...), throws
 * an EnvelopeError with a code; nothing else is thrown, whatever the body.
 */
export function changesFromBody(body: unknown, log: Logger): ObjectChange[] {
  // S3 sends an s3:TestEvent when a notification is configured: nothing to do.
  if (isTestEvent(body)) return [];
  if (field(body, 'Records') !== undefined) return parseS3Event(body);
  if (field(body, 'Type') !== undefined) return fromSns(body, log);
  if (field(body, 'source') === 'aws.s3') return fromEventBridge(body);
  throw new EnvelopeError('not an S3 event, SNS notification or EventBridge event', 'not_an_event');
}

function fromSns(body: unknown, log: Logger): ObjectChange[] {
  const sns = snsSchema.safeParse(body);
  if (!sns.success) throw refusal(sns.error, 'SNS message');
  if (sns.data.Type !== 'Notification') {
    log.warn(
      { topic: sns.data.TopicArn, subscribeUrl: sns.data.SubscribeURL },
      `SNS ${sns.data.Type}: confirm it by hand`,
    );
    return [];
  }
  let inner: unknown;
  try {
    inner = JSON.parse(sns.data.Message ?? '');
  } catch {
    throw new EnvelopeError('SNS message is not JSON', 'sns_message_not_json');
  }
  if (isTestEvent(inner)) return [];
  if (field(inner, 'Records') === undefined) {
    throw new EnvelopeError('SNS message is not an S3 event', 'not_an_event');
  }
  return parseS3Event(inner, 'Message.');
}

function fromEventBridge(body: unknown): ObjectChange[] {
  const eb = eventBridgeSchema.safeParse(body);
  if (!eb.success) throw refusal(eb.error, 'EventBridge event');
  const kind =
    eb.data['detail-type'] === 'Object Created'
      ? 'created'
      : eb.data['detail-type'] === 'Object Deleted'
        ? 'removed'
        : null;
  if (!kind) return [];
  const { bucket, object } = eb.data.detail;
  return [
    {
      kind,
      source: {
        bucket: bucket.name,
        key: object.key,
        etag: object.etag ? object.etag.replace(/"/g, '') : null,
        versionId: object['version-id'] ?? null,
      },
      sequencer: object.sequencer ?? null,
      eventTime: eventTimeOf(eb.data.time),
    },
  ];
}
