import type { ObjectRef } from '@imr/contracts';
import { z } from 'zod';

/** S3 keys are at most 1,024 bytes of UTF-8. */
export const MAX_KEY_BYTES = 1024;
/** Legacy us-east-1 bucket names: up to 255 letters, digits, '.', '-', '_' (newer rules are stricter). */
const BUCKET_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,254}$/;
/** S3 ETags are quoted hex (`"…"`, `"…-N"` for multipart uploads): printable ASCII, short. */
const ETAG = /^[\x20-\x7e]{0,256}$/;
/** A UTF-16 surrogate without its pair: no UTF-8 encoding exists, so no S3 key contains one. */
const LONE_SURROGATE = /\p{Cs}/u;

/** Why a field of an event was refused; the trigger answers 400 with this code. */
export type EventFieldCode = 'invalid_key' | 'key_too_long' | 'invalid_bucket' | 'invalid_etag';

export interface FieldProblem {
  code: EventFieldCode;
  message: string;
}

/**
 * Why S3 could not hold an object under `key` (decoded), or null when it could: a key is 1 to
 * 1,024 bytes of UTF-8, any characters (control characters, '../', unicode: a key is never a path).
 */
export function keyProblem(key: string): FieldProblem | null {
  if (key.length === 0) return { code: 'invalid_key', message: 'object key is empty' };
  if (LONE_SURROGATE.test(key)) {
    return { code: 'invalid_key', message: 'object key is not valid Unicode (an unpaired surrogate)' };
  }
  if (Buffer.byteLength(key, 'utf8') > MAX_KEY_BYTES) {
    return { code: 'key_too_long', message: `object key is longer than ${MAX_KEY_BYTES} bytes of UTF-8` };
  }
  return null;
}

export function bucketProblem(bucket: string): FieldProblem | null {
  return BUCKET_NAME.test(bucket) ? null : { code: 'invalid_bucket', message: 'not an S3 bucket name' };
}

export function etagProblem(etag: string): FieldProblem | null {
  return ETAG.test(etag) ? null : { code: 'invalid_etag', message: 'not an S3 ETag' };
}

/** A zod refinement that reports `check`'s problem as an issue carrying the problem's code. */
export function refineWith<T>(check: (value: T) => FieldProblem | null) {
  return (value: T, ctx: z.RefinementCtx) => {
    const problem = check(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem.message, params: { code: problem.code } });
  };
}

/** S3 URL-encodes keys in events, with '+' for a space. Throws URIError on malformed encoding. */
export function decodeEventKey(key: string): string {
  return decodeURIComponent(key.replace(/\+/g, ' '));
}

/** An event's (encoded) key: it must decode, and the decoded key must be one S3 can hold. */
function eventKeyProblem(encoded: string): FieldProblem | null {
  let decoded: string;
  try {
    decoded = decodeEventKey(encoded);
  } catch {
    return { code: 'invalid_key', message: 'object key is not valid URL encoding' };
  }
  return keyProblem(decoded);
}

/**
 * The event time when it reads as a time, else null (the dispatcher then uses the time it saw the
 * event): the value travels into job payloads, so it is kept only when it is what it claims to be.
 */
export function eventTimeOf(value: string | undefined): string | null {
  if (value === undefined || value.length > 64 || Number.isNaN(Date.parse(value))) return null;
  return value;
}

/**
 * The standard S3 event notification (AWS, MinIO webhooks, s3rver). Unknown fields (size among
 * them: the pipeline reads the object's own size) are ignored.
 */
export const s3EventSchema = z.object({
  Records: z.array(
    z.object({
      eventName: z.string(),
      eventTime: z.string().optional(),
      s3: z.object({
        bucket: z.object({ name: z.string().superRefine(refineWith(bucketProblem)) }),
        object: z.object({
          key: z.string().superRefine(refineWith(eventKeyProblem)),
          eTag: z.string().superRefine(refineWith(etagProblem)).optional(),
          versionId: z.string().optional(),
          sequencer: z.string().optional(),
        }),
      }),
    }),
  ),
});
export type S3Event = z.infer<typeof s3EventSchema>;

export interface ObjectChange {
  kind: 'created' | 'removed';
  source: ObjectRef;
  sequencer: string | null;
  eventTime: string | null;
}

/** Turns a notification into object changes; events other than created/removed are dropped. */
export function objectChanges(event: S3Event): ObjectChange[] {
  const changes: ObjectChange[] = [];
  for (const record of event.Records) {
    // AWS says "ObjectCreated:Put"; MinIO says "s3:ObjectCreated:Put".
    const name = record.eventName.replace(/^s3:/, '');
    const kind = name.startsWith('ObjectCreated:')
      ? 'created'
      : name.startsWith('ObjectRemoved:')
        ? 'removed'
        : null;
    if (!kind) continue;
    const { bucket, object } = record.s3;
    changes.push({
      kind,
      source: {
        bucket: bucket.name,
        key: decodeEventKey(object.key),
        etag: object.eTag ? object.eTag.replace(/"/g, '') : null,
        versionId: object.versionId ?? null,
      },
      sequencer: object.sequencer ?? null,
      eventTime: eventTimeOf(record.eventTime),
    });
  }
  return changes;
}
