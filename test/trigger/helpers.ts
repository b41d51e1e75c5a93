import { S3Client } from '@aws-sdk/client-s3';
import { encodeEventKey, S3RVER_CREDENTIALS } from '@imr/embedded';
import type { PipelineQueues } from '@imr/queue';
import { ObjectStore } from '@imr/storage';

export const TOKEN = 'a-long-test-token-0123456789';
export const SECRET = 'a-long-hmac-secret-0123456789';

/** A standard S3 event notification with one record, the key URL-encoded as S3 sends it. */
export function s3Event(eventName: string, bucket: string, key: string, eTag = 'abc123', sequencer = '0A1B') {
  return {
    Records: [
      {
        eventName,
        eventTime: '2026-11-22T10:00:00.000Z',
        s3: { bucket: { name: bucket }, object: { key: encodeEventKey(key), eTag, sequencer } },
      },
    ],
  };
}

/** POSTs a body (an object is sent as JSON) to `url`/events; returns status and parsed JSON. */
export async function postEvent(
  url: string,
  body: unknown,
  headers: Record<string, string> = { authorization: `Bearer ${TOKEN}` },
): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${url}/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

/** Every ingest job, whatever its state. */
export function ingestJobs(queues: PipelineQueues) {
  return queues
    .queue('ingest')
    .getJobs(['waiting', 'delayed', 'active', 'completed', 'failed', 'prioritized']);
}

/** Two independent clients of the s3rver at `endpoint`: the SDK's, and the project's ObjectStore. */
export function s3Clients(endpoint: string): { client: S3Client; objects: ObjectStore } {
  const common = { endpoint, region: 'us-east-1', forcePathStyle: true };
  return {
    client: new S3Client({ ...common, credentials: S3RVER_CREDENTIALS }),
    objects: new ObjectStore({ ...common, ...S3RVER_CREDENTIALS }),
  };
}
