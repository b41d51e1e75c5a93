import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { encodeEventKey, S3RVER_CREDENTIALS } from '@imr/embedded';
import { createRedis, ingestJobId, PipelineQueues } from '@imr/queue';
import {
  backfill,
  createTriggerServer,
  dispatchChanges,
  listenOn,
  objectChanges,
  Reconciler,
  s3EventSchema,
  signBody,
} from '@imr/service-trigger';
import { ObjectStore } from '@imr/storage';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { quietLog, startRedis, startS3, tempDir, uniquePrefix } from '../support/services.ts';

const TOKEN = 'a-long-test-token-0123456789';
const SECRET = 'a-long-hmac-secret-0123456789';
let redis: Awaited<ReturnType<typeof startRedis>>;
let s3: Awaited<ReturnType<typeof startS3>>;
let client: S3Client;
let objects: ObjectStore;
let queues: PipelineQueues;
let server: Server;
let url: string;
const removed: { bucket: string; key: string }[] = [];

function s3Event(eventName: string, bucket: string, key: string, eTag = 'abc123') {
  return {
    Records: [
      {
        eventName,
        eventTime: '2026-11-22T10:00:00.000Z',
        s3: { bucket: { name: bucket }, object: { key: encodeEventKey(key), eTag, sequencer: '0A1B' } },
      },
    ],
  };
}

async function post(body: unknown, headers: Record<string, string> = { authorization: `Bearer ${TOKEN}` }) {
  const res = await fetch(`${url}/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, body: await res.json() };
}

const ingestJobs = () => queues.queue('ingest').getJobs(['waiting', 'delayed', 'active', 'completed']);

beforeAll(async () => {
  redis = await startRedis();
  s3 = await startS3();
  client = new S3Client({
    endpoint: s3.server.endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: S3RVER_CREDENTIALS,
  });
  objects = new ObjectStore({
    endpoint: s3.server.endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    ...S3RVER_CREDENTIALS,
  });
});

beforeEach(async () => {
  await queues?.close();
  queues = new PipelineQueues({ connection: createRedis(redis.url), prefix: uniquePrefix('trig') });
  server?.close();
  server = createTriggerServer({
    queues,
    removeSource: async (s) => {
      removed.push(s);
    },
    log: quietLog,
    auth: { token: TOKEN, hmacSecret: SECRET },
    filter: { buckets: ['letters'], suffixes: ['.txt', '.pdf'] },
  });
  url = await listenOn(server, 0, '127.0.0.1');
  removed.length = 0;
});

afterAll(async () => {
  server?.close();
  await queues?.close();
  client?.destroy();
  objects?.close();
  await s3?.stop();
  await redis?.stop();
});

describe('trigger endpoint', () => {
  it('enqueues ingest for an authenticated event, with the key decoded (spaces, unicode, +)', async () => {
    const key = 'incoming/Dr Smith+Jones é 2014.txt';
    const { status, body } = await post(s3Event('ObjectCreated:Put', 'letters', key));
    expect(status).toBe(202);
    expect(body).toEqual({ enqueued: 1, removed: 0, ignored: 0 });
    const [job] = await ingestJobs();
    expect(job?.id).toBe(ingestJobId({ bucket: 'letters', key, etag: 'abc123', versionId: null }));
    expect(job?.data).toMatchObject({ source: { bucket: 'letters', key, etag: 'abc123' }, trigger: 'event' });
  });

  it('accepts HMAC-signed events and MinIO event names; a duplicate event is one job', async () => {
    const raw = JSON.stringify(s3Event('s3:ObjectCreated:Put', 'letters', 'a.pdf'));
    const ts = Math.floor(Date.now() / 1000);
    const headers = { 'x-imr-timestamp': String(ts), 'x-imr-signature': signBody(SECRET, ts, raw) };
    expect((await post(raw, headers)).status).toBe(202);
    expect((await post(raw, headers)).status).toBe(202);
    expect(await ingestJobs()).toHaveLength(1);
  });

  it('refuses forged and unauthenticated events with 401 and enqueues nothing', async () => {
    const raw = JSON.stringify(s3Event('ObjectCreated:Put', 'letters', 'x.txt'));
    const ts = Math.floor(Date.now() / 1000);
    const attempts: Record<string, string>[] = [
      {},
      { authorization: 'Bearer wrong-token-wrong-token' },
      { authorization: `Basic ${Buffer.from(`x:${TOKEN}`).toString('base64')}` },
      { 'x-imr-timestamp': String(ts), 'x-imr-signature': signBody('another-secret-0123456789', ts, raw) },
      { 'x-imr-timestamp': String(ts), 'x-imr-signature': signBody(SECRET, ts, `${raw} `) },
      { 'x-imr-timestamp': String(ts - 3600), 'x-imr-signature': signBody(SECRET, ts - 3600, raw) },
    ];
    for (const headers of attempts)
      expect((await post(raw, headers)).status, JSON.stringify(headers)).toBe(401);
    expect(await ingestJobs()).toHaveLength(0);
  });

  it('understands SNS and EventBridge envelopes, filters keys, and removes deleted sources', async () => {
    const sns = {
      Type: 'Notification',
      TopicArn: 'arn:t',
      Message: JSON.stringify(s3Event('ObjectCreated:Put', 'letters', 'sns.txt')),
    };
    expect((await post(sns)).body).toEqual({ enqueued: 1, removed: 0, ignored: 0 });
    const eventBridge = {
      'detail-type': 'Object Created',
      source: 'aws.s3',
      detail: { bucket: { name: 'letters' }, object: { key: 'eb letter.pdf', etag: 'e1' } },
    };
    expect((await post(eventBridge)).body).toEqual({ enqueued: 1, removed: 0, ignored: 0 });
    expect((await post(s3Event('ObjectCreated:Put', 'letters', 'photo.jpg'))).body).toMatchObject({
      ignored: 1,
    });
    expect((await post(s3Event('ObjectRemoved:Delete', 'letters', 'old letter.txt'))).body).toMatchObject({
      removed: 1,
    });
    expect(removed).toEqual([{ bucket: 'letters', key: 'old letter.txt' }]);
    const keys = (await ingestJobs()).map((j) => j.data.source.key).sort();
    expect(keys).toEqual(['eb letter.pdf', 'sns.txt']);
    expect((await post('{not json')).status).toBe(400);
    expect((await post({ hello: 'world' })).status).toBe(400);
    const big = await post('x'.repeat(2 * 1024 * 1024));
    expect(big.status).toBe(413);
  });
});

describe('bucket events from an independent S3 client', () => {
  it('an upload by s3cmd (Debian package) becomes an ingest job', async () => {
    const bucket = 'from-s3cmd';
    await objects.ensureBucket(bucket);
    const dir = tempDir('imr-s3cmd-');
    try {
      const cfg = join(dir.path, 's3cfg');
      const port = new URL(s3.server.endpoint).host;
      writeFileSync(
        cfg,
        `[default]\naccess_key = S3RVER\nsecret_key = S3RVER\nhost_base = ${port}\nhost_bucket = ${port}\nuse_https = False\nsignature_v2 = False\n`,
      );
      const file = join(dir.path, 'letter.txt');
      writeFileSync(file, 'HOW THE IMR FINAL DETERMINATION WAS MADE\n');
      const event = new Promise((resolve) => s3.server.events.once('notification', resolve));
      // Asynchronously: the S3 server lives in this process and must keep answering.
      await promisify(execFile)('s3cmd', ['-c', cfg, 'put', file, `s3://${bucket}/s3cmd/My Letter.txt`]);
      const parsed = s3EventSchema.parse(await event);
      const counts = await dispatchChanges(objectChanges(parsed), {
        queues,
        removeSource: async () => undefined,
      });
      expect(counts.enqueued).toBe(1);
      const [job] = await ingestJobs();
      expect(job?.data.source).toMatchObject({ bucket, key: 's3cmd/My Letter.txt' });
    } finally {
      dir.remove();
    }
  });
});

describe('backfill and reconcile', () => {
  it('a backfill of 1,000 objects enqueues each exactly once, also when two run at once', async () => {
    const bucket = 'backfill-1000';
    await objects.ensureBucket(bucket);
    const keys = Array.from({ length: 1000 }, (_, i) => `letters/${String(i).padStart(4, '0')}.txt`);
    for (let i = 0; i < keys.length; i += 50) {
      await Promise.all(
        keys
          .slice(i, i + 50)
          .map((Key) => client.send(new PutObjectCommand({ Bucket: bucket, Key, Body: `letter ${Key}` }))),
      );
    }
    await client.send(new PutObjectCommand({ Bucket: bucket, Key: 'artifacts/x/text', Body: 'own' }));
    const [a, b] = await Promise.all([
      backfill(objects, queues, { bucket }),
      backfill(objects, queues, { bucket }),
    ]);
    expect(a.listed).toBe(1001);
    expect(a.skipped).toBe(1);
    const jobs = await queues.queue('ingest').getJobs(['waiting']);
    expect(jobs).toHaveLength(1000);
    expect(new Set(jobs.map((j) => j.data.source.key))).toEqual(new Set(keys));
    const again = await backfill(objects, queues, { bucket });
    expect(again).toMatchObject({ enqueued: 0, known: 1000 });
    expect(a.enqueued + b.enqueued).toBeGreaterThanOrEqual(1000);
  }, 120_000);

  it('reconcile picks up an object whose event never came; a second replica skips while one runs', async () => {
    const bucket = 'reconcile';
    await objects.ensureBucket(bucket);
    await client.send(new PutObjectCommand({ Bucket: bucket, Key: 'lost-event.txt', Body: 'letter' }));
    const make = () => new Reconciler({ objects, queues, log: quietLog }, { bucket, intervalMs: 0 });
    const [one, two] = await Promise.all([make().runOnce(), make().runOnce()]);
    const results = [one, two];
    expect(results.filter((r) => r === null)).toHaveLength(1);
    expect(results.find((r) => r !== null)).toMatchObject({ enqueued: 1 });
    const [job] = await ingestJobs();
    expect(job?.data).toMatchObject({ source: { bucket, key: 'lost-event.txt' }, trigger: 'reconcile' });
  });
});
