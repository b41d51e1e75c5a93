import { fileURLToPath } from 'node:url';
import { QueueEvents } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Harness, letterPayload } from '../support/harness.ts';
import { FixtureProcess } from '../support/processes.ts';
import { startRedis, tempDir, uniquePrefix } from '../support/services.ts';

const HOLD_WORKER = fileURLToPath(new URL('../fixtures/hold-worker.ts', import.meta.url));
let redis: Awaited<ReturnType<typeof startRedis>>;
const dataDir = tempDir('imr-redis-');

beforeAll(async () => {
  redis = await startRedis({ dataDir: dataDir.path });
});
afterAll(async () => {
  await redis.stop();
  dataDir.remove();
});

function waitCompleted(events: QueueEvents, jobId: string): Promise<string> {
  return new Promise((resolve) => {
    const on = ({ jobId: id, returnvalue }: { jobId: string; returnvalue: unknown }) => {
      if (id !== jobId) return;
      events.off('completed', on);
      resolve(JSON.stringify(returnvalue));
    };
    events.on('completed', on);
  });
}

describe('worker lifecycle', () => {
  it('a job whose worker is SIGKILLed mid-job is picked up by another process', async () => {
    const prefix = uniquePrefix('kill');
    const h = new Harness(redis.url, prefix);
    const events = new QueueEvents('index', { connection: { url: redis.url }, prefix });
    await events.waitUntilReady();
    const env = { REDIS_URL: redis.url, PREFIX: prefix, LOCK_MS: '1500', STALLED_MS: '500' };
    const doomed = new FixtureProcess(HOLD_WORKER, { ...env, HOLD_MS: 'forever' });
    try {
      await doomed.announced('ready');
      const { jobId } = await h.queues.enqueueStage('index', letterPayload());
      const completed = waitCompleted(events, jobId);
      await doomed.announced('started', jobId);
      doomed.kill('SIGKILL');
      expect((await doomed.exited).signal).toBe('SIGKILL');
      const rescuer = new FixtureProcess(HOLD_WORKER, { ...env, HOLD_MS: '0' });
      try {
        const started = await rescuer.announced('started', jobId);
        expect(started.pid).toBe(rescuer.child.pid);
        expect(JSON.parse(await completed)).toMatchObject({ done: String(rescuer.child.pid) });
        const job = await h.queues.queue('index').getJob(jobId);
        expect(await job?.getState()).toBe('completed');
      } finally {
        rescuer.kill('SIGKILL');
        await rescuer.exited;
      }
    } finally {
      await events.close();
      await h.close();
    }
  });

  it('SIGTERM stops taking jobs, finishes the one in flight, and exits 0', async () => {
    const prefix = uniquePrefix('term');
    const h = new Harness(redis.url, prefix);
    const worker = new FixtureProcess(HOLD_WORKER, { REDIS_URL: redis.url, PREFIX: prefix, HOLD_MS: '800' });
    try {
      await worker.announced('ready');
      const first = await h.queues.enqueueStage('index', letterPayload());
      await worker.announced('started', first.jobId);
      worker.kill('SIGTERM');
      const second = await h.queues.enqueueStage('index', letterPayload({ letterId: 'b'.repeat(64) }));
      expect(await worker.exited).toEqual({ code: 0, signal: null });
      expect(worker.seen.some((a) => a.event === 'finished' && a.jobId === first.jobId)).toBe(true);
      const queue = h.queues.queue('index');
      expect(await (await queue.getJob(first.jobId))?.getState()).toBe('completed');
      expect(await (await queue.getJob(second.jobId))?.getState()).toBe('waiting');
    } finally {
      worker.kill('SIGKILL');
      await h.close();
    }
  });

  it('SIGTERM with a job held past the drain deadline exits 0 at the deadline; the job goes to another worker', async () => {
    const prefix = uniquePrefix('deadline');
    const h = new Harness(redis.url, prefix);
    const env = { REDIS_URL: redis.url, PREFIX: prefix, LOCK_MS: '1500', STALLED_MS: '500' };
    const stuck = new FixtureProcess(HOLD_WORKER, { ...env, HOLD_MS: 'forever', DRAIN_MS: '500' });
    try {
      await stuck.announced('ready');
      const { jobId } = await h.queues.enqueueStage('index', letterPayload());
      await stuck.announced('started', jobId);
      stuck.kill('SIGTERM');
      expect(await stuck.exited).toEqual({ code: 0, signal: null });
      const rescuer = new FixtureProcess(HOLD_WORKER, { ...env, HOLD_MS: '0' });
      try {
        expect((await rescuer.announced('finished', jobId)).pid).toBe(rescuer.child.pid);
      } finally {
        rescuer.kill('SIGKILL');
        await rescuer.exited;
      }
    } finally {
      stuck.kill('SIGKILL');
      await h.close();
    }
  });

  it('SIGTERM while Redis is down exits 0 at the drain deadline', async () => {
    const own = await startRedis();
    const worker = new FixtureProcess(HOLD_WORKER, {
      REDIS_URL: own.url,
      PREFIX: uniquePrefix('down'),
      HOLD_MS: '0',
      DRAIN_MS: '500',
    });
    try {
      await worker.announced('ready');
      await own.stop();
      worker.kill('SIGTERM');
      expect(await worker.exited).toEqual({ code: 0, signal: null });
    } finally {
      worker.kill('SIGKILL');
      await own.stop();
    }
  });

  it('workers reconnect after a Redis restart and lose nothing (AOF on)', async () => {
    const prefix = uniquePrefix('restart');
    const h = new Harness(redis.url, prefix);
    const done = new Set<string>();
    h.startWorker('index', async (p) => {
      done.add(p.letterId);
      return { done: 'ok' };
    });
    const ids = (n: number, from: number) =>
      Array.from({ length: n }, (_, i) => (from + i).toString(16).padStart(64, '0'));
    try {
      for (const id of ids(5, 1)) await h.queues.enqueueStage('index', letterPayload({ letterId: id }));
      await Promise.all(ids(5, 1).map((id) => h.nextOutcome((o) => o.ok && o.letterId === id)));
      await redis.restart();
      for (const id of ids(5, 100)) await h.queues.enqueueStage('index', letterPayload({ letterId: id }));
      await Promise.all(ids(5, 100).map((id) => h.nextOutcome((o) => o.ok && o.letterId === id)));
      expect(done.size).toBe(10);
      expect(await h.queues.queue('index').getJobCounts('completed')).toEqual({ completed: 10 });
    } finally {
      await h.close();
    }
  });
});
