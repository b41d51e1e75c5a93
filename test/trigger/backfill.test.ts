import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { createRedis, ingestJobId, PipelineQueues } from '@imr/queue';
import { openSearchDatabase, type SearchIndex } from '@imr/search';
import { syntheticDetermination } from '@imr/search/testing';
import { backfill, Reconciler } from '@imr/service-trigger';
import type { ObjectStore } from '@imr/storage';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { quietLog, startRedis, startS3, uniquePrefix } from '../support/services.ts';
import { ingestJobs, s3Clients } from './helpers.ts';

let redis: Awaited<ReturnType<typeof startRedis>>;
let s3: Awaited<ReturnType<typeof startS3>>;
let client: S3Client;
let objects: ObjectStore;
let queues: PipelineQueues;
let index: SearchIndex;

async function putAll(bucket: string, keys: string[]): Promise<Map<string, string>> {
  await objects.ensureBucket(bucket);
  const etags = new Map<string, string>();
  for (let i = 0; i < keys.length; i += 50) {
    await Promise.all(
      keys.slice(i, i + 50).map(async (Key) => {
        const res = await client.send(new PutObjectCommand({ Bucket: bucket, Key, Body: `letter ${Key}` }));
        etags.set(Key, (res.ETag ?? '').replace(/"/g, ''));
      }),
    );
  }
  return etags;
}

beforeAll(async () => {
  // One index for the file: every test uses buckets of its own.
  [redis, s3, index] = await Promise.all([
    startRedis(),
    startS3(),
    openSearchDatabase({ dataDir: 'memory://' }),
  ]);
  ({ client, objects } = s3Clients(s3.server.endpoint));
});

beforeEach(async () => {
  queues = new PipelineQueues({ connection: createRedis(redis.url), prefix: uniquePrefix('backfill') });
  // (A test that enqueues nothing would close the connection under the queues' start-up commands.)
  await queues.waitUntilReady();
});

afterEach(async () => {
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

describe('backfill', () => {
  it('enqueues each of 1,000 pre-existing objects exactly once, also when two backfills run at once', async () => {
    const bucket = 'backfill-1000';
    const keys = Array.from({ length: 1000 }, (_, i) => `letters/${String(i).padStart(4, '0')} Dr+Ré.txt`);
    const etags = await putAll(bucket, keys);
    await client.send(new PutObjectCommand({ Bucket: bucket, Key: 'artifacts/ab/text', Body: 'own' }));

    const started = performance.now();
    const [a, b] = await Promise.all([
      backfill(objects, queues, { bucket }),
      backfill(objects, queues, { bucket }),
    ]);
    const ms = performance.now() - started;
    for (const r of [a, b]) expect(r).toMatchObject({ listed: 1001, skipped: 1, pruned: 0 });
    expect(a.enqueued + b.enqueued).toBe(1000);
    expect(a.known + b.known).toBe(1000);

    const jobs = await queues.queue('ingest').getJobs(['waiting']);
    expect(jobs).toHaveLength(1000);
    expect(new Set(jobs.map((j) => j.id))).toEqual(
      new Set(keys.map((key) => ingestJobId({ bucket, key, etag: etags.get(key) ?? null, versionId: null }))),
    );
    expect(jobs[0]?.data).toMatchObject({ trigger: 'backfill', source: { bucket, versionId: null } });

    expect(await backfill(objects, queues, { bucket })).toMatchObject({ enqueued: 0, known: 1000 });
    quietLog.info({ ms: Math.round(ms) }, 'two concurrent backfills of 1,000 objects');
  });

  it('with the index: indexed versions are known, changed content is enqueued, prefix and suffix filters hold', async () => {
    const bucket = 'backfill-index';
    const etags = await putAll(bucket, [
      'in/same.txt',
      'in/changed.txt',
      'in/new.txt',
      'in/photo.jpg',
      'out/x.txt',
    ]);
    const indexSource = async (n: number, key: string, etag: string) =>
      index.upsertLetter(syntheticDetermination(n, { namespace: 'backfill' }), { bucket, key, etag });
    await indexSource(1, 'in/same.txt', etags.get('in/same.txt') as string);
    await indexSource(2, 'in/changed.txt', 'an-older-etag');

    const result = await backfill(objects, queues, {
      bucket,
      prefix: 'in/',
      filter: { suffixes: ['.txt'] },
      index,
    });
    expect(result).toEqual({ listed: 4, enqueued: 2, known: 1, skipped: 1, pruned: 0 });
    expect((await ingestJobs(queues)).map((j) => j.data.source.key).sort()).toEqual([
      'in/changed.txt',
      'in/new.txt',
    ]);
  });

  it('prunes from the index the sources whose objects were deleted unseen, and only when asked', async () => {
    const bucket = 'backfill-prune';
    const etags = await putAll(bucket, ['kept.txt']);
    const gone = syntheticDetermination(3, { namespace: 'prune' });
    await index.upsertLetter(gone, { bucket, key: 'deleted long ago.txt', etag: 'e' });
    await index.upsertLetter(syntheticDetermination(4, { namespace: 'prune' }), {
      bucket,
      key: 'kept.txt',
      etag: etags.get('kept.txt') as string,
    });
    expect(await backfill(objects, queues, { bucket, index })).toMatchObject({ known: 1, pruned: 0 });
    expect(await index.getLetter(gone.letterId as string)).not.toBeNull();
    expect(await backfill(objects, queues, { bucket, index, prune: true })).toMatchObject({
      known: 1,
      pruned: 1,
    });
    expect(await index.getLetter(gone.letterId as string)).toBeNull();
  });
});

describe('reconcile', () => {
  it('picks up an object whose event never came; a second replica skips while one runs', async () => {
    const bucket = 'reconcile';
    await putAll(bucket, ['lost event.txt']);
    const make = () =>
      new Reconciler({ objects, queues, log: quietLog, index: async () => index }, { bucket, intervalMs: 0 });
    const results = await Promise.all([make().runOnce(), make().runOnce()]);
    expect(results.filter((r) => r === null)).toHaveLength(1);
    expect(results.find((r) => r !== null)).toMatchObject({ enqueued: 1, known: 0 });
    const [job] = await ingestJobs(queues);
    expect(job?.data).toMatchObject({ source: { bucket, key: 'lost event.txt' }, trigger: 'reconcile' });
    // The lock was released: the next pass runs, and finds nothing new.
    expect(await make().runOnce()).toMatchObject({ enqueued: 0, known: 1 });
  });

  it('runs on its interval, and not while another replica holds the lock', async () => {
    const bucket = 'reconcile-interval';
    await putAll(bucket, ['late.txt']);
    const lockKey = `${queues.settings.prefix}:trigger:reconcile-lock`;
    await queues.settings.connection.set(lockKey, 'another-replica', 'PX', 60_000);
    const reconciler = new Reconciler({ objects, queues, log: quietLog }, { bucket, intervalMs: 0 });
    expect(await reconciler.runOnce()).toBeNull();
    expect(await queues.settings.connection.get(lockKey)).toBe('another-replica');
    await queues.settings.connection.del(lockKey);

    const ticking = new Reconciler({ objects, queues, log: quietLog }, { bucket, intervalMs: 50 }).start();
    try {
      await vi.waitFor(async () => expect(await ingestJobs(queues)).toHaveLength(1), { timeout: 10_000 });
    } finally {
      await ticking.stop();
    }
  });
});
