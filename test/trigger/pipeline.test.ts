import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { join } from 'node:path';
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { Resources, type StartedWorkers, startWorkers } from '@imr/app';
import { loadConfig } from '@imr/config';
import { type ObjectRef, STAGES } from '@imr/contracts';
import { waitForSources } from '@imr/queue';
import { extractStage } from '@imr/service-extract';
import { indexStage } from '@imr/service-index';
import { ingestStage } from '@imr/service-ingest';
import { normalizeStage } from '@imr/service-normalize';
import { createTriggerServer, listenOn } from '@imr/service-trigger';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSeed, seedNames } from '../support/seeds.ts';
import {
  createTestDatabase,
  quietLog,
  startRedis,
  startS3,
  tempDir,
  uniquePrefix,
} from '../support/services.ts';
import {
  ingestJobs,
  postEvent,
  SECRET,
  s3Clients,
  s3cmd,
  s3cmdConfig,
  s3Event,
  TOKEN,
  Webhook,
} from './helpers.ts';

/**
 * The whole way, on real servers: a letter dropped into s3rver (by s3cmd or the AWS SDK) -> a signed
 * webhook -> the trigger's HTTP endpoint -> ingest, normalize, extract, index (PostgreSQL) -> found.
 */
let redis: Awaited<ReturnType<typeof startRedis>>;
let s3: Awaited<ReturnType<typeof startS3>>;
let db: Awaited<ReturnType<typeof createTestDatabase>>;
let data: ReturnType<typeof tempDir>;
let resources: Resources;
let workers: StartedWorkers;
let server: Server;
let url: string;
let webhook: Webhook;
let client: S3Client;
let bucket: string;
let config: string;

const letterId = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const settle = (sources: ObjectRef[]) => waitForSources(resources.queues, resources.redis, sources);

beforeAll(async () => {
  [redis, s3, db] = await Promise.all([startRedis(), startS3(), createTestDatabase()]);
  data = tempDir('imr-trigger-data-');
  const env = loadConfig({
    ...s3.env,
    REDIS_URL: redis.url,
    DATABASE_URL: db.url,
    IMR_QUEUE_PREFIX: uniquePrefix('trigger-e2e'),
    IMR_DATA_DIR: data.path,
  });
  resources = new Resources({ ...env, REDIS_URL: redis.url }, quietLog);
  await resources.prepare();
  bucket = env.IMR_LETTER_BUCKET;
  workers = startWorkers(
    resources,
    [ingestStage, normalizeStage, extractStage, indexStage].map((s) => s(resources)),
    STAGES,
  );
  server = createTriggerServer({
    queues: resources.queues,
    objects: resources.objects,
    removeSource: async (source) => (await resources.search()).removeSource(source),
    log: quietLog,
    auth: { token: TOKEN, hmacSecret: SECRET },
    filter: { buckets: [bucket] },
  });
  url = await listenOn(server, 0, '127.0.0.1');
  webhook = new Webhook(s3.server.events, url, SECRET);
  ({ client } = s3Clients(s3.server.endpoint));
  config = s3cmdConfig(join(data.path, 's3cfg'), s3.server.endpoint);
});

afterAll(async () => {
  server?.close();
  await workers?.close(5_000);
  await resources?.close();
  client?.destroy();
  await s3?.stop();
  await db?.drop();
  await redis?.stop();
  data?.remove();
});

describe('bucket drop -> trigger -> index', () => {
  it('letters dropped by s3cmd and by the AWS SDK are found in the index; s3cmd del takes one out', async () => {
    const [first, second] = seedNames();
    const a = readSeed(first as string).bytes;
    const b = readSeed(second as string).bytes;
    const keyA = 'incoming/Dr Smith+Jones é.txt';
    const keyB = 'incoming/second letter.txt';
    const file = join(data.path, 'a.txt');
    writeFileSync(file, a);
    const answerA = webhook.delivered(keyA);
    await s3cmd(config, 'put', file, `s3://${bucket}/${keyA}`);
    expect((await answerA).counts).toMatchObject({ enqueued: 1 });
    const answerB = webhook.delivered(keyB);
    await client.send(new PutObjectCommand({ Bucket: bucket, Key: keyB, Body: b }));
    expect((await answerB).counts).toMatchObject({ enqueued: 1 });

    const sources = await Promise.all(
      [keyA, keyB].map(async (key) => ({
        bucket,
        key,
        etag: (await resources.objects.head(bucket, key))?.etag ?? null,
        versionId: null,
      })),
    );
    const traces = await settle(sources);
    for (const source of sources) expect(traces.get(source)).toMatchObject({ state: 'indexed' });
    const search = await resources.search();
    expect((await search.getLetter(letterId(a)))?.sources).toEqual([
      expect.objectContaining({ bucket, key: keyA }),
    ]);
    expect((await search.getLetter(letterId(b)))?.sources).toEqual([
      expect.objectContaining({ bucket, key: keyB }),
    ]);

    const removal = webhook.delivered(keyA);
    await s3cmd(config, 'del', `s3://${bucket}/${keyA}`);
    expect((await removal).counts).toMatchObject({ removed: 1 });
    expect(await search.getLetter(letterId(a))).toBeNull();
    expect(await search.getLetter(letterId(b))).not.toBeNull();
  });

  it('new content under the same key replaces the entry; forged events change nothing', async () => {
    const [, , third, fourth] = seedNames();
    const before = readSeed(third as string).bytes;
    const after = readSeed(fourth as string).bytes;
    const key = 'incoming/replaced.txt';
    const put = async (body: Uint8Array) => {
      const answer = webhook.delivered(key);
      const res = await client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body }));
      await answer;
      const source = { bucket, key, etag: (res.ETag ?? '').replace(/"/g, ''), versionId: null };
      expect((await settle([source])).get(source)).toMatchObject({ state: 'indexed' });
    };
    await put(before);
    await put(after);
    const search = await resources.search();
    expect((await search.getLetter(letterId(after)))?.sources).toEqual([expect.objectContaining({ key })]);
    expect(await search.getLetter(letterId(before))).toBeNull();

    const forged = JSON.stringify(s3Event('ObjectCreated:Put', bucket, 'incoming/forged.txt'));
    const ts = Math.floor(Date.now() / 1000);
    const refused: Record<string, string>[] = [
      {},
      { authorization: 'Bearer not-the-token-at-all' },
      { 'x-imr-timestamp': String(ts), 'x-imr-signature': `sha256=${'0'.repeat(64)}` },
    ];
    for (const headers of refused) {
      expect((await postEvent(url, forged, headers)).status).toBe(401);
    }
    const keys = (await ingestJobs(resources.queues)).map((j) => j.data.source.key);
    expect(keys).toContain(key);
    expect(keys).not.toContain('incoming/forged.txt');
  });
});
