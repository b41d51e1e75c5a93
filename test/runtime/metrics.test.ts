import { Resources } from '@imr/app';
import { loadConfig } from '@imr/config';
import type { ObjectRef } from '@imr/contracts';
import { generateCorpus, renderLetter } from '@imr/letters';
import { PipelineQueues, waitForSources } from '@imr/queue';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDashboard } from '../../services/dashboard/src/app.ts';
import { IMR_BIN, runImr } from '../support/cli.ts';
import { JsonLinesProcess } from '../support/processes.ts';
import { readSeed, seedNames } from '../support/seeds.ts';
import {
  createTestDatabase,
  quietLog,
  startRedis,
  startS3,
  tempDir,
  uniquePrefix,
} from '../support/services.ts';

/**
 * Observability end to end: letters through an `imr worker` process with IMR_HTTP_PORT set, then
 * its /metrics, /healthz and /readyz; `imr status --json`; the dashboard's queue gauges.
 */

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

function parseExposition(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m) throw new Error(`not an exposition line: ${line}`);
    const labels: Record<string, string> = {};
    for (const [, k, v] of (m[2] ?? '').matchAll(/([a-zA-Z_]\w*)="((?:[^"\\]|\\.)*)"/g))
      labels[k as string] = v as string;
    samples.push({ name: m[1] as string, labels, value: Number(m[3]) });
  }
  return samples;
}

/** The value of the one series `name{labels...}` (extra labels allowed), or undefined. */
function seriesValue(
  samples: Sample[],
  name: string,
  labels: Record<string, string> = {},
): number | undefined {
  const found = samples.filter(
    (s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v),
  );
  if (found.length > 1) throw new Error(`${name} ${JSON.stringify(labels)} matches ${found.length} series`);
  return found[0]?.value;
}

/** A child process whose stdout is pino JSON lines. */
class LoggingProcess extends JsonLinesProcess<Record<string, unknown>> {
  /** The first log line with message `msg` (already written or still to come). */
  logged(msg: string): Promise<Record<string, unknown>> {
    return this.waitFor(msg, (l) => l.msg === msg);
  }
}

let redis: Awaited<ReturnType<typeof startRedis>>;
let db: Awaited<ReturnType<typeof createTestDatabase>>;
let s3: Awaited<ReturnType<typeof startS3>>;
let resources: Resources;
let worker: LoggingProcess;
let workerUrl: string;
const data = tempDir('imr-metrics-');
const prefix = uniquePrefix('metrics');
let env: Record<string, string>;

beforeAll(async () => {
  redis = await startRedis();
  db = await createTestDatabase();
  s3 = await startS3();
  env = {
    ...s3.env,
    REDIS_URL: redis.url,
    DATABASE_URL: db.url,
    IMR_QUEUE_PREFIX: prefix,
    IMR_DATA_DIR: data.path,
  };
  const config = loadConfig(env);
  resources = new Resources({ ...config, REDIS_URL: redis.url }, quietLog);
  await resources.prepare();
  worker = new LoggingProcess([IMR_BIN, 'worker'], {
    ...env,
    IMR_HTTP_PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'info',
    IMR_DRAIN_TIMEOUT_MS: '1000',
  });
  const listening = await worker.logged('worker http listening: /healthz, /readyz, /metrics');
  workerUrl = listening.url as string;
  await worker.logged('workers ready');
});

afterAll(async () => {
  worker?.child.kill('SIGKILL');
  await worker?.exited;
  await resources?.close();
  await s3?.stop();
  await db?.drop();
  await redis?.stop();
  data.remove();
});

async function scrape(): Promise<Sample[]> {
  const res = await fetch(`${workerUrl}/metrics`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain('text/plain');
  return parseExposition(await res.text());
}

/** Scrapes until `ready` holds: a worker counts a job just after Redis records it, so the count can lag by a moment. */
async function scrapeUntil(ready: (s: Sample[]) => boolean, deadlineMs = 15_000): Promise<Sample[]> {
  const until = Date.now() + deadlineMs;
  for (;;) {
    const samples = await scrape();
    if (ready(samples) || Date.now() > until) return samples;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const LETTERS = 5;
let startedAt = 0;
let settledAt = 0;

describe('a worker process with IMR_HTTP_PORT', () => {
  it('answers /healthz and /readyz (Redis, both buckets and the database) before any job', async () => {
    const health = await fetch(`${workerUrl}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ ok: true });
    const ready = await fetch(`${workerUrl}/readyz`);
    const body = await ready.json();
    expect(ready.status, JSON.stringify(body)).toBe(200);
    // `imr worker` runs every stage: ingest reads the letter bucket, index the database.
    expect(body).toMatchObject({
      ready: true,
      redis: { ok: true },
      s3: { ok: true },
      database: { ok: true },
    });
    expect((await fetch(`${workerUrl}/nowhere`)).status).toBe(404);
    expect((await fetch(`${workerUrl}/metrics`, { method: 'POST' })).status).toBe(405);
  });

  it('/metrics counts every letter it processed, per stage and code, and their drop-to-indexed times', async () => {
    const before = await scrape();
    // Every stage's series exists from the start, at zero.
    for (const stage of ['ingest', 'normalize', 'extract', 'index']) {
      expect(seriesValue(before, 'imr_jobs_completed_total', { stage })).toBe(0);
    }
    expect(seriesValue(before, 'process_cpu_user_seconds_total')).toBeGreaterThan(0);
    for (const dependency of ['redis', 's3', 'database']) {
      expect(seriesValue(before, 'imr_dependency_up', { dependency })).toBe(1);
    }

    const bodies: { key: string; bytes: Uint8Array }[] = seedNames()
      .slice(0, LETTERS - 1)
      .map((name) => ({ key: `incoming/${name}.txt`, bytes: readSeed(name).bytes }));
    const [synthetic] = generateCorpus(1, { seed: 11 });
    bodies.push({ key: 'incoming/synthetic.pdf', bytes: await renderLetter(synthetic!, { format: 'pdf' }) });
    bodies.push({
      key: 'incoming/lease.txt',
      bytes: Buffer.from('Dear tenant,\n\nThe rent is due on the first.\n'),
    });
    startedAt = Date.now();
    const sources: ObjectRef[] = [];
    for (const { key, bytes } of bodies) {
      const seenAt = new Date().toISOString();
      const { etag } = await resources.objects.put(resources.config.IMR_LETTER_BUCKET, key, bytes);
      const source = { bucket: resources.config.IMR_LETTER_BUCKET, key, etag, versionId: null };
      await resources.queues.enqueueIngest({ source, trigger: 'event', seenAt });
      sources.push(source);
    }
    const traces = await waitForSources(resources.queues, resources.redis, sources, { recorded: true });
    settledAt = Date.now();
    const states = [...traces.values()].map((t) => `${t.state}:${t.code ?? ''}`);
    expect(states.filter((s) => s === 'indexed:')).toHaveLength(LETTERS);
    expect(states).toContain('failed:not_imr_letter');

    const samples = await scrapeUntil(
      (s) =>
        seriesValue(s, 'imr_jobs_completed_total', { stage: 'index' }) === LETTERS &&
        seriesValue(s, 'imr_jobs_dead_lettered_total', { stage: 'extract', code: 'not_imr_letter' }) === 1,
    );
    const completed = (stage: string) => seriesValue(samples, 'imr_jobs_completed_total', { stage });
    // The non-letter passes ingest and normalize and fails at extract, permanently: one attempt.
    expect(completed('ingest')).toBe(LETTERS + 1);
    expect(completed('normalize')).toBe(LETTERS + 1);
    expect(completed('extract')).toBe(LETTERS);
    expect(completed('index')).toBe(LETTERS);
    expect(samples.filter((s) => s.name === 'imr_jobs_failed_total').map((s) => [s.labels, s.value])).toEqual(
      [[{ stage: 'extract', code: 'not_imr_letter' }, 1]],
    );
    expect(
      seriesValue(samples, 'imr_jobs_dead_lettered_total', { stage: 'extract', code: 'not_imr_letter' }),
    ).toBe(1);
    expect(seriesValue(samples, 'imr_job_duration_seconds_count', { stage: 'normalize' })).toBe(LETTERS + 1);
    expect(seriesValue(samples, 'imr_job_duration_seconds_count', { stage: 'index' })).toBe(LETTERS);

    // Drop to indexed: one observation a letter, none longer than the test waited.
    expect(seriesValue(samples, 'imr_drop_to_indexed_seconds_count', { trigger: 'event' })).toBe(LETTERS);
    const sum = seriesValue(samples, 'imr_drop_to_indexed_seconds_sum', { trigger: 'event' }) as number;
    expect(sum).toBeGreaterThan(0);
    expect(sum).toBeLessThanOrEqual((LETTERS * (settledAt - startedAt)) / 1000 + 1);
    expect(seriesValue(samples, 'imr_drop_to_indexed_seconds_bucket', { trigger: 'event', le: '+Inf' })).toBe(
      LETTERS,
    );

    // Every indexed letter was in one index transaction; the PDF was read once.
    expect(seriesValue(samples, 'imr_index_batch_size_sum')).toBe(LETTERS);
    expect(seriesValue(samples, 'imr_pdf_seconds_count', { outcome: 'ok' })).toBe(1);
    // Queue state is the dashboard's: a worker shows no queue gauges.
    expect(samples.some((s) => s.name.startsWith('imr_queue_') || s.name === 'imr_dead_letters')).toBe(false);
    // No label value is a key, an id or text.
    const text = await (await fetch(`${workerUrl}/metrics`)).text();
    for (const { key } of bodies) expect(text).not.toContain(key);
    expect(text).not.toMatch(/[0-9a-f]{64}/);
  });
});

describe('imr status --json', () => {
  it('reports per-stage counts and rates, dead letters by code and the letters indexed', async () => {
    const { code, stdout, stderr } = await runImr(['status', '--json'], env);
    expect(code, stderr).toBe(0);
    const lines = stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const report = JSON.parse(lines[0] as string);
    const stage = (name: string) => report.stages.find((s: { stage: string }) => s.stage === name);
    expect(report.stages.map((s: { stage: string }) => s.stage)).toEqual([
      'ingest',
      'normalize',
      'extract',
      'index',
      'ocr',
    ]);
    // No scan in this run: the OCR lane is listed, idle.
    expect(stage('ocr')).toMatchObject({ waiting: 0, active: 0, failed: 0, completedLast5Minutes: 0 });
    expect(stage('ingest')).toMatchObject({
      waiting: 0,
      active: 0,
      delayed: 0,
      failed: 0,
      completedLast5Minutes: 6,
    });
    expect(stage('normalize')).toMatchObject({ completedLast5Minutes: LETTERS + 1, failedLast5Minutes: 0 });
    expect(stage('extract')).toMatchObject({
      failed: 1,
      completedLast5Minutes: LETTERS,
      failedLast5Minutes: 1,
    });
    expect(stage('index')).toMatchObject({ completedLast5Minutes: LETTERS, oldestWaitingSeconds: null });
    // The whole run fits in the last minute unless the machine was very slow.
    if (Date.now() - startedAt < 50_000) expect(stage('index').completedLastMinute).toBe(LETTERS);
    expect(report.deadLetters).toMatchObject({ total: 1, byCode: { not_imr_letter: 1 } });
    expect(report.lettersIndexed).toBe(LETTERS);
  });

  it('tells the oldest waiting job and counts only jobs finished inside each window', async () => {
    const idle = uniquePrefix('idle');
    const queues = new PipelineQueues({ connection: resources.redis, prefix: idle });
    const now = Date.now();
    const ingest = queues.queue('ingest');
    for (const [i, age] of [90, 30].entries()) {
      const source = {
        bucket: resources.config.IMR_LETTER_BUCKET,
        key: `waiting-${i}.txt`,
        etag: null,
        versionId: null,
      };
      await ingest.add(
        'ingest',
        { source, trigger: 'event', seenAt: new Date(now - age * 1000).toISOString() },
        { ...queues.jobOptions('ingest', `ingest-idle-${i}`), timestamp: now - age * 1000 },
      );
    }
    // Finished jobs as BullMQ keeps them: ids scored by finish time.
    const completedKey = queues.queue('normalize').toKey('completed');
    await resources.redis.zadd(completedKey, now - 10_000, 'a', now - 120_000, 'b', now - 400_000, 'c');
    const { code, stdout, stderr } = await runImr(['status', '--json'], { ...env, IMR_QUEUE_PREFIX: idle });
    expect(code, stderr).toBe(0);
    const report = JSON.parse(stdout);
    const stage = (name: string) => report.stages.find((s: { stage: string }) => s.stage === name);
    expect(stage('ingest')).toMatchObject({ waiting: 2, active: 0 });
    const oldest = stage('ingest').oldestWaitingSeconds as number;
    expect(oldest).toBeGreaterThanOrEqual(90);
    expect(oldest).toBeLessThan(90 + (Date.now() - now) / 1000 + 1);
    expect(stage('normalize')).toMatchObject({ completedLastMinute: 1, completedLast5Minutes: 2 });
    expect(report.deadLetters).toEqual({ total: 0, byCode: {}, byStage: [] });

    const table = await runImr(['status'], { ...env, IMR_QUEUE_PREFIX: idle });
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout).toMatch(/^stage\s+waiting\s+active/);
    // The oldest job's age as the table rounds it: 90 s and the time both commands took (a loaded
    // machine took over ten seconds).
    const row = table.stdout.match(/\ningest\s+2\s+0\s+0\s+0\s+0\s+0\s+0\s+(\d+)s\n/);
    expect(row, table.stdout).not.toBeNull();
    expect(Number(row?.[1])).toBeGreaterThanOrEqual(90);
    expect(Number(row?.[1])).toBeLessThan(90 + (Date.now() - now) / 1000 + 1);
    expect(table.stdout).toContain(`letters indexed: ${LETTERS}`);
    await queues.close();
  });
});

describe('the dashboard /metrics', () => {
  it('shows queue state read from Redis at scrape time: jobs by state, the oldest waiting, dead letters by code', async () => {
    const app = createDashboard({
      queues: resources.queues,
      search: () => resources.search(),
      log: quietLog,
    });
    const res = await app.request('/metrics');
    expect(res.status).toBe(200);
    const samples = parseExposition(await res.text());
    expect(seriesValue(samples, 'imr_queue_jobs', { queue: 'extract', state: 'failed' })).toBe(1);
    expect(seriesValue(samples, 'imr_queue_jobs', { queue: 'ingest', state: 'waiting' })).toBe(0);
    expect(seriesValue(samples, 'imr_queue_oldest_waiting_seconds', { queue: 'ingest' })).toBe(0);
    expect(samples.filter((s) => s.name === 'imr_dead_letters').map((s) => [s.labels, s.value])).toEqual([
      [{ stage: 'extract', code: 'not_imr_letter' }, 1],
    ]);
    expect(seriesValue(samples, 'nodejs_heap_size_used_bytes')).toBeGreaterThan(0);
  });
});

describe('when Redis stops', () => {
  it('/readyz answers 503 naming Redis, /healthz still answers, and SIGTERM exits 0', async () => {
    await redis.stop();
    const ready = await fetch(`${workerUrl}/readyz`);
    const body = await ready.json();
    expect(ready.status, JSON.stringify(body)).toBe(503);
    expect(body).toMatchObject({ ready: false, redis: { ok: false }, s3: { ok: true } });
    expect((await fetch(`${workerUrl}/healthz`)).status).toBe(200);
    const samples = await scrape();
    expect(seriesValue(samples, 'imr_dependency_up', { dependency: 'redis' })).toBe(0);
    expect(seriesValue(samples, 'imr_dependency_up', { dependency: 's3' })).toBe(1);
    worker.child.kill('SIGTERM');
    expect(await worker.exited).toEqual({ code: 0, signal: null });
  });
});
