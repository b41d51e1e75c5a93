// Redis under a flood of junk:  npm run bench -- junk        (BENCH_JUNK=100000)
// Drops BENCH_JUNK objects that are no letters (empty files, binary, prose that is no IMR letter)
// into the letter bucket of an in-process S3 server and runs them through every stage in this
// process, on a private redis-server with the default retention, sampling Redis' used_memory as
// they go. Every structure is bounded (job retention by count and age, dead letters by count), so
// memory levels off once the bounds are reached instead of growing with the flood.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Resources, startWorkers } from '@imr/app';
import { loadConfig } from '@imr/config';
import { STAGES } from '@imr/contracts';
import { RedisServer, S3RVER_CREDENTIALS, S3Server } from '@imr/embedded';
import { createLogger } from '@imr/logging';
import { DeadLetters } from '@imr/queue';
import { extractStage } from '@imr/service-extract';
import { indexStage } from '@imr/service-index';
import { ingestStage } from '@imr/service-ingest';
import { normalizeStage } from '@imr/service-normalize';
import { QUICK, report } from './lib/report.ts';

const JUNK = Number(process.env.BENCH_JUNK ?? (QUICK ? 2_000 : 100_000));
const CHUNK = 1_000;
const PROSE =
  'Minutes of the residents association. The garden committee met on Tuesday and agreed to ' +
  'replace the fence along the north side before spring. Next meeting in the community room.\n';

function junk(i: number): Uint8Array {
  if (i % 3 === 0) return new Uint8Array();
  if (i % 3 === 1) return randomBytes(64 + (i % 512));
  return new TextEncoder().encode(`${PROSE.repeat(1 + (i % 5))}${i}\n`);
}

const dir = mkdtempSync(join(tmpdir(), 'imr-bench-junk-'));
const redis = await RedisServer.start();
const s3 = await S3Server.start({ directory: join(dir, 's3') });
const config = loadConfig({
  REDIS_URL: redis.url,
  S3_ENDPOINT: s3.endpoint,
  S3_ACCESS_KEY_ID: S3RVER_CREDENTIALS.accessKeyId,
  S3_SECRET_ACCESS_KEY: S3RVER_CREDENTIALS.secretAccessKey,
  IMR_DATA_DIR: dir,
  IMR_CONCURRENCY: '16',
});
const resources = new Resources(
  { ...config, REDIS_URL: redis.url },
  createLogger('bench', { level: 'error' }),
);
await resources.prepare();
const workers = startWorkers(
  resources,
  [ingestStage, normalizeStage, extractStage, indexStage].map((s) => s(resources)),
  STAGES,
);
const usedMb = async () =>
  Number(/used_memory:(\d+)/.exec(await resources.redis.info('memory'))?.[1] ?? 0) / 1024 / 1024;
const drained = async () => {
  while ((await resources.queues.inFlight()) > 0) await new Promise((r) => setTimeout(r, 250));
};

const started = Date.now();
const samples: { dropped: number; mb: number }[] = [{ dropped: 0, mb: await usedMb() }];
console.log(`junk: ${JUNK} objects, Redis at start ${samples[0]?.mb.toFixed(1)} MB`);
for (let from = 0; from < JUNK; from += CHUNK) {
  const keys = Array.from({ length: Math.min(CHUNK, JUNK - from) }, (_, i) => `flood/${from + i}.bin`);
  const sources = [];
  for (let i = 0; i < keys.length; i += 50) {
    sources.push(
      ...(await Promise.all(
        keys.slice(i, i + 50).map(async (key, j) => {
          const { etag } = await resources.objects.put(config.IMR_LETTER_BUCKET, key, junk(from + i + j));
          return { bucket: config.IMR_LETTER_BUCKET, key, etag, versionId: null };
        }),
      )),
    );
  }
  const seenAt = new Date().toISOString();
  await resources.queues.enqueueIngestBulk(
    sources.map((source) => ({ source, trigger: 'backfill', seenAt })),
  );
  // Keep the flood at most a few chunks ahead of the workers, as a steady stream would be.
  while ((await resources.queues.inFlight()) > 4 * CHUNK) await new Promise((r) => setTimeout(r, 250));
  const dropped = from + keys.length;
  if (dropped % Math.max(CHUNK, JUNK / 10) === 0 || dropped === JUNK) {
    samples.push({ dropped, mb: await usedMb() });
    console.log(`junk: ${dropped} dropped, Redis ${samples.at(-1)?.mb.toFixed(1)} MB`);
  }
}
await drained();
const beforeSweep = await usedMb();
// The sweep and trim the workers run every IMR_DEAD_LETTER_SWEEP_MS, once more now.
await Promise.all(workers.workers.map((w) => w.sweepDeadLetters()));
const end = await usedMb();
const counts = await Promise.all(
  STAGES.map(async (s) => [s, await resources.queues.queue(s).getJobCounts('completed', 'failed')] as const),
);
const dead = await new DeadLetters(resources.queues).count();
console.log(
  `junk: drained ${((Date.now() - started) / 1000).toFixed(0)} s; Redis ${beforeSweep.toFixed(1)} MB, after trim ${end.toFixed(1)} MB`,
);
console.log(
  `junk: kept ${counts.map(([s, c]) => `${s} ${c.completed}/${c.failed}`).join(', ')} (completed/failed); dead letters ${dead}`,
);
const half = samples.find((s) => s.dropped >= JUNK / 2);
console.log(
  `junk: Redis MB at start ${samples[0]?.mb.toFixed(1)}, half ${half?.mb.toFixed(1)}, end ${end.toFixed(1)}, ` +
    `peak ${Math.max(...samples.map((s) => s.mb), beforeSweep).toFixed(1)}`,
);
report({
  junk: {
    objects: JUNK,
    redisMb: {
      start: samples[0]?.mb,
      half: half?.mb,
      end,
      peak: Math.max(...samples.map((s) => s.mb), beforeSweep),
    },
    deadLetters: dead,
    kept: Object.fromEntries(counts),
  },
});
await workers.close(5_000);
await resources.close();
await s3.stop();
await redis.stop();
rmSync(dir, { recursive: true, force: true });
