// End-to-end benchmark: letters from the bucket to the index, beside the ceilings of the parts,
// measured in the same run.
//   npm run bench -- e2e [--quick] [--json]
//   BENCH_E2E_LETTERS (5,000; --quick 1,000), BENCH_LATENCY_RATE (50/s), BENCH_LATENCY_SECONDS (60; --quick 15)
// Runs on REDIS_URL (else a private redis-server), S3_ENDPOINT (else s3rver in its own process) and
// DATABASE_URL's server (a fresh database, dropped afterwards; else PGlite in a temporary folder).
// 1. ceilings: a no-op four-stage BullMQ chain; the S3 server's GET and PUT rate with the
//    project's client; pdftotext on corpus/real (when poppler and the corpus are here);
// 2. end to end: text letters, then 20% PDF, with one `imr worker` process; text letters with two
//    (PostgreSQL only: PGlite is one process's): letters/s, ratio to each ceiling, S3 requests per
//    letter, per-stage p50/p95, peak RSS, Redis memory per 1,000 queued letters;
// 3. latency: drop-to-searchable p50/p95/p99 while letters arrive at a steady rate.
import { type ChildProcess, fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '@imr/config';
import { type IngestPayload, STAGES } from '@imr/contracts';
import { RedisServer, S3RVER_CREDENTIALS } from '@imr/embedded';
import { generateCorpus, type Rendering, renderLetter } from '@imr/letters';
import { createRedis, PipelineQueues } from '@imr/queue';
import { createTestDatabase } from '@imr/search/testing';
import { ObjectStore } from '@imr/storage';
import { Queue, Worker } from 'bullmq';
import { pdftotextRate, realPdfPaths } from './lib/real-corpus.ts';
import { percentile, QUICK, report } from './lib/report.ts';
import {
  histogramQuantile,
  peakRssMb,
  scrape,
  startWorkers,
  stopWorkers,
  total,
} from './lib/worker-processes.ts';

const LETTERS = Number(process.env.BENCH_E2E_LETTERS ?? (QUICK ? 1_000 : 5_000));
const RATE = Number(process.env.BENCH_LATENCY_RATE ?? 50);
const LATENCY_SECONDS = Number(process.env.BENCH_LATENCY_SECONDS ?? (QUICK ? 15 : 60));
const CEILING_SECONDS = QUICK ? 2 : 4;
const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

// ---- the servers
const work = mkdtempSync(join(tmpdir(), 'imr-bench-e2e-'));
const redisServer = process.env.REDIS_URL ? null : await RedisServer.start();
const redisUrl = process.env.REDIS_URL ?? (redisServer as RedisServer).url;
let s3Child: ChildProcess | null = null;
let s3Endpoint = process.env.S3_ENDPOINT;
if (!s3Endpoint) {
  s3Child = fork(fileURLToPath(new URL('./lib/s3-server-process.ts', import.meta.url)), [join(work, 's3')], {
    execArgv: ['--import', 'tsx'],
  });
  s3Endpoint = await new Promise<string>((resolve) =>
    s3Child?.once('message', (m) => resolve((m as { endpoint: string }).endpoint)),
  );
}
const database = process.env.DATABASE_URL ? await createTestDatabase('postgres') : null;
const databaseUrl =
  database && 'databaseUrl' in database.location ? database.location.databaseUrl : undefined;
const prefix = `bench${randomBytes(3).toString('hex')}`;
const env: NodeJS.ProcessEnv = {
  REDIS_URL: redisUrl,
  IMR_QUEUE_PREFIX: prefix,
  S3_ENDPOINT: s3Endpoint,
  S3_ACCESS_KEY_ID: process.env.S3_ACCESS_KEY_ID ?? S3RVER_CREDENTIALS.accessKeyId,
  S3_SECRET_ACCESS_KEY: process.env.S3_SECRET_ACCESS_KEY ?? S3RVER_CREDENTIALS.secretAccessKey,
  IMR_DATA_DIR: join(work, 'data'),
  ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
};
const objects = new ObjectStore({
  endpoint: s3Endpoint,
  region: 'us-east-1',
  forcePathStyle: true,
  accessKeyId: env.S3_ACCESS_KEY_ID,
  secretAccessKey: env.S3_SECRET_ACCESS_KEY,
});
const { IMR_LETTER_BUCKET: letterBucket, IMR_ARTIFACT_BUCKET: artifactBucket } = loadConfig();
await objects.ensureBucket(letterBucket);
await objects.ensureBucket(artifactBucket);
const redis = createRedis(redisUrl);
const queues = new PipelineQueues({ connection: redis, prefix });

/** Requests the S3 server answered so far, by HTTP method (null: not our server). */
async function s3Requests(): Promise<Record<string, number> | null> {
  const child = s3Child;
  if (!child) return null;
  const reply = new Promise<Record<string, number>>((resolve) =>
    child.once('message', (m) => resolve((m as { counts: Record<string, number> }).counts)),
  );
  child.send('count');
  return reply;
}

const sum = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);

/** CPU seconds a process has used so far (Linux: utime + stime of /proc/PID/stat). */
function cpuSeconds(pid: number | undefined): number | null {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}

/** Pids of the processes named `name` (Linux: /proc/PID/comm): PostgreSQL's backends, say. */
function pidsNamed(name: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() === name) pids.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return pids;
}

/** Cores each part kept busy between two samples: where the time goes, so which ceiling binds. */
function cpuSampler(parts: Record<string, () => Array<number | undefined>>) {
  const read = () =>
    Object.fromEntries(
      Object.entries(parts).map(([name, pids]) => [
        name,
        pids().reduce<number | null>((sum, pid) => {
          const s = cpuSeconds(pid);
          return s === null ? sum : (sum ?? 0) + s;
        }, null),
      ]),
    );
  const before = read();
  const started = performance.now();
  return () => {
    const after = read();
    const seconds = (performance.now() - started) / 1000;
    return Object.fromEntries(
      Object.keys(parts).map((name) => {
        const a = after[name];
        const b = before[name];
        return [
          name,
          a === null || a === undefined || b === null || b === undefined ? null : round((a - b) / seconds, 2),
        ];
      }),
    );
  };
}

async function usedMemory(): Promise<number> {
  const info = await redis.info('memory');
  return Number(/used_memory:(\d+)/.exec(info)?.[1] ?? 0);
}

async function forEachConcurrently<T>(items: T[], inFlight: number, run: (item: T) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (next < items.length) await run(items[next++] as T);
    }),
  );
}

// ---- 1. ceilings
console.log(
  `end-to-end benchmark: ${LETTERS} letters; Redis ${redisServer ? 'private' : 'REDIS_URL'}, ` +
    `S3 ${s3Child ? 's3rver (own process)' : 'S3_ENDPOINT'}, ${databaseUrl ? 'PostgreSQL' : 'PGlite'}`,
);

/** Letters/s through four no-op BullMQ stages, each adding the next job as the pipeline does. */
async function queueCeiling(chains: number): Promise<{ lettersPerSecond: number; jobsPerSecond: number }> {
  const p = `${prefix}ceil`;
  const names = ['a', 'b', 'c', 'd'];
  const qs = names.map((n) => new Queue(n, { connection: redis, prefix: p }));
  const connection = createRedis(redisUrl);
  let done = 0;
  let finish: () => void = () => undefined;
  const finished = new Promise<void>((resolve) => {
    finish = resolve;
  });
  const opts = {
    removeOnComplete: { count: 20_000 },
    attempts: 5,
    backoff: { type: 'exponential', delay: 1000 },
  };
  const workers = names.map(
    (n, i) =>
      new Worker(
        n,
        async (job) => {
          const q = qs[i + 1];
          if (q) await q.add('j', job.data, { ...opts, jobId: `${n}-${job.data.i}` });
          else if (++done === chains) finish();
        },
        { connection, prefix: p, concurrency: 16 },
      ),
  );
  const started = performance.now();
  for (let i = 0; i < chains; i += 500) {
    await qs[0]?.addBulk(
      Array.from({ length: Math.min(500, chains - i) }, (_, k) => ({
        name: 'j',
        data: { i: i + k },
        opts: { ...opts, jobId: `s-${i + k}` },
      })),
    );
  }
  await finished;
  const seconds = (performance.now() - started) / 1000;
  await Promise.all(workers.map((w) => w.close()));
  for (const q of qs) {
    await q.obliterate({ force: true });
    await q.close();
  }
  connection.disconnect();
  return { lettersPerSecond: round(chains / seconds), jobsPerSecond: round((4 * chains) / seconds) };
}

/** Requests/s the S3 server answers to the project's client, `inFlight` at a time. */
async function s3Rate(op: 'put' | 'get', inFlight = 32): Promise<number> {
  const body = randomBytes(12 * 1024);
  const until = performance.now() + CEILING_SECONDS * 1000;
  const started = performance.now();
  let done = 0;
  await Promise.all(
    Array.from({ length: inFlight }, async (_, lane) => {
      for (let i = 0; performance.now() < until; i++) {
        // New keys, as the pipeline's artifacts are (s3rver makes a folder for each).
        if (op === 'put') await objects.put(letterBucket, `ceiling/${lane}/${i}/a`, body);
        else await objects.get(letterBucket, `ceiling/${lane}/${i % 5}/a`);
        done++;
      }
    }),
  );
  return round(done / ((performance.now() - started) / 1000));
}

/** Redis used_memory per 1,000 letters waiting in the ingest queue (jobs as the trigger adds them). */
async function queuedMemoryPer1000(count = 2_000): Promise<number> {
  const scratch = new PipelineQueues({ connection: redis, prefix: `${prefix}mem` });
  const before = await usedMemory();
  const seenAt = new Date().toISOString();
  const payloads: IngestPayload[] = Array.from({ length: count }, (_, i) => ({
    source: {
      bucket: letterBucket,
      key: `incoming/2026/12/letter-${String(i).padStart(6, '0')}.pdf`,
      etag: randomBytes(16).toString('hex'),
      versionId: null,
    },
    trigger: 'event',
    seenAt,
  }));
  for (let i = 0; i < count; i += 500) await scratch.enqueueIngestBulk(payloads.slice(i, i + 500));
  const after = await usedMemory();
  await scratch.stages.ingest.obliterate({ force: true });
  await scratch.close();
  return round((after - before) / (count / 1000) / 1024 / 1024, 2);
}

const queueC = await queueCeiling(QUICK ? 2_000 : 5_000);
const s3Put = await s3Rate('put');
const s3Get = await s3Rate('get');
const pdftotext = pdftotextRate(realPdfPaths());
const redisPer1000 = await queuedMemoryPer1000();
console.log(
  `\nceilings: queue ${queueC.lettersPerSecond} letters/s (${queueC.jobsPerSecond} jobs/s); ` +
    `S3 PUT ${s3Put}/s, GET ${s3Get}/s; pdftotext ${pdftotext ? `${pdftotext.pdfsPerSecond} PDFs/s` : 'not here'}; ` +
    `Redis ${redisPer1000} MB per 1,000 queued letters`,
);

// ---- 2. end to end
const TEXT: Rendering[] = [
  { format: 'txt', encoding: 'utf-8' },
  { format: 'txt', encoding: 'windows-1252', lineEnding: 'crlf' },
  { format: 'txt', encoding: 'utf-16le' },
  { format: 'txt', encoding: 'utf-8', wrap: 72 },
];

async function dropLetters(folder: string, count: number, seed: number, pdfShare: number) {
  const letters = generateCorpus(count, { seed });
  const keys: string[] = [];
  const every = pdfShare > 0 ? Math.round(1 / pdfShare) : 0;
  const bodies = await Promise.all(
    letters.map((letter, i) =>
      renderLetter(
        letter,
        every && i % every === 0 ? { format: 'pdf' } : (TEXT[i % TEXT.length] as Rendering),
      ),
    ),
  );
  await forEachConcurrently(
    bodies.map((body, i) => ({ body, key: `${folder}/${String(i).padStart(6, '0')}` })),
    32,
    async ({ body, key }) => {
      await objects.put(letterBucket, key, body);
      keys.push(key);
    },
  );
  return keys;
}

/** Letters done so far: index jobs completed, plus jobs of any stage that failed for good (from Redis). */
async function lettersDone(): Promise<number> {
  let done = (await queues.stages.index.getJobCounts('completed')).completed ?? 0;
  for (const stage of STAGES) done += (await queues.stages[stage].getJobCounts('failed')).failed ?? 0;
  return done;
}

/**
 * Waits until `count` more letters are done than `before`. Asks Redis, not the workers' /metrics:
 * a scrape also checks readiness (S3, the database), which at this rate would load the servers.
 */
async function waitIndexed(before: number, count: number): Promise<void> {
  let last = -1;
  let lastChange = Date.now();
  for (;;) {
    const done = (await lettersDone()) - before;
    if (done >= count) return;
    if (done !== last) {
      last = done;
      lastChange = Date.now();
    } else if (Date.now() - lastChange > 120_000) {
      throw new Error(`stuck at ${done} of ${count} letters for 2 minutes`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

interface EndToEnd {
  letters: number;
  processes: number;
  pdfShare: number;
  seconds: number;
  lettersPerSecond: number;
  ofQueueCeiling: number;
  s3RequestsPerLetter: number | null;
  ofS3Ceiling: number | null;
  deadLettered: number;
  stages: Record<string, { p50Ms: number | null; p95Ms: number | null }>;
  peakRssMb: number | null;
  /** Cores kept busy during the run, by part (null: not measurable here, e.g. a remote server). */
  cores: Record<string, number | null>;
}

let run = 0;
async function endToEnd(processes: number, pdfShare: number): Promise<EndToEnd> {
  run++;
  const keys = await dropLetters(`e2e-${run}`, LETTERS, 1000 + run, pdfShare);
  const workers = await startWorkers(processes, env);
  const doneBefore = await lettersDone();
  const requestsBefore = await s3Requests();
  const cpu = cpuSampler({
    workers: () => workers.map((w) => w.child.pid),
    s3: () => [s3Child?.pid],
    redis: () => [redisServer?.pid],
    // Every PostgreSQL process on this machine (a remote server is not measured).
    database: () =>
      databaseUrl && /@(localhost|127\.0\.0\.1)[:/]/.test(databaseUrl) ? pidsNamed('postgres') : [],
    bench: () => [process.pid],
  });
  const started = performance.now();
  const seenAt = new Date().toISOString();
  for (let i = 0; i < keys.length; i += 500) {
    await queues.enqueueIngestBulk(
      keys.slice(i, i + 500).map((key) => ({
        source: { bucket: letterBucket, key, etag: null, versionId: null },
        trigger: 'backfill' as const,
        seenAt,
      })),
    );
  }
  await waitIndexed(doneBefore, keys.length);
  const seconds = (performance.now() - started) / 1000;
  const cores = cpu();
  const requestsAfter = await s3Requests();
  const samples = await scrape(workers);
  const peak = workers.map((w) => peakRssMb(w.child.pid)).reduce((a, b) => Math.max(a ?? 0, b ?? 0), 0);
  await stopWorkers(workers);
  const stages: EndToEnd['stages'] = {};
  for (const stage of STAGES) {
    const q = (p: number) => {
      const v = histogramQuantile(samples, 'imr_job_duration_seconds', { stage }, p);
      return v === null ? null : round(v * 1000, 1);
    };
    stages[stage] = { p50Ms: q(0.5), p95Ms: q(0.95) };
  }
  const rate = keys.length / seconds;
  const made = (method: string) => (requestsAfter?.[method] ?? 0) - (requestsBefore?.[method] ?? 0);
  const perLetter =
    requestsBefore === null || requestsAfter === null
      ? null
      : round((sum(requestsAfter) - sum(requestsBefore)) / keys.length, 2);
  // How busy the run kept the S3 server, against its ceilings: each PUT costs 1/putRate of a
  // second of its time, each other request (GET, HEAD) 1/getRate.
  const s3Busy =
    perLetter === null
      ? null
      : (made('PUT') / s3Put + (sum(requestsAfter ?? {}) - sum(requestsBefore ?? {}) - made('PUT')) / s3Get) /
        seconds;
  const result: EndToEnd = {
    letters: keys.length,
    processes,
    pdfShare,
    seconds: round(seconds, 2),
    lettersPerSecond: round(rate),
    ofQueueCeiling: round(rate / queueC.lettersPerSecond, 3),
    s3RequestsPerLetter: perLetter,
    ofS3Ceiling: s3Busy === null ? null : round(s3Busy, 3),
    deadLettered: total(samples, 'imr_jobs_dead_lettered_total'),
    stages,
    peakRssMb: peak === null ? null : round(peak),
    cores,
  };
  console.log(
    `\nend to end, ${processes} process(es), ${Math.round(pdfShare * 100)}% PDF: ${result.letters} letters in ` +
      `${result.seconds} s = ${result.lettersPerSecond} letters/s (${result.ofQueueCeiling}x the queue ceiling` +
      `${result.ofS3Ceiling === null ? '' : `, S3 at ${result.ofS3Ceiling}x its ceiling`}); ` +
      `S3 requests per letter ${perLetter ?? 'n/a'}; dead-lettered ${result.deadLettered}; peak RSS ${result.peakRssMb} MB`,
  );
  console.log(
    `  cores busy: ${Object.entries(cores)
      .map(([part, n]) => `${part} ${n ?? 'n/a'}`)
      .join(', ')} (of ${availableParallelism()})`,
  );
  for (const stage of STAGES) {
    console.log(`  ${stage.padEnd(9)} p50 ${stages[stage]?.p50Ms} ms  p95 ${stages[stage]?.p95Ms} ms`);
  }
  return result;
}

const text = await endToEnd(1, 0);
const mixed = await endToEnd(1, 0.2);
const scaling = databaseUrl ? await endToEnd(2, 0) : null;
if (scaling)
  console.log(`  2 processes / 1 process: ${round(scaling.lettersPerSecond / text.lettersPerSecond, 2)}x`);

// ---- 3. latency under a steady rate
async function latency() {
  const count = RATE * LATENCY_SECONDS;
  const bodies = await Promise.all(
    generateCorpus(count, { seed: 77 }).map((letter, i) =>
      renderLetter(letter, TEXT[i % TEXT.length] as Rendering),
    ),
  );
  const workers = await startWorkers(1, env);
  const doneBefore = await lettersDone();
  const started = performance.now();
  const drops: Promise<void>[] = [];
  for (let i = 0; i < count; i++) {
    const due = started + (i * 1000) / RATE;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const key = `latency/${String(i).padStart(6, '0')}`;
    drops.push(
      objects.put(letterBucket, key, bodies[i] as Uint8Array).then(({ etag }) =>
        queues
          .enqueueIngest({
            source: { bucket: letterBucket, key, etag, versionId: null },
            trigger: 'event',
            seenAt: new Date().toISOString(),
          })
          .then(() => undefined),
      ),
    );
  }
  await Promise.all(drops);
  await waitIndexed(doneBefore, count);
  await stopWorkers(workers);
  const jobs = await queues.stages.index.getJobs(['completed'], 0, -1);
  const ms = jobs
    .filter((j) => j.data?.source?.key?.startsWith('latency/') && j.finishedOn)
    .map((j) => (j.finishedOn as number) - Date.parse(j.data.seenAt))
    .sort((a, b) => a - b);
  const at = (p: number) => percentile(ms, p) ?? null;
  const result = {
    rate: RATE,
    seconds: LATENCY_SECONDS,
    letters: ms.length,
    p50Ms: at(50),
    p95Ms: at(95),
    p99Ms: at(99),
  };
  console.log(
    `\ndrop to searchable at ${RATE} letters/s for ${LATENCY_SECONDS} s (${ms.length} letters): ` +
      `p50 ${result.p50Ms} ms, p95 ${result.p95Ms} ms, p99 ${result.p99Ms} ms`,
  );
  return result;
}
const lat = await latency();

// ---- done
await queues.close();
redis.disconnect();
objects.close();
s3Child?.send('stop');
await redisServer?.stop();
await database?.drop();
rmSync(work, { recursive: true, force: true });
report({
  queueCeiling: queueC,
  s3Ceiling: { putPerSecond: s3Put, getPerSecond: s3Get, pdftotext, redisMbPer1000Queued: redisPer1000 },
  endToEnd: { text, mixed },
  scaling,
  latency: lat,
});
