import { mkdirSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { join } from 'node:path';
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { createRedis, ingestJobId, PipelineQueues } from '@imr/queue';
import { createTriggerServer, listenOn } from '@imr/service-trigger';
import type { ObjectStore } from '@imr/storage';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { quietLog, startRedis, startS3, tempDir, uniquePrefix } from '../support/services.ts';
import { ingestJobs, SECRET, s3Clients, s3cmd, s3cmdConfig, Webhook } from './helpers.ts';

/** Uploads by s3cmd (Debian's package) and the AWS SDK reach the trigger as signed webhooks. */
const BUCKET = 'dropbox';
let redis: Awaited<ReturnType<typeof startRedis>>;
let s3: Awaited<ReturnType<typeof startS3>>;
let client: S3Client;
let objects: ObjectStore;
let queues: PipelineQueues;
let server: Server;
let webhook: Webhook;
let dir: ReturnType<typeof tempDir>;
let config: string;
const removals: string[] = [];

beforeAll(async () => {
  [redis, s3] = await Promise.all([startRedis(), startS3()]);
  ({ client, objects } = s3Clients(s3.server.endpoint));
  await objects.ensureBucket(BUCKET);
  queues = new PipelineQueues({ connection: createRedis(redis.url), prefix: uniquePrefix('s3cmd') });
  server = createTriggerServer({
    queues,
    objects,
    removeSource: async (source) => {
      removals.push(source.key);
    },
    log: quietLog,
    auth: { hmacSecret: SECRET },
    filter: { buckets: [BUCKET] },
  });
  webhook = new Webhook(s3.server.events, await listenOn(server, 0, '127.0.0.1'), SECRET);
  dir = tempDir('imr-s3cmd-');
  config = s3cmdConfig(join(dir.path, 's3cfg'), s3.server.endpoint);
});

afterAll(async () => {
  server?.close();
  await queues?.close();
  queues?.settings.connection.disconnect();
  client?.destroy();
  objects?.close();
  dir?.remove();
  await s3?.stop();
  await redis?.stop();
});

describe('uploads by independent S3 clients reach the trigger as signed webhooks', () => {
  it('s3cmd put: the event becomes an ingest job for the decoded key and its ETag; s3cmd del removes it', async () => {
    const key = 'incoming/Dr Smith+Jones é (copy).txt';
    const file = join(dir.path, 'letter.txt');
    writeFileSync(file, 'HOW THE IMR FINAL DETERMINATION WAS MADE\n');
    const answer = webhook.delivered(key);
    await s3cmd(config, 'put', file, `s3://${BUCKET}/${key}`);
    expect(await answer).toEqual({ status: 202, counts: { enqueued: 1, removed: 0, kept: 0, ignored: 0 } });
    const head = await objects.head(BUCKET, key);
    expect(head).not.toBeNull();
    const jobs = await ingestJobs(queues);
    expect(jobs.map((j) => j.id)).toEqual([
      ingestJobId({ bucket: BUCKET, key, etag: head?.etag ?? null, versionId: null }),
    ]);
    expect(jobs[0]?.data).toMatchObject({ source: { bucket: BUCKET, key }, trigger: 'event' });

    const removal = webhook.delivered(key);
    await s3cmd(config, 'del', `s3://${BUCKET}/${key}`);
    expect(await removal).toMatchObject({ status: 202, counts: { removed: 1 } });
    expect(removals).toEqual([key]);
  });

  it('an AWS SDK upload is a job; the same version uploaded again is not a second one', async () => {
    const key = 'incoming/日本 レター.txt';
    const body = 'HOW THE IMR FINAL DETERMINATION WAS MADE\n';
    const answer = webhook.delivered(key);
    const put = await client.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: body }));
    expect((await answer).counts).toMatchObject({ enqueued: 1 });
    const again = webhook.delivered(key);
    await client.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: body }));
    expect((await again).status).toBe(202);
    const etag = (put.ETag ?? '').replace(/"/g, '');
    const ids = (await ingestJobs(queues)).map((j) => j.id);
    expect(ids).toContain(ingestJobId({ bucket: BUCKET, key, etag, versionId: null }));
    expect(ids).toHaveLength(2);
    expect(webhook.waiting).toBe(0);
  });

  it('s3cmd sync of a folder: one job per file', async () => {
    const folder = join(dir.path, 'batch');
    const names = ['a letter.txt', 'b+letter.txt', 'ç letter.txt'];
    mkdirSync(folder);
    for (const name of names) writeFileSync(join(folder, name), `letter ${name}\n`);
    const answers = names.map((name) => webhook.delivered(`batch/${name}`));
    await s3cmd(config, 'sync', `${folder}/`, `s3://${BUCKET}/batch/`);
    for (const answer of answers) expect((await answer).counts).toMatchObject({ enqueued: 1 });
    const keys = (await ingestJobs(queues))
      .map((j) => j.data.source.key)
      .filter((k) => k.startsWith('batch/'));
    expect(keys.sort()).toEqual(names.map((n) => `batch/${n}`).sort());
  });
});
