import { type ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { DeleteObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import { Resources, type StartedWorkers, startWorkers } from '@imr/app';
import { loadConfig } from '@imr/config';
import { type ObjectRef, STAGES } from '@imr/contracts';
import { freePort } from '@imr/embedded';
import { generateLetter, renderLetter } from '@imr/letters';
import { createRedis, waitForSources } from '@imr/queue';
import { extractStage } from '@imr/service-extract';
import { indexStage } from '@imr/service-index';
import { ingestStage } from '@imr/service-ingest';
import { normalizeStage } from '@imr/service-normalize';
import { type FauxqsServer, startFauxqs } from 'fauxqs';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { IMR_BIN, runImr } from '../support/cli.ts';
import {
  createTestDatabase,
  quietLog,
  startRedis,
  startS3,
  tempDir,
  uniquePrefix,
} from '../support/services.ts';
import { s3Clients } from './helpers.ts';

/**
 * The trigger in SQS mode as a process (`imr trigger --sqs URL`, then the service's main with
 * IMR_SQS_QUEUE_URL), configured by environment like in production, with the pipeline's workers in
 * this process: letters dropped into s3rver, their S3 notifications posted into a fauxqs queue, the
 * trigger SIGKILLed once with messages in hand, restarted, and every letter indexed exactly once.
 */
const MAIN = fileURLToPath(new URL('../../services/trigger/src/main.ts', import.meta.url));

let redis: Awaited<ReturnType<typeof startRedis>>;
let s3: Awaited<ReturnType<typeof startS3>>;
let db: Awaited<ReturnType<typeof createTestDatabase>>;
let data: ReturnType<typeof tempDir>;
let resources: Resources;
let workers: StartedWorkers;
let fauxqs: FauxqsServer;
let sqs: SQSClient;
let client: S3Client;
let admin: Redis;
let prefix: string;
let bucket: string;
const children: ChildProcess[] = [];

beforeAll(async () => {
  [redis, s3, db] = await Promise.all([startRedis(), startS3(), createTestDatabase()]);
  data = tempDir('imr-sqs-svc-');
  prefix = uniquePrefix('sqs-svc');
  const config = loadConfig({
    ...s3.env,
    REDIS_URL: redis.url,
    DATABASE_URL: db.url,
    IMR_QUEUE_PREFIX: prefix,
    IMR_DATA_DIR: data.path,
  });
  resources = new Resources({ ...config, REDIS_URL: redis.url }, quietLog);
  await resources.prepare();
  bucket = config.IMR_LETTER_BUCKET;
  workers = startWorkers(
    resources,
    [ingestStage, normalizeStage, extractStage, indexStage].map((s) => s(resources)),
    STAGES,
  );
  fauxqs = await startFauxqs({ port: 0, logger: false, messageSpies: { bufferSize: 10_000 } });
  sqs = new SQSClient({
    region: 'us-east-1',
    endpoint: fauxqs.address,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
  ({ client } = s3Clients(s3.server.endpoint));
  admin = createRedis(redis.url);
});

afterAll(async () => {
  for (const child of children) child.kill('SIGKILL');
  admin?.disconnect();
  client?.destroy();
  sqs?.destroy();
  await fauxqs?.stop();
  await workers?.close(5_000);
  await resources?.close();
  await s3?.stop();
  await db?.drop();
  await redis?.stop();
  data?.remove();
});

/** The environment a deployment gives the trigger in SQS mode (no HTTP token). */
async function environment(extra: Record<string, string> = {}): Promise<Record<string, string>> {
  return {
    ...s3.env,
    REDIS_URL: redis.url,
    DATABASE_URL: db.url,
    IMR_QUEUE_PREFIX: prefix,
    IMR_DATA_DIR: data.path,
    IMR_LETTER_BUCKET: bucket,
    PORT: String(await freePort()),
    LOG_LEVEL: 'info',
    IMR_TRIGGER_TOKEN: '',
    IMR_TRIGGER_HMAC_SECRET: '',
    IMR_SQS_QUEUE_URL: '',
    // Only SQS brings letters here: no reconcile pass finds them in the bucket instead.
    IMR_RECONCILE_INTERVAL_MS: '0',
    IMR_SQS_VISIBILITY_TIMEOUT_S: '2',
    AWS_ENDPOINT_URL_SQS: fauxqs.address,
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    ...extra,
  };
}

/** A trigger process; `listening` resolves with its URL once it logs that it listens. */
function startTrigger(args: string[], env: Record<string, string>) {
  const child = spawn(process.execPath, args, {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  const lines: string[] = [];
  let stderr = '';
  child.stderr?.on('data', (d) => {
    stderr += d;
  });
  const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
  const listening = new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (line) => {
      lines.push(line);
      if (line.includes('trigger listening')) resolve(JSON.parse(line).url as string);
    });
    void exited.then(([code]) => reject(new Error(`trigger exited (${code}) before listening: ${stderr}`)));
  });
  return { child, lines, exited, listening };
}

/** Drops a synthetic letter; its S3 notification goes to the queue (see the forwarder). */
async function drop(key: string, seed: number): Promise<ObjectRef & { letterId: string }> {
  const bytes = await renderLetter(generateLetter(seed), { format: 'txt', encoding: 'utf-8' });
  const res = await client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: bytes }));
  return {
    bucket,
    key,
    etag: (res.ETag ?? '').replace(/"/g, ''),
    versionId: null,
    letterId: createHash('sha256').update(bytes).digest('hex'),
  };
}

describe('trigger in SQS mode (process)', () => {
  it('refuses to start on a queue that does not exist, and `imr trigger --sqs` on what is no queue URL', async () => {
    // A local queue URL names no region: the SDK's AWS_REGION must.
    const local = `${fauxqs.address}/000000000000/no-such-queue`;
    const noRegion = startTrigger(
      ['--import', 'tsx', MAIN],
      await environment({ IMR_SQS_QUEUE_URL: local, AWS_REGION: '', AWS_DEFAULT_REGION: '' }),
    );
    await expect(noRegion.listening).rejects.toThrow(/AWS_REGION: set it to the queue's region/);
    expect((await noRegion.exited)[0]).toBe(2);
    const missing = startTrigger(
      ['--import', 'tsx', MAIN],
      await environment({ IMR_SQS_QUEUE_URL: local, AWS_REGION: 'us-east-1' }),
    );
    await expect(missing.listening).rejects.toThrow(/IMR_SQS_QUEUE_URL: no such queue/);
    expect((await missing.exited)[0]).toBe(2);

    const bad = await runImr(['trigger', '--sqs', 'letters-queue'], await environment());
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('imr trigger: --sqs: not a URL');
  });

  it('letters dropped into s3rver and announced through SQS are indexed exactly once, with the trigger SIGKILLed mid-run and restarted; a deleted letter leaves the index', async () => {
    const dlq = fauxqs.createQueue('e2e-letters-dlq');
    const queue = fauxqs.createQueue('e2e-letters', {
      attributes: {
        RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlq.queueArn, maxReceiveCount: 5 }),
      },
    });
    // The letter bucket's notification configuration: its S3 events go to the queue as they are, one
    // message each, sent in batches (`flush`) so that the trigger receives ten at a time.
    const pending: unknown[] = [];
    const forwarded: string[] = [];
    const forward = (notification: { Records: { s3: { bucket: { name: string } } }[] }) => {
      if (notification.Records[0]?.s3.bucket.name === bucket) pending.push(notification);
    };
    const flush = async () => {
      const entries = pending.splice(0).map((n, i) => ({ Id: String(i), MessageBody: JSON.stringify(n) }));
      const out = await sqs.send(new SendMessageBatchCommand({ QueueUrl: queue.queueUrl, Entries: entries }));
      expect(out.Successful).toHaveLength(entries.length);
      forwarded.push(...(out.Successful ?? []).map((r) => r.MessageId as string));
    };
    s3.server.events.on('notification', forward);
    const state = () => fauxqs.inspectQueue(queue.queueName)?.messages;
    const consumed = (count: number) =>
      fauxqs.spy.waitForMessages(
        { service: 'sqs', queueName: queue.queueName, status: 'consumed' },
        { count, timeout: 60_000 },
      );
    const sources: Awaited<ReturnType<typeof drop>>[] = [];
    const wave = async (from: number) => {
      for (let i = from; i < from + 10; i++)
        sources.push(await drop(`sqs-e2e/letter ${i} é+1.txt`, 7_000 + i));
      await vi.waitFor(() => expect(pending).toHaveLength(10));
      await flush();
    };

    try {
      // Started as users do: `imr trigger --sqs URL`, with no HTTP token.
      const first = startTrigger([IMR_BIN, 'trigger', '--sqs', queue.queueUrl], await environment());
      const url = await first.listening;
      expect((await fetch(`${url}/healthz`)).status).toBe(200);
      expect((await fetch(`${url}/readyz`)).status).toBe(200);
      expect((await fetch(`${url}/events`, { method: 'POST', body: '{}' })).status).toBe(404);

      await wave(0);
      await consumed(1);
      // Redis stops taking writes: the trigger receives messages it cannot enqueue, and holds them.
      await admin.call('CLIENT', 'PAUSE', '120000', 'WRITE');
      await wave(10);
      await vi.waitFor(() => expect(state()?.inflight.length).toBeGreaterThan(0), {
        timeout: 30_000,
        interval: 20,
      });
      const held = state()?.inflight.map((m) => m.message.messageId) ?? [];
      first.child.kill('SIGKILL');
      expect((await first.exited)[1]).toBe('SIGKILL');
      await admin.call('CLIENT', 'UNPAUSE');
      await wave(20);

      // Restarted as the service: IMR_SQS_QUEUE_URL.
      const second = startTrigger(
        ['--import', 'tsx', MAIN],
        await environment({ IMR_SQS_QUEUE_URL: queue.queueUrl }),
      );
      await second.listening;
      const traces = await waitForSources(resources.queues, resources.redis, sources, {
        signal: AbortSignal.timeout(120_000),
      });
      expect([...traces.values()].map((t) => t.state)).toEqual(sources.map(() => 'indexed'));
      // The messages the killed trigger held came back and were handled by the new one.
      expect(held.length).toBeGreaterThan(0);
      for (const id of held) await fauxqs.spy.waitForMessageWithId(id, 'consumed', 30_000);

      // Exactly once: one job per letter in every stage, one letter and one source each in the index.
      for (const stage of STAGES) {
        const counts = await resources.queues
          .queue(stage)
          .getJobCounts('completed', 'failed', 'waiting', 'active');
        expect({ stage, ...counts }).toMatchObject({
          stage,
          completed: 30,
          failed: 0,
          waiting: 0,
          active: 0,
        });
      }
      const search = await resources.search();
      const rows = await search.db.query<{ key: string; letter_id: string }>(
        'SELECT key, letter_id FROM letter_sources WHERE bucket = $1',
        [bucket],
      );
      const byKey = (a: string[], b: string[]) => ((a[0] as string) < (b[0] as string) ? -1 : 1);
      expect(rows.rows.map((r) => [r.key, r.letter_id]).sort(byKey)).toEqual(
        sources.map((s) => [s.key, s.letterId]).sort(byKey),
      );
      expect((await search.db.query('SELECT count(*)::int AS n FROM letters')).rows[0]).toEqual({ n: 30 });

      // A deleted object leaves the index through the same removal path as the HTTP trigger's.
      const gone = sources[3] as (typeof sources)[number];
      await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: gone.key }));
      await vi.waitFor(() => expect(pending).toHaveLength(1));
      await flush();
      await fauxqs.spy.waitForMessageWithId(forwarded.at(-1) as string, 'consumed', 30_000);
      expect(await search.getLetter(gone.letterId)).toBeNull();
      expect((await search.db.query('SELECT count(*)::int AS n FROM letters')).rows[0]).toEqual({ n: 29 });

      // Every message was deleted once handled; nothing went to the DLQ.
      expect(forwarded).toHaveLength(31);
      expect([state()?.ready.length, state()?.inflight.length]).toEqual([0, 0]);
      expect(fauxqs.inspectQueue(dlq.queueName)?.messages.ready).toHaveLength(0);

      second.child.kill('SIGTERM');
      expect((await second.exited)[0]).toBe(0);
      // Logs carry ids, codes and counts: no object key.
      const logs = [...first.lines, ...second.lines].join('\n');
      expect(logs).toContain('sqs: messages handled');
      expect(logs).not.toContain('sqs-e2e');
    } finally {
      s3.server.events.off('notification', forward);
      await admin.call('CLIENT', 'UNPAUSE').catch(() => undefined);
    }
  }, 300_000);
});
