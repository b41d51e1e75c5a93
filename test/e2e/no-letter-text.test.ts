import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Resources } from '@imr/app';
import { loadConfig } from '@imr/config';
import { artifactKey, type ObjectRef } from '@imr/contracts';
import { normalizeLetter } from '@imr/parser';
import { waitForSources } from '@imr/queue';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { IMR_BIN } from '../support/cli.ts';
import { readSeed, seedNames } from '../support/seeds.ts';
import { createTestDatabase, quietLog, startRedis, startS3, uniquePrefix } from '../support/services.ts';

/**
 * Letters are medical records: after the seeds and the real letters have gone through the pipeline
 * with debug logs on, no run of words from any letter may be found in the workers' logs or anywhere
 * in Redis (keys, job data, return values, failure reasons, events, dead letters).
 */
const REAL_DIR = fileURLToPath(new URL('../../../shared/corpus/real/', import.meta.url));
/** A run of this many words shared with a letter counts as its text (shorter runs are phrases). */
const RUN = 7;

let redis: Awaited<ReturnType<typeof startRedis>>;
let db: Awaited<ReturnType<typeof createTestDatabase>>;
let s3: Awaited<ReturnType<typeof startS3>>;
let resources: Resources;
beforeAll(async () => {
  [redis, db, s3] = await Promise.all([startRedis(), createTestDatabase(), startS3()]);
});
afterAll(async () => {
  await resources?.close();
  await s3?.stop();
  await db?.drop();
  await redis?.stop();
});

const words = (text: string) => text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];

/** Every run of RUN consecutive words of `text`. */
function runs(text: string): Set<string> {
  const w = words(text);
  const out = new Set<string>();
  for (let i = 0; i + RUN <= w.length; i++) out.add(w.slice(i, i + RUN).join(' '));
  return out;
}

/** Every key of the Redis database with its whole value, as text. */
async function dumpRedis(connection: Redis): Promise<string> {
  const parts: string[] = [];
  for await (const keys of connection.scanStream({ count: 500 }) as AsyncIterable<string[]>) {
    for (const key of keys) {
      parts.push(key);
      const type = await connection.type(key);
      if (type === 'string') parts.push((await connection.get(key)) ?? '');
      else if (type === 'hash') parts.push(...Object.entries(await connection.hgetall(key)).flat());
      else if (type === 'list') parts.push(...(await connection.lrange(key, 0, -1)));
      else if (type === 'set') parts.push(...(await connection.smembers(key)));
      else if (type === 'zset') parts.push(...(await connection.zrange(key, 0, -1)));
      else if (type === 'stream')
        parts.push(...(await connection.xrange(key, '-', '+')).flatMap(([id, fields]) => [id, ...fields]));
      else throw new Error(`a Redis key of type ${type}: add it to the dump`);
    }
  }
  return parts.join('\n');
}

it('no sentence of the seeds or the real letters reaches the debug logs or Redis', async () => {
  const prefix = uniquePrefix('privacy');
  const env = {
    ...s3.env,
    REDIS_URL: redis.url,
    DATABASE_URL: db.url,
    IMR_QUEUE_PREFIX: prefix,
    LOG_LEVEL: 'debug',
  };
  const config = loadConfig(env);
  resources = new Resources({ ...config, REDIS_URL: redis.url }, quietLog);
  await resources.prepare();

  const worker = spawn(process.execPath, [IMR_BIN, 'worker'], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let logs = '';
  const ready = new Promise<void>((resolve, reject) => {
    worker.stdout.on('data', (d) => {
      logs += d;
      if (logs.includes('"workers ready"')) resolve();
    });
    worker.once('exit', (code) =>
      reject(new Error(`the worker exited (${code}) before it was ready:\n${logs}`)),
    );
  });
  worker.stderr.on('data', (d) => {
    logs += d;
  });
  const exited = once(worker, 'exit');
  try {
    await ready;
    const files = [
      ...seedNames().map((name) => ({ key: `seeds/${name}.txt`, bytes: readSeed(name).bytes })),
      ...readdirSync(REAL_DIR)
        .filter((f) => f.endsWith('.pdf'))
        .map((f) => ({ key: `real/${f}`, bytes: readFileSync(join(REAL_DIR, f)) })),
    ];
    expect(files.length).toBeGreaterThan(90);
    const sources: ObjectRef[] = [];
    for (const file of files) {
      const { etag } = await resources.objects.put(config.IMR_LETTER_BUCKET, file.key, file.bytes);
      const source = { bucket: config.IMR_LETTER_BUCKET, key: file.key, etag, versionId: null };
      await resources.queues.enqueueIngest({ source, trigger: 'backfill', seenAt: new Date().toISOString() });
      sources.push(source);
    }
    const traces = await waitForSources(resources.queues, resources.redis, sources);
    expect([...traces.values()].filter((t) => t.state !== 'indexed')).toEqual([]);

    // The letters' text as the pipeline read it (text letters decoded, PDFs' text layers).
    const letterRuns = new Map<string, string>();
    for (const [source, { letterId }] of traces) {
      if (!letterId) continue;
      const manifest = (await resources.artifacts.determination(letterId))?.manifest;
      if (!manifest) throw new Error('a determination without its manifest');
      const text = manifest.contentType === 'text' ? {} : { text: artifactKey(letterId, 'text') };
      const bytes = await resources.artifacts.letterText({ ...manifest, source, artifacts: text });
      if (!bytes) throw new Error('a letter without its text');
      for (const run of runs(normalizeLetter(bytes, manifest).text)) letterRuns.set(run, letterId);
    }
    expect(letterRuns.size).toBeGreaterThan(10_000);

    worker.kill('SIGTERM');
    const [code] = await exited;
    expect(code, logs.slice(-2000)).toBe(0);
    // Every job's lines were captured (at the debug level the workers run with here).
    expect(logs.split('"msg":"stage done"').length - 1).toBeGreaterThanOrEqual(4 * sources.length);

    const places = { logs, redis: await dumpRedis(resources.redis) };
    for (const [place, text] of Object.entries(places)) {
      const found = [...runs(text)].filter((run) => letterRuns.has(run));
      expect(found, `letter text in ${place}: ${found.slice(0, 5).join(' | ')}`).toEqual([]);
    }
    // The dump saw the pipeline's own records (not an empty database).
    expect(places.redis).toContain(`${prefix}:index`);
  } finally {
    if (worker.exitCode === null) worker.kill('SIGKILL');
  }
}, 300_000);
