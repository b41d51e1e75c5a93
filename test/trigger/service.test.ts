import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { freePort } from '@imr/embedded';
import { createRedis, PipelineQueues } from '@imr/queue';
import type { ObjectStore } from '@imr/storage';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { jsonLines, runImr } from '../support/cli.ts';
import { createTestDatabase, startRedis, startS3, tempDir, uniquePrefix } from '../support/services.ts';
import { ingestJobs, postEvent, s3Clients, s3Event, TOKEN } from './helpers.ts';

/** The trigger service and `imr backfill` as processes, configured by environment like in production. */
const MAIN = fileURLToPath(new URL('../../services/trigger/src/main.ts', import.meta.url));
const BUCKET = 'imr-letters';

let redis: Awaited<ReturnType<typeof startRedis>>;
let s3: Awaited<ReturnType<typeof startS3>>;
let db: Awaited<ReturnType<typeof createTestDatabase>>;
let data: ReturnType<typeof tempDir>;
let client: S3Client;
let objects: ObjectStore;

function environment(prefix: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    ...s3.env,
    REDIS_URL: redis.url,
    DATABASE_URL: db.url,
    IMR_QUEUE_PREFIX: prefix,
    IMR_DATA_DIR: data.path,
    IMR_LETTER_BUCKET: BUCKET,
    LOG_LEVEL: 'info',
    ...extra,
  };
}

/** Starts the trigger service; resolves once it logs that it listens. */
async function startService(env: Record<string, string>) {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', MAIN], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  const listening = new Promise<string>((resolve, reject) => {
    lines.on('line', (line) => {
      if (line.includes('trigger listening')) resolve(JSON.parse(line).url as string);
    });
    void exited.then(([code]) => reject(new Error(`trigger exited (${code}) before listening`)));
  });
  return { child, exited, url: await listening };
}

async function putLetters(keys: string[]) {
  for (const Key of keys)
    await client.send(new PutObjectCommand({ Bucket: BUCKET, Key, Body: `letter ${Key}` }));
}

beforeAll(async () => {
  [redis, s3, db] = await Promise.all([startRedis(), startS3(), createTestDatabase()]);
  data = tempDir('imr-trigger-svc-');
  ({ client, objects } = s3Clients(s3.server.endpoint));
  await objects.ensureBucket(BUCKET);
});

afterAll(async () => {
  client?.destroy();
  objects?.close();
  await s3?.stop();
  await db?.drop();
  await redis?.stop();
  data?.remove();
});

describe('imr backfill', () => {
  it('two backfills at once enqueue each object once; counts as text and as a JSON line', async () => {
    const prefix = uniquePrefix('cli');
    const keys = Array.from({ length: 40 }, (_, i) => `backfill/${i} letter é.txt`);
    await putLetters([...keys, 'artifacts/x/text']);
    const env = environment(prefix);
    const runs = await Promise.all([
      runImr(['backfill', '--prefix', 'backfill/', '--json'], env),
      runImr(['backfill', '--prefix', 'backfill/', '--json'], env),
    ]);
    const results = runs.map((r) => {
      expect(r.code, r.stderr).toBe(0);
      return jsonLines(r.stdout)[0] as Record<string, number>;
    });
    for (const r of results) expect(r).toMatchObject({ bucket: BUCKET, prefix: 'backfill/', listed: 40 });
    expect((results[0]?.enqueued ?? 0) + (results[1]?.enqueued ?? 0)).toBe(40);

    const queues = new PipelineQueues({ connection: createRedis(redis.url), prefix });
    try {
      expect((await ingestJobs(queues)).map((j) => j.data.source.key).sort()).toEqual([...keys].sort());
    } finally {
      await queues.close();
      queues.settings.connection.disconnect();
    }
    const again = await runImr(['backfill', '--prefix', 'backfill/'], env);
    expect(again.stdout).toContain(
      `s3://${BUCKET}/backfill/: 40 listed, 0 enqueued, 40 already known, 0 skipped`,
    );
    expect((await runImr(['backfill', '--prune', '--queue-only'], env)).code).not.toBe(0);
  });
});

describe('trigger service process', () => {
  it('refuses to start without a token or an HMAC secret', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', MAIN], {
      env: { ...process.env, ...environment(uniquePrefix('open')), PORT: String(await freePort()) },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr?.on('data', (d) => {
      stderr += d;
    });
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(code).toBe(2);
    expect(stderr).toContain('IMR_TRIGGER_TOKEN: set it (or IMR_TRIGGER_HMAC_SECRET)');
  });

  it('serves events and health, reconciles a letter whose event was lost, and exits 0 on SIGTERM', async () => {
    const prefix = uniquePrefix('svc');
    await putLetters(['lost/never announced.txt']);
    const service = await startService(
      environment(prefix, {
        PORT: String(await freePort()),
        IMR_TRIGGER_TOKEN: TOKEN,
        IMR_KEY_PREFIX: 'lost/',
        IMR_RECONCILE_INTERVAL_MS: '200',
      }),
    );
    const queues = new PipelineQueues({ connection: createRedis(redis.url), prefix });
    try {
      expect((await fetch(`${service.url}/healthz`)).status).toBe(200);
      const ready = await fetch(`${service.url}/readyz`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toMatchObject({
        ready: true,
        redis: { ok: true },
        s3: { ok: true },
        database: { ok: true },
      });
      expect(
        (await postEvent(service.url, s3Event('ObjectCreated:Put', BUCKET, 'lost/sent.txt'))).body,
      ).toMatchObject({
        enqueued: 1,
      });
      expect(
        (await postEvent(service.url, s3Event('ObjectCreated:Put', BUCKET, 'elsewhere/x.txt'))).body,
      ).toMatchObject({
        ignored: 1,
      });
      await vi.waitFor(
        async () => {
          const jobs = await ingestJobs(queues);
          expect(jobs.map((j) => [j.data.source.key, j.data.trigger]).sort()).toEqual([
            ['lost/never announced.txt', 'reconcile'],
            ['lost/sent.txt', 'event'],
          ]);
        },
        { timeout: 15_000, interval: 100 },
      );
      service.child.kill('SIGTERM');
      expect((await service.exited)[0]).toBe(0);
    } finally {
      service.child.kill('SIGKILL');
      await queues.close();
      queues.settings.connection.disconnect();
    }
  });
});
