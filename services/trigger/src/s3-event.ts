import type { ObjectRef } from '@imr/contracts';
import { z } from 'zod';

function isDecodable(key: string): boolean {
  try {
    decodeEventKey(key);
    return true;
  } catch {
    return false;
  }
}

/** The standard S3 event notification (AWS, MinIO webhooks, s3rver). Unknown fields are ignored. */
export const s3EventSchema = z.object({
  Records: z.array(
    z.object({
      eventName: z.string(),
      eventTime: z.string().optional(),
      s3: z.object({
        bucket: z.object({ name: z.string().min(1) }),
        object: z.object({
          key: z.string().min(1).refine(isDecodable, 'not a URL-encoded key'),
          eTag: z.string().optional(),
          versionId: z.string().optional(),
          sequencer: z.string().optional(),
          size: z.number().optional(),
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

/** S3 URL-encodes keys in events, with '+' for a space. */
export function decodeEventKey(key: string): string {
  return decodeURIComponent(key.replace(/\+/g, ' '));
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
      eventTime: record.eventTime ?? null,
    });
  }
  return changes;
}
