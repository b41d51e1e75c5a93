import { execFile } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { writeFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { S3Client } from '@aws-sdk/client-s3';
import { encodeEventKey, S3RVER_CREDENTIALS } from '@imr/embedded';
import type { PipelineQueues } from '@imr/queue';
import { decodeEventKey, signatureHeaders } from '@imr/service-trigger';
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

interface Notification {
  Records: { s3: { object: { key: string } } }[];
}

/**
 * Plays the bucket's webhook, as MinIO does: every notification of the S3 server is POSTed to the
 * trigger's /events, signed with `secret`. `delivered(key)` resolves with the trigger's answer to
 * the next notification about `key` (decoded).
 */
export class Webhook {
  private readonly answers = new EventEmitter();

  constructor(events: EventEmitter, triggerUrl: string, secret: string) {
    events.on('notification', async (notification: Notification) => {
      const body = JSON.stringify(notification);
      const res = await fetch(`${triggerUrl}/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...signatureHeaders(secret, body) },
        body,
      });
      const key = decodeEventKey(notification.Records[0]?.s3.object.key ?? '');
      this.answers.emit('answer', key, res.status, await res.json());
    });
  }

  delivered(key: string): Promise<{ status: number; counts: Record<string, number> }> {
    return new Promise((resolve) => {
      const listener = (k: string, status: number, counts: Record<string, number>) => {
        if (k !== key) return;
        this.answers.off('answer', listener);
        resolve({ status, counts });
      };
      this.answers.on('answer', listener);
    });
  }

  /** Answers awaited but not yet received. */
  get waiting(): number {
    return this.answers.listenerCount('answer');
  }
}

/** An s3cmd configuration file for the s3rver at `endpoint` (path-style, no TLS). */
export function s3cmdConfig(path: string, endpoint: string): string {
  const host = new URL(endpoint).host;
  writeFileSync(
    path,
    [
      '[default]',
      `access_key = ${S3RVER_CREDENTIALS.accessKeyId}`,
      `secret_key = ${S3RVER_CREDENTIALS.secretAccessKey}`,
      `host_base = ${host}`,
      // No %(bucket)s: path-style requests.
      `host_bucket = ${host}`,
      'use_https = False',
      'signature_v2 = False',
      'bucket_location = us-east-1',
      '',
    ].join('\n'),
  );
  return path;
}

/** Runs s3cmd (Debian's package) with the configuration at `config`, in a UTF-8 locale. */
export function s3cmd(config: string, ...args: string[]) {
  return promisify(execFile)('s3cmd', ['-c', config, ...args], {
    env: { ...process.env, LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8' },
  });
}
