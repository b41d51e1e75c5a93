import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { Resources } from '@imr/app';
import { loadConfig } from '@imr/config';
import type { LetterPayload, Stage } from '@imr/contracts';
import { generateCorpus } from '@imr/letters';
import { QueueEvents } from 'bullmq';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { IMR_BIN, runImr } from '../support/cli.ts';
import { JsonLinesProcess } from '../support/processes.ts';
import { quietLog, startRedis, startS3, tempDir, uniquePrefix } from '../support/services.ts';

/** A pino line of an `imr` process or of a worker process it forked (they share its stdout). */
interface LogLine {
  msg: string;
  pid: number;
  service: string;
  [field: string]: unknown;
}

/**
 * `imr ARGS` as an operator starts it, with its JSON log lines (and those of its children) collected
 * as they come, so a test waits on what the processes say rather than on time.
 */
class ImrProcess extends JsonLinesProcess<LogLine> {
  constructor(args: string[], env: Record<string, string>) {
    super([IMR_BIN, ...args], env, { captureStderr: true });
    running.push(this);
  }

  /** Resolves with the worker process's pid once it logged that its workers are ready. */
  async ready(pid = this.pid): Promise<number> {
    await this.waitFor(`workers ready (pid ${pid})`, (l) => l.msg === 'workers ready' && l.pid === pid);
    return pid;
  }

  /** jobId -> pids of the processes that completed it (their `stage done` lines). */
  stageDone(): Map<string, number[]> {
    const done = new Map<string, number[]>();
    for (const l of this.lines) {
      if (l.msg !== 'stage done' || l.stage !== 'extract') continue;
      done.set(l.jobId as string, [...(done.get(l.jobId as string) ?? []), l.pid]);
    }
    return done;
  }

  /** SIGKILLs the process and every process that logged to its output (its children) still running `imr`. */
  killAll(): void {
    for (const pid of new Set([this.pid, ...this.lines.map((l) => l.pid)])) {
      try {
        // Only a process still running imr: never another that got a finished one's pid.
        if (!readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(IMR_BIN)) continue;
        process.kill(pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  }
}

/** Every process a test started, killed after it whatever happened (a timed-out test runs no finally). */
const running: ImrProcess[] = [];
afterEach(() => {
  for (const p of running.splice(0)) p.killAll();
});

const LOG_OF = (p: ImrProcess, pid: number) => p.lines.filter((l) => l.pid === pid);

/** Two consecutive free TCP ports (the supervisor gives child i IMR_HTTP_PORT + i). */
async function freePortPair(): Promise<number> {
  const listen = (port: number) =>
    new Promise<ReturnType<typeof createServer> | null>((resolve) => {
      const server = createServer();
      server.once('error', () => resolve(null));
      server.listen(port, '0.0.0.0', () => resolve(server));
    });
  for (;;) {
    const first = await listen(0);
    if (!first) continue;
    const port = (first.address() as { port: number }).port;
    const second = port < 65_535 ? await listen(port + 1) : null;
    await new Promise((r) => first.close(r));
    if (second) {
      await new Promise((r) => second.close(r));
      return port;
    }
  }
}

let redis: Awaited<ReturnType<typeof startRedis>>;
let s3: Awaited<ReturnType<typeof startS3>>;
const data = tempDir('imr-processes-');

beforeAll(async () => {
  redis = await startRedis();
  s3 = await startS3();
});
afterAll(async () => {
  await s3?.stop();
  await redis?.stop();
  data.remove();
});

/**
 * A queue prefix of its own with `count` letters ready for the extract stage (in the letter
 * bucket), and the environment of a worker on it. `enqueue()` adds the extract jobs.
 */
async function extractWork(count: number, seed: number) {
  const prefix = uniquePrefix('procs');
  const env = {
    ...s3.env,
    REDIS_URL: redis.url,
    IMR_QUEUE_PREFIX: prefix,
    IMR_DATA_DIR: data.path,
    // One job at a time per process: with several processes on one queue, each must take some.
    IMR_CONCURRENCY: '1',
    LOG_LEVEL: 'info',
  };
  const config = loadConfig(env);
  const resources = new Resources({ ...config, REDIS_URL: redis.url }, quietLog);
  await resources.prepare();
  const payloads: LetterPayload[] = [];
  for (const letter of generateCorpus(count, { seed })) {
    const bytes = Buffer.from(letter.text, 'utf8');
    const letterId = createHash('sha256').update(bytes).digest('hex');
    // A text letter is its own text: extract (with no normalized text in its process) reads it.
    const source = {
      bucket: config.IMR_LETTER_BUCKET,
      key: `in/${letter.id}.txt`,
      etag: 'e',
      versionId: null,
    };
    await resources.objects.put(source.bucket, source.key, bytes);
    payloads.push({
      letterId,
      source,
      contentType: 'text',
      textEncoding: 'detect',
      byteLength: bytes.length,
      artifacts: {},
      trigger: 'cli',
    });
  }
  const events = new QueueEvents('extract', { connection: { url: redis.url }, prefix });
  await events.waitUntilReady();
  return {
    env,
    resources,
    queue: (stage: Stage) => resources.queues.queue(stage),
    /** Adds the jobs; resolves with their ids and a promise of every one completed. */
    async enqueue() {
      const completed = new Set<string>();
      let allDone: () => void = () => undefined;
      const finished = new Promise<void>((resolve) => {
        allDone = resolve;
      });
      const ids: string[] = [];
      events.on('completed', ({ jobId }) => {
        completed.add(jobId);
        if (ids.length === count && ids.every((id) => completed.has(id))) allDone();
      });
      for (const payload of payloads)
        ids.push((await resources.queues.enqueueStage('extract', payload)).jobId);
      if (ids.every((id) => completed.has(id))) allDone();
      return { ids, finished };
    },
    async close() {
      await events.close();
      await resources.close();
    },
  };
}

describe('several worker processes on one queue', () => {
  it('two `imr worker --stages extract` processes both take jobs, and every letter is extracted exactly once', async () => {
    const work = await extractWork(40, 11);
    const a = new ImrProcess(['worker', '--stages', 'extract'], work.env);
    const b = new ImrProcess(['worker', '--stages', 'extract'], work.env);
    try {
      await Promise.all([a.ready(), b.ready()]);
      const { ids, finished } = await work.enqueue();
      await finished;
      // Stopped, with every line they wrote read (the queue's events can arrive before their logs).
      a.kill('SIGTERM');
      b.kill('SIGTERM');
      expect(await a.exited).toEqual({ code: 0, signal: null });
      expect(await b.exited).toEqual({ code: 0, signal: null });
      await Promise.all([a.outputClosed, b.outputClosed]);

      const done = new Map<string, number[]>();
      for (const [jobId, pids] of [...a.stageDone(), ...b.stageDone()]) {
        done.set(jobId, [...(done.get(jobId) ?? []), ...pids]);
      }
      // Each job ran once, in one of the two processes, and each process ran some.
      expect([...done.keys()].sort()).toEqual([...ids].sort());
      expect([...done.values()].filter((pids) => pids.length !== 1)).toEqual([]);
      expect(a.stageDone().size).toBeGreaterThan(0);
      expect(b.stageDone().size).toBeGreaterThan(0);
      expect(
        await work.queue('extract').getJobCounts('completed', 'failed', 'active', 'wait', 'delayed'),
      ).toEqual({ completed: 40, failed: 0, active: 0, wait: 0, delayed: 0 });
      // Every letter handed on to the index stage once, its determination stored.
      const next = await work.queue('index').getJobs(['wait']);
      expect(new Set(next.map((j) => j.data.letterId)).size).toBe(40);
      expect(
        next.every(
          (j) => j.data.artifacts.determination === `artifacts/${j.data.letterId}/determination.json`,
        ),
      ).toBe(true);
      for (const job of next) await work.resources.artifacts.getBytes(job.data.artifacts.determination);
    } finally {
      a.kill('SIGKILL');
      b.kill('SIGKILL');
      await work.close();
    }
  });

  it('`--processes 2` restarts a worker process killed with SIGKILL, on its own HTTP port', async () => {
    const work = await extractWork(0, 12);
    const port = await freePortPair();
    const sup = new ImrProcess(['worker', '--stages', 'extract', '--processes', '2'], {
      ...work.env,
      IMR_HTTP_PORT: String(port),
    });
    try {
      const started = await Promise.all(
        [0, 1].map((i) =>
          sup.waitFor(`child ${i} started`, (l) => l.msg === 'worker process started' && l.index === i),
        ),
      );
      const [first, second] = started.map((l) => l.childPid as number) as [number, number];
      await Promise.all([sup.ready(first), sup.ready(second)]);
      expect(started.map((l) => l.httpPort)).toEqual([String(port), String(port + 1)]);

      process.kill(first, 'SIGKILL');
      const died = await sup.waitFor('restart notice', (l) => l.msg === 'worker process died: restarting it');
      expect(died).toMatchObject({ index: 0, childPid: first, signal: 'SIGKILL' });
      const again = await sup.waitFor(
        'child 0 started again',
        (l) => l.msg === 'worker process started' && l.index === 0 && l.childPid !== first,
      );
      const replacement = await sup.ready(again.childPid as number);
      expect(again.httpPort).toBe(String(port));
      // The replacement serves child 0's port; the survivor was left alone.
      expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
      expect((await fetch(`http://127.0.0.1:${port + 1}/healthz`)).status).toBe(200);
      expect(LOG_OF(sup, second).some((l) => /shutting down/.test(l.msg))).toBe(false);
      expect(replacement).not.toBe(first);

      sup.kill('SIGTERM');
      expect(await sup.exited).toEqual({ code: 0, signal: null });
    } finally {
      sup.kill('SIGKILL');
      await work.close();
    }
  });

  it('SIGTERM to the supervisor drains every worker process (no job left in flight) and exits 0', async () => {
    const count = 100;
    const work = await extractWork(count, 13);
    const sup = new ImrProcess(['worker', '--stages', 'extract', '--processes', '2'], work.env);
    try {
      const started = await Promise.all(
        [0, 1].map((i) =>
          sup.waitFor(`child ${i} started`, (l) => l.msg === 'worker process started' && l.index === i),
        ),
      );
      const pids = started.map((l) => l.childPid as number);
      await Promise.all(pids.map((pid) => sup.ready(pid)));
      await work.enqueue();
      // Mid-run: both have finished a job, so both are taking them.
      await Promise.all(
        pids.map((pid) =>
          sup.waitFor(`a job done by ${pid}`, (l) => l.msg === 'stage done' && l.pid === pid),
        ),
      );
      sup.kill('SIGTERM');
      expect(await sup.exited).toEqual({ code: 0, signal: null });
      // Every process gone (the output closes when the last one exits), every line read.
      await sup.outputClosed;

      for (const pid of pids) {
        expect(LOG_OF(sup, pid).map((l) => l.msg)).toContain('shut down cleanly');
      }
      const stopped = sup.lines.filter((l) => l.msg === 'worker process stopped');
      expect(stopped.map((l) => [l.childPid, l.code]).sort()).toEqual(pids.map((pid) => [pid, 0]).sort());
      // Jobs in flight at the signal finished (none is left active for its lock to expire); the
      // rest wait for the next worker.
      const {
        completed = 0,
        wait = 0,
        ...counts
      } = await work.queue('extract').getJobCounts('completed', 'failed', 'active', 'wait');
      expect(counts.active).toBe(0);
      expect(counts.failed).toBe(0);
      expect(wait).toBeGreaterThan(0);
      expect(completed + wait).toBe(count);
      expect(sup.stageDone().size).toBe(completed);
    } finally {
      sup.kill('SIGKILL');
      await work.close();
    }
  });

  it('worker processes whose supervisor is SIGKILLed drain and exit by themselves', async () => {
    const work = await extractWork(0, 14);
    const sup = new ImrProcess(['worker', '--stages', 'extract', '--processes', '2'], work.env);
    try {
      const started = await Promise.all(
        [0, 1].map((i) =>
          sup.waitFor(`child ${i} started`, (l) => l.msg === 'worker process started' && l.index === i),
        ),
      );
      const pids = started.map((l) => l.childPid as number);
      await Promise.all(pids.map((pid) => sup.ready(pid)));
      sup.kill('SIGKILL');
      expect((await sup.exited).signal).toBe('SIGKILL');
      await Promise.all(
        pids.map((pid) =>
          sup.waitFor(`${pid} shut down`, (l) => l.msg === 'shut down cleanly' && l.pid === pid),
        ),
      );
      // Both gone: nothing writes to the shared output any more.
      await sup.outputClosed;
    } finally {
      await work.close();
    }
  });
});

describe('imr worker --processes: a bad count or port is one line naming it, exit 2', () => {
  for (const value of ['0', '65', 'two', '1.5', '-1']) {
    it(`--processes ${value}`, async () => {
      const { code, stderr } = await runImr(['worker', `--processes=${value}`], {
        REDIS_URL: 'redis://127.0.0.1:1',
      });
      expect(code, stderr).toBe(2);
      expect(stderr.trim().split('\n'), stderr).toHaveLength(1);
      expect(stderr).toContain('--processes must be a whole number from 1 to 64');
    });
  }

  it('a bad setting stops the supervisor before any worker process starts', async () => {
    const { code, stdout, stderr } = await runImr(['worker', '--processes', '2'], {
      REDIS_URL: 'redis://127.0.0.1:1',
      IMR_LOCK_DURATION_MS: 'soon',
    });
    expect(code, stderr).toBe(2);
    expect(stderr.trim().split('\n'), stderr).toHaveLength(1);
    expect(stderr).toContain('IMR_LOCK_DURATION_MS: ');
    expect(stdout).not.toContain('worker process started');
  });

  it('IMR_HTTP_PORT + N - 1 past 65535', async () => {
    const { code, stderr } = await runImr(['worker', '--processes', '3'], {
      REDIS_URL: 'redis://127.0.0.1:1',
      IMR_HTTP_PORT: '65534',
    });
    expect(code, stderr).toBe(2);
    expect(stderr.trim().split('\n'), stderr).toHaveLength(1);
    expect(stderr).toContain('IMR_HTTP_PORT: 65534 + 2');
  });
});
