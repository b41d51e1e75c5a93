import type { Logger } from '@imr/logging';
import { z } from 'zod';
import { type ObjectChange, objectChanges, s3EventSchema } from './s3-event.ts';

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
    bucket: z.object({ name: z.string().min(1) }),
    object: z.object({
      key: z.string().min(1),
      etag: z.string().optional(),
      'version-id': z.string().optional(),
      sequencer: z.string().optional(),
    }),
  }),
});

export class EnvelopeError extends Error {}

function isTestEvent(body: unknown): boolean {
  return typeof body === 'object' && body !== null && (body as { Event?: unknown }).Event === 's3:TestEvent';
}

/**
 * Understands the ways S3 events arrive: the plain S3 event notification (MinIO webhooks, AWS
 * S3 -> Lambda/HTTP), an SNS envelope around it, and an EventBridge event. SNS subscription
 * confirmations are logged (an operator confirms them), never fetched.
 */
export function changesFromBody(body: unknown, log: Logger): ObjectChange[] {
  // S3 sends an s3:TestEvent when a notification is configured: nothing to do.
  if (isTestEvent(body)) return [];
  const s3 = s3EventSchema.safeParse(body);
  if (s3.success) return objectChanges(s3.data);
  const sns = snsSchema.safeParse(body);
  if (sns.success) {
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
      throw new EnvelopeError('SNS message is not JSON');
    }
    if (isTestEvent(inner)) return [];
    const parsed = s3EventSchema.safeParse(inner);
    if (!parsed.success) throw new EnvelopeError('SNS message is not an S3 event');
    return objectChanges(parsed.data);
  }
  const eb = eventBridgeSchema.safeParse(body);
  if (eb.success) {
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
        // EventBridge gives keys as stored, not URL-encoded.
        source: {
          bucket: bucket.name,
          key: object.key,
          etag: object.etag ?? null,
          versionId: object['version-id'] ?? null,
        },
        sequencer: object.sequencer ?? null,
        eventTime: eb.data.time ?? null,
      },
    ];
  }
  throw new EnvelopeError('not an S3 event, SNS notification or EventBridge event');
}
