import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { createLogger } from '@imr/logging';
import { createRedis, ingestJobId, PipelineQueues } from '@imr/queue';
import { openSearchDatabase, type SearchIndex } from '@imr/search';
import { syntheticDetermination } from '@imr/search/testing';
import { createTriggerServer, listenOn, signatureHeaders, signBody } from '@imr/service-trigger';
import type { ObjectStore } from '@imr/storage';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { quietLog, startRedis, startS3, uniquePrefix } from '../support/services.ts';
import { ingestJobs, postEvent, SECRET, s3Clients, s3Event, TOKEN } from './helpers.ts';

let redis: Awaited<ReturnType<typeof startRedis>>;
let s3: Awaited<ReturnType<typeof startS3>>;
let client: S3Client;
let objects: ObjectStore;
let index: SearchIndex;
let queues: PipelineQueues;
let server: Server;
let url: string;
const removals: { bucket: string; key: string }[] = [];

const post = (body: unknown, headers?: Record<string, string>) => postEvent(url, body, headers);
const jobs = () => ingestJobs(queues);

beforeAll(async () => {
  [redis, s3, index] = await Promise.all([
    startRedis(),
    startS3(),
    openSearchDatabase({ dataDir: 'memory://' }),
  ]);
  ({ client, objects } = s3Clients(s3.server.endpoint));
  await objects.ensureBucket('letters');
});

beforeEach(async () => {
  queues = new PipelineQueues({ connection: createRedis(redis.url), prefix: uniquePrefix('trig') });
  // A test that enqueues nothing (a refused request) would close the connection under them otherwise.
  await queues.waitUntilReady();
  removals.length = 0;
  server = createTriggerServer({
    queues,
    objects,
    removeSource: async (source) => {
      removals.push(source);
      return index.removeSource(source);
    },
    log: quietLog,
    auth: { token: TOKEN, hmacSecret: SECRET },
    filter: { buckets: ['letters'], prefix: 'incoming/', suffixes: ['.txt', '.pdf'] },
  });
  url = await listenOn(server, 0, '127.0.0.1');
});

afterEach(async () => {
  await new Promise((resolve) => server.close(resolve));
  await queues.close();
  queues.settings.connection.disconnect();
});

afterAll(async () => {
  client?.destroy();
  objects?.close();
  await index?.close();
  await s3?.stop();
  await redis?.stop();
});

describe('POST /events: authenticated S3 events', () => {
  it('enqueues ingest with deterministic ids and decoded keys (spaces, unicode, +, %)', async () => {
    const keys = [
      'incoming/Dr Smith+Jones é 2014.txt',
      'incoming/日本 レター.PDF',
      'incoming/100% a&b=c.txt',
    ];
    const event = {
      Records: keys.flatMap((k, i) => s3Event('ObjectCreated:Put', 'letters', k, `etag-${i}`).Records),
    };
    const { status, body } = await post(event);
    expect(status).toBe(202);
    expect(body).toEqual({ enqueued: 3, removed: 0, kept: 0, ignored: 0 });
    const found = await jobs();
    expect(found.map((j) => j.id).sort()).toEqual(
      keys
        .map((key, i) => ingestJobId({ bucket: 'letters', key, etag: `etag-${i}`, versionId: null }))
        .sort(),
    );
    const first = found.find((j) => j.data.source.etag === 'etag-0');
    expect(first?.data).toEqual({
      source: { bucket: 'letters', key: keys[0], etag: 'etag-0', versionId: null },
      trigger: 'event',
      seenAt: '2026-11-22T10:00:00.000Z',
    });
  });

  it('takes HMAC signatures, Basic with the token as password (SNS), any-case Bearer; a duplicate is one job', async () => {
    const raw = JSON.stringify(s3Event('s3:ObjectCreated:Put', 'letters', 'incoming/a.pdf', '"quoted-etag"'));
    const accepted = [
      signatureHeaders(SECRET, raw),
      { authorization: `Basic ${Buffer.from(`sns:${TOKEN}`).toString('base64')}` },
      { authorization: `bearer ${TOKEN}` },
    ];
    for (const headers of accepted)
      expect((await post(raw, headers)).status, JSON.stringify(headers)).toBe(202);
    const found = await jobs();
    expect(found).toHaveLength(1);
    expect(found[0]?.data.source.etag).toBe('quoted-etag');
  });

  it('refuses forged, stale and unauthenticated events with the same 401, and enqueues nothing', async () => {
    const raw = JSON.stringify(s3Event('ObjectCreated:Put', 'letters', 'incoming/x.txt'));
    const now = Math.floor(Date.now() / 1000);
    const signed = (secret: string, ts: number, body = raw) => ({
      'x-imr-timestamp': String(ts),
      'x-imr-signature': signBody(secret, ts, body),
    });
    const refused: Record<string, string>[] = [
      {},
      { authorization: 'Bearer wrong-token-wrong-token' },
      { authorization: `Bearer ${TOKEN}x` },
      { authorization: TOKEN },
      { authorization: `Basic ${Buffer.from(`sns:${TOKEN.slice(1)}`).toString('base64')}` },
      signed('another-secret-0123456789', now),
      signed(SECRET, now, `${raw} `),
      signed(SECRET, now - 301),
      signed(SECRET, now + 3600),
      { 'x-imr-timestamp': 'now', 'x-imr-signature': signBody(SECRET, now, raw) },
      { 'x-imr-signature': signBody(SECRET, now, raw) },
      { ...signed(SECRET, now), authorization: 'Bearer wrong-token-wrong-token' },
    ];
    for (const headers of refused) {
      const res = await post(raw, headers);
      expect(res, JSON.stringify(headers)).toEqual({ status: 401, body: { error: 'unauthorized' } });
    }
    expect(await jobs()).toHaveLength(0);
    expect(await queues.queue('ingest').count()).toBe(0);
  });

  it('refuses to start with neither a token nor an HMAC secret', () => {
    expect(() =>
      createTriggerServer({ queues, removeSource: async () => undefined, log: quietLog, auth: {} }),
    ).toThrow(/IMR_TRIGGER_TOKEN or IMR_TRIGGER_HMAC_SECRET/);
  });
});

describe('POST /events: envelopes and filters', () => {
  it('unwraps SNS notifications, logs subscription confirmations without visiting them, ignores test events', async () => {
    let visits = 0;
    const subscribe = createServer((_req, res) => {
      visits++;
      res.end();
    });
    await new Promise<void>((resolve) => subscribe.listen(0, '127.0.0.1', resolve));
    const subscribeUrl = `http://127.0.0.1:${(subscribe.address() as AddressInfo).port}/confirm`;
    try {
      const notification = {
        Type: 'Notification',
        TopicArn: 'arn:aws:sns:us-east-1:1:letters',
        Message: JSON.stringify(s3Event('ObjectCreated:Put', 'letters', 'incoming/sns letter.txt')),
      };
      expect((await post(notification)).body).toMatchObject({ enqueued: 1 });
      const confirmation = {
        Type: 'SubscriptionConfirmation',
        TopicArn: 'arn:t',
        SubscribeURL: subscribeUrl,
      };
      expect(await post(confirmation)).toEqual({
        status: 202,
        body: { enqueued: 0, removed: 0, kept: 0, ignored: 0 },
      });
      const testEvent = { Service: 'Amazon S3', Event: 's3:TestEvent', Bucket: 'letters' };
      expect((await post({ Type: 'Notification', Message: JSON.stringify(testEvent) })).status).toBe(202);
      expect((await post(testEvent)).status).toBe(202);
      expect((await post({ Type: 'Notification', Message: 'not json' })).status).toBe(400);
      expect(visits).toBe(0);
      expect((await jobs()).map((j) => j.data.source.key)).toEqual(['incoming/sns letter.txt']);
    } finally {
      subscribe.close();
    }
  });

  it('reads EventBridge "Object Created" and "Object Deleted" events (keys as stored)', async () => {
    const eventBridge = (detailType: string, key: string) => ({
      version: '0',
      'detail-type': detailType,
      source: 'aws.s3',
      time: '2026-11-22T11:00:00Z',
      detail: { bucket: { name: 'letters' }, object: { key, etag: 'eb1', sequencer: '00AB' } },
    });
    expect((await post(eventBridge('Object Created', 'incoming/eb letter+1.pdf'))).body).toMatchObject({
      enqueued: 1,
    });
    const [job] = await jobs();
    expect(job?.data).toMatchObject({
      source: { bucket: 'letters', key: 'incoming/eb letter+1.pdf', etag: 'eb1' },
      seenAt: '2026-11-22T11:00:00Z',
    });
    expect((await post(eventBridge('Object Deleted', 'incoming/eb gone.pdf'))).body).toMatchObject({
      removed: 1,
    });
    expect(removals).toEqual([{ bucket: 'letters', key: 'incoming/eb gone.pdf' }]);
    expect((await post(eventBridge('Object Restore Completed', 'incoming/x.pdf'))).body).toMatchObject({
      enqueued: 0,
    });
  });

  it('applies bucket, prefix and suffix filters, and never takes the pipeline’s own artifacts', async () => {
    const cases: [string, string, boolean][] = [
      ['letters', 'incoming/ok.TXT', true],
      ['letters', 'incoming/photo.jpg', false],
      ['letters', 'elsewhere/letter.txt', false],
      ['other-bucket', 'incoming/letter.txt', false],
      ['letters', 'artifacts/ab/text.txt', false],
    ];
    for (const [bucket, key, taken] of cases) {
      const { body } = await post(s3Event('ObjectCreated:Put', bucket, key));
      expect(body, key).toMatchObject(taken ? { enqueued: 1, ignored: 0 } : { enqueued: 0, ignored: 1 });
    }
    expect((await jobs()).map((j) => j.data.source.key)).toEqual(['incoming/ok.TXT']);
  });
});

describe('POST /events: removals', () => {
  it('a removed object leaves the index; a removal for a key written again since is not acted on', async () => {
    const determination = syntheticDetermination(1, { namespace: 'trigger-removal' });
    const letterId = determination.letterId as string;
    await index.upsertLetter(determination, {
      bucket: 'letters',
      key: 'incoming/old letter.txt',
      etag: 'e1',
    });
    expect(await index.getLetter(letterId)).not.toBeNull();
    const removed = await post(s3Event('ObjectRemoved:Delete', 'letters', 'incoming/old letter.txt'));
    expect(removed.body).toEqual({ enqueued: 0, removed: 1, kept: 0, ignored: 0 });
    expect(await index.getLetter(letterId)).toBeNull();
    // Delivered twice: still fine.
    expect((await post(s3Event('ObjectRemoved:Delete', 'letters', 'incoming/old letter.txt'))).status).toBe(
      202,
    );

    await client.send(
      new PutObjectCommand({ Bucket: 'letters', Key: 'incoming/back again.txt', Body: 'letter' }),
    );
    const late = await post(
      s3Event('ObjectRemoved:DeleteMarkerCreated', 'letters', 'incoming/back again.txt'),
    );
    expect(late.body).toEqual({ enqueued: 0, removed: 0, kept: 1, ignored: 0 });
    expect(removals.map((r) => r.key)).toEqual(['incoming/old letter.txt', 'incoming/old letter.txt']);
  });

  it('answers 503 when the removal cannot be done, so the sender delivers again', async () => {
    const failing = createTriggerServer({
      queues,
      removeSource: async () => {
        throw new Error('database unreachable');
      },
      log: quietLog,
      auth: { token: TOKEN },
    });
    const failingUrl = await listenOn(failing, 0, '127.0.0.1');
    try {
      const res = await postEvent(failingUrl, s3Event('ObjectRemoved:Delete', 'letters', 'incoming/x.txt'));
      expect(res).toEqual({ status: 503, body: { error: 'try again' } });
    } finally {
      failing.close();
    }
  });
});

describe('HTTP details', () => {
  it('refuses a request without valid credentials before reading its body, and logs refusals rate-limited', async () => {
    const lines: Record<string, unknown>[] = [];
    const log = createLogger('test', {
      level: 'info',
      destination: { write: (line: string) => lines.push(JSON.parse(line)) },
    });
    const guarded = createTriggerServer({
      queues,
      removeSource: async () => undefined,
      log,
      auth: { token: TOKEN },
    });
    const guardedUrl = await listenOn(guarded, 0, '127.0.0.1');
    try {
      // A body announced but never sent: only a server that does not wait for it can answer.
      for (const headers of [{}, { authorization: 'Bearer not-the-token-at-all' }]) {
        const status = await new Promise<number>((resolve, reject) => {
          const req = request(`${guardedUrl}/events`, {
            method: 'POST',
            headers: { ...headers, 'content-length': '100000', 'content-type': 'application/json' },
          });
          req.on('response', (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
            req.destroy();
          });
          req.on('error', reject);
          req.write('{"Records": [');
        });
        expect(status).toBe(401);
      }
      for (let i = 0; i < 20; i++)
        expect((await fetch(`${guardedUrl}/events`, { method: 'POST' })).status).toBe(401);
      const refusals = lines.filter((l) => l.msg === 'refused an unauthenticated event');
      expect(refusals).toHaveLength(1);
      expect(refusals[0]).toMatchObject({ reason: 'no credentials', suppressed: 0 });
    } finally {
      guarded.close();
    }
  });

  it('400 for malformed JSON or a body that is no event; 413 over the limit, announced or streamed; 404, 405', async () => {
    expect(await post('{not json')).toEqual({ status: 400, body: { error: 'body is not JSON' } });
    expect((await post({ hello: 'world' })).status).toBe(400);
    expect((await post({ Records: [{ eventName: 'ObjectCreated:Put' }] })).status).toBe(400);
    const badKey = s3Event('ObjectCreated:Put', 'letters', 'x');
    (badKey.Records[0] as { s3: { object: { key: string } } }).s3.object.key = 'incoming/%E0%A4%A.txt';
    expect((await post(badKey)).status).toBe(400);
    expect((await post('x'.repeat(2 * 1024 * 1024))).status).toBe(413);
    // Chunked: no Content-Length to refuse it up front, so the limit is counted while reading.
    const streamed = await new Promise<number>((resolve, reject) => {
      const req = request(`${url}/events`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}` } });
      req.on('response', (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      for (let i = 0; i < 20; i++) req.write(chunk);
      req.end();
    });
    expect(streamed).toBe(413);
    expect((await fetch(`${url}/elsewhere`)).status).toBe(404);
    expect((await fetch(`${url}/events`)).status).toBe(405);
    expect(await jobs()).toHaveLength(0);
  });

  it('GET /healthz: 200 while Redis answers, 503 once it is gone', async () => {
    const own = await startRedis();
    const ownQueues = new PipelineQueues({
      connection: createRedis(own.url),
      prefix: uniquePrefix('health'),
    });
    const health = createTriggerServer({
      queues: ownQueues,
      removeSource: async () => undefined,
      log: quietLog,
      auth: { token: TOKEN },
    });
    const healthUrl = await listenOn(health, 0, '127.0.0.1');
    try {
      expect((await fetch(`${healthUrl}/healthz`)).status).toBe(200);
      // Every queue's start-up commands answered first: once Redis is gone they would reject unawaited.
      await ownQueues.waitUntilReady();
      await own.stop();
      expect((await fetch(`${healthUrl}/healthz`)).status).toBe(503);
    } finally {
      health.close();
      ownQueues.settings.connection.disconnect();
      await ownQueues.close().catch(() => undefined);
    }
  });
});
