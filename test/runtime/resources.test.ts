import { checkReadiness, Resources, startWorkers } from '@imr/app';
import { loadConfig, withDefaultRedis } from '@imr/config';
import { RedisServer } from '@imr/embedded';
import { createLogger } from '@imr/logging';
import type { StageHandler } from '@imr/queue';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestDatabase, startRedis, startS3, tempDir, uniquePrefix } from '../support/services.ts';
import { TcpProxy } from '../support/tcp-proxy.ts';

const closers: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

/** A logger whose lines the test reads. */
function capturedLog() {
  const lines: Record<string, unknown>[] = [];
  const log = createLogger('test', {
    level: 'info',
    destination: { write: (line: string) => lines.push(JSON.parse(line)) },
  });
  return { log, lines };
}

async function openResources(env: Record<string, string>, log = capturedLog().log) {
  const data = tempDir('imr-resources-');
  const config = withDefaultRedis(
    loadConfig({ IMR_QUEUE_PREFIX: uniquePrefix('res'), IMR_DATA_DIR: data.path, ...env }),
  );
  const resources = new Resources(config, log);
  closers.push(async () => {
    await resources.close();
    data.remove();
  });
  return resources;
}

const noop = (stage: 'extract' | 'index'): StageHandler =>
  ({ stage, handle: async () => ({ done: 'x' }) }) as StageHandler;

describe('process resources', () => {
  it('counts Redis connection errors, logs them rate-limited, reports them in readiness, and heals', async () => {
    let redis = await startRedis();
    const s3 = await startS3();
    closers.push(
      () => s3.stop(),
      () => redis.stop(),
    );
    const { log, lines } = capturedLog();
    const resources = await openResources({ ...s3.env, REDIS_URL: redis.url }, log);
    await resources.prepare();
    const workers = startWorkers(resources, [noop('extract')], ['extract']);
    closers.push(() => workers.close(1_000));
    await Promise.all(workers.workers.map((w) => w.worker.waitUntilReady()));
    expect((await checkReadiness(resources)).ready).toBe(true);

    const port = redis.port;
    await redis.stop();
    // Reconnection attempts fail, one error event each: wait for several.
    await new Promise<void>((resolve) => {
      let seen = 0;
      resources.redis.on('error', () => {
        if (++seen === 4) resolve();
      });
    });
    const down = await checkReadiness(resources);
    expect(down.ready).toBe(false);
    expect(down.s3?.ok).toBe(true);
    expect(down.redis).toMatchObject({ ok: false, connections: { ready: false } });
    expect(down.redis.connections.lastError?.code).toBe('ECONNREFUSED');
    expect(down.redis.connections.errors).toBeGreaterThanOrEqual(4);
    const logged = lines.filter((l) => l.msg === 'redis connection error');
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ code: 'ECONNREFUSED', level: 40 });

    redis = await RedisServer.start({ port });
    await new Promise((resolve) => resources.redis.once('ready', resolve));
    const snapshot = async () => (await checkReadiness(resources)).ready;
    // The workers' own connection reconnects on its own schedule; readiness follows it.
    for (let ready = await snapshot(); !ready; ready = await snapshot()) {
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(lines.some((l) => l.msg === 'redis connection ready again')).toBe(true);
  });

  it('reports S3 and the database when they do not answer', async () => {
    const redis = await startRedis();
    closers.push(() => redis.stop());
    const resources = await openResources({
      REDIS_URL: redis.url,
      S3_ENDPOINT: 'http://127.0.0.1:1',
      S3_ACCESS_KEY_ID: 'x',
      S3_SECRET_ACCESS_KEY: 'y',
      DATABASE_URL: 'postgres://postgres:postgres@127.0.0.1:1/postgres',
    });
    const readiness = await checkReadiness(resources, { database: true });
    expect(readiness).toMatchObject({
      ready: false,
      redis: { ok: true },
      s3: { ok: false, code: 'storage_unavailable' },
      database: { ok: false, code: 'database_unavailable' },
    });
  });

  it('opens the index once the database is back: a process started during an outage heals without a restart', async () => {
    const [redis, db] = await Promise.all([startRedis(), createTestDatabase()]);
    const url = new URL(db.url);
    const proxy = await TcpProxy.start({ host: url.hostname, port: Number(url.port || 5432) });
    closers.push(
      () => redis.stop(),
      () => db.drop(),
      () => proxy.close(),
    );
    await proxy.down();
    url.port = String(proxy.port);
    const resources = await openResources({ REDIS_URL: redis.url, DATABASE_URL: url.toString() });
    await expect(resources.search()).rejects.toMatchObject({ code: 'database_unavailable' });
    // Every caller during the outage tries again, rather than being handed the first failure.
    await expect(resources.search()).rejects.toMatchObject({ code: 'database_unavailable' });

    await proxy.up();
    const index = await resources.search();
    expect((await index.stats()).letters).toBe(0);
    expect(await resources.search()).toBe(index);
  });

  it('survives PostgreSQL going away inside a transaction: the write fails as database_unavailable', async () => {
    const db = await createTestDatabase();
    const url = new URL(db.url);
    const proxy = await TcpProxy.start({ host: url.hostname, port: Number(url.port || 5432) });
    closers.push(
      () => db.drop(),
      () => proxy.close(),
    );
    url.port = String(proxy.port);
    const { openSearchDatabase } = await import('@imr/search');
    const index = await openSearchDatabase({ databaseUrl: url.toString() });
    closers.push(() => index.close());
    const inside = index.db.transaction(async (tx) => {
      await tx.query('SELECT 1');
      void proxy.down();
      return tx.query('SELECT pg_sleep(2)');
    });
    // A checked-out client's connection error must not be an unhandled 'error' ending the process.
    await expect(inside).rejects.toMatchObject({ code: 'database_unavailable' });
    await proxy.up();
    expect((await index.db.query<{ one: number }>('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
  });

  it('starts workers with the configured lock duration, stall interval and concurrency', async () => {
    const redis = await startRedis();
    closers.push(() => redis.stop());
    const resources = await openResources({
      REDIS_URL: redis.url,
      IMR_LOCK_DURATION_MS: '7000',
      IMR_STALLED_INTERVAL_MS: '3000',
      IMR_CONCURRENCY: '3',
    });
    const workers = startWorkers(resources, [noop('extract'), noop('index')], ['index']);
    closers.push(() => workers.close(1_000));
    expect(workers.workers).toHaveLength(1);
    const { opts } = workers.workers[0]?.worker ?? { opts: {} };
    expect(opts).toMatchObject({ lockDuration: 7000, stalledInterval: 3000, concurrency: 3 });
  });
});
