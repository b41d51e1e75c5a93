import { readFileSync } from 'node:fs';
import { loadConfig } from '@imr/config';
import { determinationSchema, type ObjectRef } from '@imr/contracts';
import { RedisServer, S3RVER_CREDENTIALS, S3Server } from '@imr/embedded';
import { Random } from '@imr/letters';
import { createRedis, DeadLetters, PipelineQueues, type Trace, waitForSources } from '@imr/queue';
import { openSearchDatabase } from '@imr/search';
import { ObjectStore } from '@imr/storage';
import pg from 'pg';
import { S3FaultProxy } from '../support/s3-fault-proxy.ts';
import { createTestDatabase, tempDir, uniquePrefix } from '../support/services.ts';
import { TcpProxy } from '../support/tcp-proxy.ts';
import { buildCorpus, decisionsDigest } from './corpus.ts';
import { type ResourceBounds, ResourceMonitor } from './monitor.ts';
import { WorkerPool } from './workers.ts';

export interface ChaosOptions {
  letters: number;
  /** `imr worker` processes for all stages, the steady one (never killed) included. */
  workers: number;
  /** `imr worker --stages index` processes beside them (default 1). */
  indexWorkers?: number;
  seed: number;
  log: (line: string) => void;
}

export interface ChaosResult {
  letters: number;
  indexed: number;
  lost: number;
  duplicated: number;
  mismatched: number;
  dead: number;
  /** Workers SIGKILLed, at random and mid-batch. */
  kills: number;
  redisRestarts: number;
  s3Outages: number;
  postgresOutages: number;
  s3FaultPhases: number;
  /** Faults the S3 proxy injected in its fault phases. */
  s3Faults: { slowDown: number; reset: number };
  /** Times the index-only workers were SIGKILLed while one of them had a batch transaction open. */
  indexKillsMidBatch: number;
  /** Workers started while PostgreSQL was down. */
  startedDuringOutage: number;
  /**
   * What the workers started during the PostgreSQL outage did at the index stage: attempts that
   * failed while it was down; once it was back, letters indexed, attempts that failed with
   * database_unavailable, and every failure's code.
   */
  outageWorkers: {
    failedDuringOutage: number;
    indexed: number;
    databaseUnavailable: number;
    failureCodes: Record<string, number>;
  };
  resources: ResourceBounds;
  /** Workers that died on their own (each was replaced), with the end of their stderr. */
  workerCrashes: WorkerPool['crashes'];
  /** `msg [stage] [code]` of the workers' warnings and errors, with counts. */
  workerProblems: Record<string, number>;
  elapsedMs: number;
}

/** The disruptions every run has at least once, besides killing workers at random. */
export const DISRUPTIONS = [
  'redis-restart',
  's3-outage',
  's3-faults',
  'postgres-outage',
  'index-kill-mid-batch',
] as const;
export type Disruption = (typeof DISRUPTIONS)[number] | 'kill';

/** The planned disruptions in their order for a seed: each one after a random kill. */
export function planDisruptions(random: () => number): Disruption[] {
  const order: Disruption[] = [...DISRUPTIONS];
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j] as Disruption, order[i] as Disruption];
  }
  return order.flatMap((d): Disruption[] => ['kill', d]);
}

const POSTGRES_OUTAGE_MS = 5_000;
const S3_OUTAGE_MS = 3_000;
const S3_FAULT_PHASE_MS = 4_000;
const S3_FAULTS = { slowDown: 0.15, reset: 0.1 };
/** A failed index attempt this long after PostgreSQL came back is not the outage's doing. */
const OUTAGE_GRACE_MS = 1_000;
/** How long PostgreSQL stays down at most, waiting for the worker started meanwhile to try it. */
const POSTGRES_OUTAGE_MAX_MS = 30_000;

/**
 * After the plan, a worker is killed each time this many more letters are indexed. Every kill sends
 * the jobs its victim held through a stall (a worker holds up to 16 index jobs and 4 of each other
 * stage), and BullMQ fails a job on its 4th stall (maxStalledCount 3). Kills by the clock (every
 * 3-6 s) dead-lettered 2 of 2,000 letters on a loaded machine, where each kill cuts ~15 jobs; one
 * kill per 50 letters makes a 4th stall of any job unlikely (well under one expected per run) at
 * 2,000 and at 10,000 letters.
 */
const KILL_EVERY = 50;

/** Letters uploaded at the same time. */
const UPLOADS = 8;

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Letters the uploader may drop so far: the plan hands them out round by round. */
class Release {
  released = 0;
  private waiters: Array<{ i: number; resolve: () => void; reject: (err: unknown) => void }> = [];

  constructor(
    private readonly total: number,
    private readonly signal: AbortSignal,
  ) {
    signal.addEventListener('abort', () => {
      for (const w of this.waiters) w.reject(signal.reason);
      this.waiters = [];
    });
  }

  get exhausted(): boolean {
    return this.released >= this.total;
  }

  /** `n` more letters (as many as are left). */
  more(n: number): void {
    this.to(this.released + n);
  }

  all(): void {
    this.to(this.total);
  }

  private to(n: number): void {
    this.released = Math.min(this.total, Math.max(this.released, n));
    this.waiters = this.waiters.filter((w) => {
      if (w.i >= this.released) return true;
      w.resolve();
      return false;
    });
  }

  /** Resolves when letter `i` (0-based) may be dropped. */
  until(i: number): Promise<void> {
    if (this.signal.aborted) return Promise.reject(this.signal.reason);
    if (i < this.released) return Promise.resolve();
    return new Promise((resolve, reject) => this.waiters.push({ i, resolve, reject }));
  }
}

/**
 * Drops letters into a real S3 server while, in an order that follows from the seed: worker
 * processes are SIGKILLed and restarted, Redis restarts (AOF on), S3 goes away for 3 s, S3 answers
 * for a while with SlowDown errors and reset connections (through a fault proxy), PostgreSQL goes
 * away for 5 s (through a TCP proxy) while a fresh worker starts, and index-only workers are
 * SIGKILLed in the middle of a batch transaction; then a worker is killed every KILL_EVERY letters.
 * Letters are handed out round by round, so that they flow through every disruption; the run does
 * not end before each has happened. Redis' memory and a never-killed worker's RSS are sampled
 * throughout. Then it checks the index against a clean in-process run: every letter indexed once,
 * with the same decisions.
 */
export async function runChaos(options: ChaosOptions): Promise<ChaosResult> {
  const started = Date.now();
  const random = (() => {
    const rng = new Random(options.seed);
    return () => rng.next();
  })();
  const faultRng = new Random(options.seed + 1);
  const { log } = options;
  const s3Dir = tempDir('imr-chaos-s3-');
  const redisDir = tempDir('imr-chaos-redis-');
  const filesDir = tempDir('imr-chaos-letters-');
  const db = await createTestDatabase();
  const dbUrl = new URL(db.url);
  const redis = await RedisServer.start({ dataDir: redisDir.path });
  let s3 = await S3Server.start({ directory: s3Dir.path });
  const s3Port = s3.port;
  const s3Proxy = await S3FaultProxy.start({ host: '127.0.0.1', port: s3Port }, () => faultRng.next());
  const pgProxy = await TcpProxy.start({ host: dbUrl.hostname, port: Number(dbUrl.port || 5432) });
  const workerDbUrl = new URL(db.url);
  workerDbUrl.hostname = '127.0.0.1';
  workerDbUrl.port = String(pgProxy.port);
  const prefix = uniquePrefix('chaos');
  const env = {
    REDIS_URL: redis.url,
    DATABASE_URL: workerDbUrl.toString(),
    S3_ENDPOINT: s3Proxy.endpoint,
    S3_ACCESS_KEY_ID: S3RVER_CREDENTIALS.accessKeyId,
    S3_SECRET_ACCESS_KEY: S3RVER_CREDENTIALS.secretAccessKey,
    IMR_QUEUE_PREFIX: prefix,
    IMR_LOCK_DURATION_MS: '5000',
    IMR_STALLED_INTERVAL_MS: '2000',
    IMR_DRAIN_TIMEOUT_MS: '5000',
  };
  const config = loadConfig(env);
  // The letters' uploader is a client of the bucket like any other: through the fault proxy.
  const objects = new ObjectStore({
    endpoint: s3Proxy.endpoint,
    region: config.S3_REGION,
    forcePathStyle: true,
    accessKeyId: S3RVER_CREDENTIALS.accessKeyId,
    secretAccessKey: S3RVER_CREDENTIALS.secretAccessKey,
    requestTimeoutMs: 5_000,
  });
  const connection = createRedis(redis.url);
  connection.on('error', () => undefined);
  const queues = new PipelineQueues({ connection, prefix });
  const pool = new WorkerPool(env, log);
  // Straight to PostgreSQL (not through the proxy): who is inside a transaction.
  const observer = new pg.Client({ connectionString: db.url });
  observer.on('error', () => undefined);
  const monitor = new ResourceMonitor(
    connection,
    () => pool.list('steady')[0]?.pid,
    () => queues.queue('index').getCompletedCount(),
    options.letters,
  );
  const abort = new AbortController();
  const aborted = new Promise<never>((_, reject) =>
    abort.signal.addEventListener('abort', () => reject(abort.signal.reason)),
  );
  aborted.catch(() => undefined);
  const counts = {
    redisRestarts: 0,
    s3Outages: 0,
    postgresOutages: 0,
    s3FaultPhases: 0,
    indexKillsMidBatch: 0,
    startedDuringOutage: 0,
  };
  const outageWorkers = {
    failedDuringOutage: 0,
    indexed: 0,
    databaseUnavailable: 0,
    failureCodes: {} as Record<string, number>,
  };
  let postgresBackAt = Number.POSITIVE_INFINITY;
  let chaos: Promise<void> | null = null;
  let stopChaos = false;
  try {
    if (options.workers < 1) throw new RangeError('chaos: at least one worker (the steady one) is needed');
    await observer.connect();
    await objects.ensureBucket(config.IMR_LETTER_BUCKET);
    await objects.ensureBucket(config.IMR_ARTIFACT_BUCKET);
    await monitor.start();
    // The workers start (seconds of CPU each) while the letters are rendered.
    pool.spawn('steady');
    pool.start(options.workers - 1, 'all');
    pool.start(options.indexWorkers ?? 1, 'index');
    log(`chaos: rendering ${options.letters} letters and computing them in this process (the clean run)`);
    const { files, expected } = await buildCorpus(options.letters, options.seed, filesDir.path, log);
    await Promise.all(pool.list().map((w) => w.ready));

    const plan = planDisruptions(random);
    log(
      `chaos: plan ${plan.join(', ')}, then a kill per ${KILL_EVERY} letters indexed until all are through`,
    );
    // A share of the letters at the start and one with each planned step, so that letters flow
    // through every disruption; one share is kept back for the mid-batch kill to draw on.
    const tranche = Math.max(1, Math.floor(files.length / (plan.length + 2)));
    const release = new Release(files.length, abort.signal);
    release.more(tranche);
    let uploaded = 0;

    const index = queues.queue('index');
    const database = dbUrl.pathname.slice(1);
    /**
     * True when a worker whose application_name matches `pattern` is inside a transaction that has
     * run more than one statement (a batch: BEGIN, then its writes).
     */
    const inTransaction = async (pattern: string) => {
      const { rows } = await observer.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM pg_stat_activity
          WHERE datname = $1 AND application_name LIKE $2 AND xact_start IS NOT NULL
            AND (state = 'idle in transaction' OR xact_start < query_start)`,
        [database, pattern],
      );
      return (rows[0]?.n ?? 0) > 0;
    };
    const indexWorkerInTransaction = () => inTransaction('chaos-index-%');
    /** Workers seen connected to PostgreSQL: their search index is open (and migrated). */
    const warm = new Set<string>();
    const coldIndexWorkers = async () => {
      const { rows } = await observer.query<{ name: string }>(
        `SELECT DISTINCT application_name AS name FROM pg_stat_activity
          WHERE datname = $1 AND application_name LIKE 'chaos-%'`,
        [database],
      );
      for (const { name } of rows) warm.add(name);
      return pool.list('index').filter((w) => !warm.has(w.name)).length;
    };
    const upstreamBusy = async () => {
      if (uploaded < release.released) return true;
      const jobs = await Promise.all([
        ...(['ingest', 'normalize', 'extract'] as const).map((s) =>
          queues.queue(s).getJobCountByTypes('waiting', 'active', 'delayed', 'prioritized'),
        ),
        index.getDelayedCount(),
      ]);
      return jobs.some((n) => n > 0);
    };

    /** No letter is left to drop and none is in the pipeline. */
    const idle = async () =>
      release.exhausted && uploaded === files.length && (await queues.inFlight()) === 0;

    /**
     * With the index queue paused (before the step's letters were handed out), waits until a few
     * jobs wait there and lets them go at once (each worker takes some, and a worker's jobs share one
     * batch transaction); as soon as the index queue has at least 2 active jobs while an index-only
     * worker is inside a transaction, SIGKILLs the index-only workers and starts replacements. Again
     * with more letters if that moment was missed, or if an index-only worker had not opened its
     * search index yet (its first job, which does, would come too late for the batch).
     */
    const killIndexMidBatch = async () => {
      await Promise.all(pool.list('index').map((w) => w.ready));
      for (let burst = 1; ; burst++) {
        const cold = await coldIndexWorkers();
        if (burst > 1) await index.pause();
        try {
          let last = -1;
          let since = Date.now();
          for (;;) {
            const waiting = await index.getWaitingCount();
            if (waiting !== last) {
              last = waiting;
              since = Date.now();
            }
            if (waiting >= 6 || (waiting >= 2 && Date.now() - since > 2_000)) break;
            if (waiting < 2 && !(await upstreamBusy())) {
              if (release.exhausted)
                throw new Error('chaos: letters ran out before an index worker could be killed mid-batch');
              release.more(tranche);
            }
            await sleep(50);
          }
        } finally {
          await index.resume();
        }
        const deadline = Date.now() + 3_000;
        let maxActive = 0;
        let inTransaction = 0;
        while (Date.now() < deadline) {
          const active = await index.getActiveCount();
          const open = await indexWorkerInTransaction();
          maxActive = Math.max(maxActive, active);
          if (open) inTransaction++;
          if (active >= 2 && open) {
            await pool.killRole('index');
            counts.indexKillsMidBatch++;
            log(`chaos: index-only workers killed mid-batch (${active} index jobs active; burst ${burst})`);
            return;
          }
          // The burst is through.
          if (active === 0 && maxActive > 0 && (await index.getWaitingCount()) === 0) break;
        }
        log(
          `chaos: burst ${burst} missed (at most ${maxActive} index jobs active, ` +
            `${inTransaction} samples with an index-only worker in a transaction` +
            `${cold ? `, ${cold} index-only worker(s) yet to open the index` : ''}); again`,
        );
        if (burst === 10)
          throw new Error('chaos: 10 bursts of index jobs and no index worker caught mid-batch');
      }
    };

    let phaseStart = { ...s3Proxy.counts };
    /** What a step does before its letters are handed out. */
    const prepare = async (step: Disruption) => {
      if (step === 'index-kill-mid-batch') await index.pause();
      if (step === 's3-faults') {
        log(`chaos: S3 answers SlowDown and resets connections for ${S3_FAULT_PHASE_MS / 1000} s`);
        phaseStart = { ...s3Proxy.counts };
        s3Proxy.faults(S3_FAULTS);
      }
    };

    const disrupt = async (step: Disruption) => {
      switch (step) {
        case 'kill':
          await pool.killOne(random);
          return;
        case 'redis-restart':
          log('chaos: restarting Redis');
          await redis.restart();
          counts.redisRestarts++;
          return;
        case 's3-outage':
          log(`chaos: stopping S3 for ${S3_OUTAGE_MS / 1000} s`);
          await s3.stop();
          await sleep(S3_OUTAGE_MS);
          s3 = await S3Server.start({ directory: s3Dir.path, port: s3Port });
          counts.s3Outages++;
          log('chaos: S3 is back');
          return;
        case 's3-faults': {
          const before = phaseStart;
          // At least the phase's length, and until it has seen both kinds of fault (unless no
          // request is coming any more).
          let over = false;
          const idleNow = (async () => {
            while (!over && !(await idle())) await sleep(500);
          })().catch(() => undefined);
          await Promise.all([
            sleep(S3_FAULT_PHASE_MS),
            Promise.race([s3Proxy.phaseSeen(2), idleNow, aborted]),
          ]);
          over = true;
          s3Proxy.faults(null);
          counts.s3FaultPhases++;
          const c = s3Proxy.counts;
          log(
            `chaos: S3 fault phase over: ${c.slowDown - before.slowDown} SlowDown, ` +
              `${c.resetBefore + c.resetAfter - before.resetBefore - before.resetAfter} resets, ` +
              `${c.forwarded - before.forwarded} forwarded`,
          );
          return;
        }
        case 'postgres-outage': {
          log(
            `chaos: stopping PostgreSQL for ${POSTGRES_OUTAGE_MS / 1000} s, and starting a worker meanwhile`,
          );
          // PostgreSQL goes away in the middle of a worker's batch transaction if one comes within 10 s.
          const watchUntil = Date.now() + 10_000;
          let midTransaction = false;
          while (!midTransaction && Date.now() < watchUntil) midTransaction = await inTransaction('chaos-%');
          const down = Date.now();
          await pgProxy.down();
          let tried: () => void = () => undefined;
          const triedIndex = new Promise<void>((resolve) => {
            tried = resolve;
          });
          const fresh = pool.spawn('outage', (line) => {
            if (line.stage !== 'index') return;
            const failed = line.msg === 'stage attempt failed';
            if (line.time <= postgresBackAt) {
              if (failed) outageWorkers.failedDuringOutage++;
              if (failed) tried();
              return;
            }
            if (line.msg === 'indexed') outageWorkers.indexed++;
            if (failed && line.time > postgresBackAt + OUTAGE_GRACE_MS) {
              const code = line.code ?? 'unknown';
              outageWorkers.failureCodes[code] = (outageWorkers.failureCodes[code] ?? 0) + 1;
              if (code === 'database_unavailable') outageWorkers.databaseUnavailable++;
            }
          });
          counts.startedDuringOutage++;
          // The outage lasts its 5 s and until the fresh worker, started without PostgreSQL, has
          // tried an index job without it (at most 30 s).
          await Promise.all([
            sleep(POSTGRES_OUTAGE_MS),
            fresh.ready,
            Promise.race([triedIndex, sleep(POSTGRES_OUTAGE_MAX_MS), aborted]),
          ]);
          await pgProxy.up();
          postgresBackAt = Date.now();
          counts.postgresOutages++;
          log(
            `chaos: PostgreSQL is back after ${((postgresBackAt - down) / 1000).toFixed(1)} s ` +
              `(it went away ${midTransaction ? 'in the middle of' : 'outside'} a batch transaction; ` +
              `worker ${fresh.pid}, started meanwhile, failed ${outageWorkers.failedDuringOutage} index attempts without it)`,
          );
          return;
        }
        case 'index-kill-mid-batch':
          await killIndexMidBatch();
          return;
      }
    };

    // The chaos, while letters flow: the plan, one step every 1-2 s; then a random kill each time
    // another KILL_EVERY letters are indexed (at least 2-4 s apart).
    let planDone: () => void = () => undefined;
    const planned = new Promise<void>((resolve) => {
      planDone = resolve;
    });
    chaos = (async () => {
      for (const step of plan) {
        await sleep(1000 + random() * 1000);
        if (stopChaos) return;
        await prepare(step);
        release.more(tranche);
        await disrupt(step);
      }
      release.all();
      planDone();
      let killedAt = await index.getCompletedCount();
      while (!stopChaos) {
        await sleep(2000 + random() * 2000);
        while (!stopChaos && (await index.getCompletedCount()) < killedAt + KILL_EVERY) await sleep(500);
        if (stopChaos) return;
        killedAt = await index.getCompletedCount();
        await pool.killOne(random);
      }
    })().catch((err) => {
      abort.abort(err);
    });

    // A few uploads at a time, each retrying through the outages as a client of the bucket would.
    const sources: ObjectRef[] = [];
    let next = 0;
    const progressStep = Math.max(100, Math.ceil(files.length / 10));
    const upload = async () => {
      for (let i = next++; i < files.length; i = next++) {
        await release.until(i);
        const file = files[i] as (typeof files)[number];
        const bytes = readFileSync(file.path);
        for (;;) {
          try {
            const { etag } = await objects.put(config.IMR_LETTER_BUCKET, file.key, bytes);
            const source = { bucket: config.IMR_LETTER_BUCKET, key: file.key, etag, versionId: null };
            await queues.enqueueIngest({ source, trigger: 'backfill', seenAt: new Date().toISOString() });
            sources.push(source);
            break;
          } catch {
            if (abort.signal.aborted) throw abort.signal.reason;
            await sleep(250);
          }
        }
        if (++uploaded % progressStep === 0 && uploaded < files.length)
          log(`chaos: ${uploaded} of ${files.length} letters dropped`);
      }
    };
    await Promise.all(Array.from({ length: UPLOADS }, upload));
    log(`chaos: ${sources.length} letters dropped; waiting for the pipeline`);
    let traces: Map<ObjectRef, Trace>;
    try {
      // Until no job is left in any stage: counts, once a second (re-tracing every pending letter
      // on every job event, as waitForSources does, costs more CPU than the pipeline on a long
      // run); then every letter's trace, which waits on for anything still unsettled.
      let reported = 0;
      while ((await Promise.race([queues.inFlight(), aborted])) > 0) {
        const indexed = await index.getCompletedCount();
        if (indexed - reported >= progressStep && indexed < sources.length) {
          reported = indexed - (indexed % progressStep);
          log(`chaos: ${indexed} of ${sources.length} letters indexed`);
        }
        await Promise.race([sleep(1000), aborted]);
      }
      traces = await waitForSources(queues, connection, sources, { signal: abort.signal });
      await Promise.race([planned, aborted]);
    } catch (err) {
      throw abort.signal.aborted ? abort.signal.reason : err;
    }
    stopChaos = true;
    await chaos;
    if (abort.signal.aborted) throw abort.signal.reason;
    const resources = await monitor.finish();
    await pool.stop();

    const searchIndex = await openSearchDatabase({ databaseUrl: db.url });
    let indexed = 0;
    let mismatched = 0;
    try {
      for (const [letterId, digest] of expected) {
        const letter = await searchIndex.getLetter(letterId);
        if (!letter) continue;
        indexed++;
        const got = determinationSchema.parse({ ...letter.determination, letterId }).decisions;
        if (decisionsDigest(got) !== digest) mismatched++;
      }
      const rows = await searchIndex.db.query<{ n: number; distinct: number }>(
        'SELECT count(*)::int AS n, count(DISTINCT id)::int AS distinct FROM letters',
      );
      const decisionRows = await searchIndex.db.query<{ dup: number }>(
        'SELECT count(*)::int AS dup FROM (SELECT letter_id, ordinal FROM decisions GROUP BY 1, 2 HAVING count(*) > 1) d',
      );
      const row = rows.rows[0] ?? { n: 0, distinct: 0 };
      const duplicated =
        row.n - row.distinct + (decisionRows.rows[0]?.dup ?? 0) + Math.max(0, row.n - expected.size);
      const dead = await new DeadLetters(queues).count();
      const failedTraces = [...traces.values()].filter((t) => t.state === 'failed');
      if (failedTraces.length) {
        const codes = failedTraces.map((t) => `${t.stage}:${t.code ?? '?'}`);
        log(`chaos: ${failedTraces.length} letters failed (${[...new Set(codes)].join(', ')})`);
      }
      const c = s3Proxy.counts;
      return {
        letters: expected.size,
        indexed,
        lost: expected.size - indexed,
        duplicated,
        mismatched,
        dead,
        kills: pool.kills,
        ...counts,
        s3Faults: { slowDown: c.slowDown, reset: c.resetBefore + c.resetAfter },
        outageWorkers,
        resources,
        workerCrashes: pool.crashes,
        workerProblems: Object.fromEntries([...pool.problems].sort((a, b) => b[1] - a[1])),
        elapsedMs: Date.now() - started,
      };
    } finally {
      await searchIndex.close();
    }
  } finally {
    stopChaos = true;
    abort.abort(new Error('chaos: stopped'));
    await chaos?.catch(() => undefined);
    await monitor.stop();
    await pgProxy.up().catch(() => undefined);
    await pool.stop();
    await queues.close();
    connection.disconnect();
    objects.close();
    await observer.end().catch(() => undefined);
    await s3Proxy.close();
    await pgProxy.close();
    await s3.stop();
    await redis.stop();
    await db.drop();
    s3Dir.remove();
    redisDir.remove();
    filesDir.remove();
  }
}

export function chaosLine(r: ChaosResult): string {
  return `chaos: letters=${r.letters} indexed=${r.indexed} lost=${r.lost} duplicated=${r.duplicated} mismatched=${r.mismatched} dead=${r.dead}`;
}
