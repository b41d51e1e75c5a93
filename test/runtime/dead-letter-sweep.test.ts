import { PipelineError } from '@imr/contracts';
import { waitForSources } from '@imr/queue';
import { QueueEvents, UnrecoverableError, Worker } from 'bullmq';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Harness, letterPayload } from '../support/harness.ts';
import { startRedis, uniquePrefix } from '../support/services.ts';

let redis: Awaited<ReturnType<typeof startRedis>>;
let h: Harness;

beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  await redis.stop();
});
afterEach(async () => {
  await h?.close();
});

/**
 * What a worker that dies between failing a job and writing its dead-letter entry leaves behind:
 * the job in the stage's failed set, no entry. (A plain BullMQ worker fails it the way a stage
 * worker does, with the code in the reason, and never writes an entry.)
 */
async function failWithoutEntry(h: Harness, reason: string): Promise<string> {
  const { jobId } = await h.queues.enqueueStage('normalize', letterPayload());
  const crashed = new Worker(
    'normalize',
    async () => {
      throw new UnrecoverableError(reason);
    },
    { connection: h.workerConnection, prefix: h.prefix },
  );
  await new Promise<void>((resolve) => crashed.once('failed', () => resolve()));
  await crashed.close();
  return jobId;
}

describe('waiting for letters with their dead letters recorded', () => {
  it('settles a failed letter only once its entry is written', async () => {
    h = new Harness(redis.url, uniquePrefix());
    const source = { bucket: 'letters', key: 'in/a.txt', etag: 'e1', versionId: null };
    await h.queues.enqueueIngest({ source, trigger: 'cli', seenAt: new Date().toISOString() });
    const crashed = new Worker(
      'ingest',
      async () => {
        throw new UnrecoverableError('[empty] nothing in it');
      },
      { connection: h.workerConnection, prefix: h.prefix },
    );
    await new Promise<void>((resolve) => crashed.once('failed', () => resolve()));
    await crashed.close();
    // Without `recorded`, the failed job is enough.
    const plain = await waitForSources(h.queues, h.connection, [source]);
    expect(plain.get(source)).toMatchObject({ state: 'failed', stage: 'ingest', code: 'empty' });

    // With it, a round of tracing finds the failed job and does not settle it while the entry is missing.
    let firstRound: (settled: number) => void = () => undefined;
    const rounds = new Promise<number>((resolve) => {
      firstRound = resolve;
    });
    const recorded = waitForSources(h.queues, h.connection, [source], {
      recorded: true,
      onProgress: (n) => firstRound(n),
    });
    expect(await rounds).toBe(0);
    expect(await h.deadLetters.count()).toBe(0);
    // The sweep writes it; the entry's event wakes the waiter, which settles the letter.
    expect(await h.deadLetters.sweep('ingest')).toBe(1);
    expect((await recorded).get(source)).toMatchObject({ state: 'failed', stage: 'ingest', code: 'empty' });
  });
});

describe('dead-letter sweep', () => {
  it('records an entry for a failed job that has none, once a worker starts', async () => {
    h = new Harness(redis.url, uniquePrefix());
    const jobId = await failWithoutEntry(h, '[not_imr_letter] no IMR heading');
    expect(await h.deadLetters.count()).toBe(0);

    const events = new QueueEvents('dead-letter', { connection: h.connection, prefix: h.prefix });
    await events.waitUntilReady();
    const added = new Promise((resolve) => events.once('added', resolve));
    h.startWorker('normalize', async () => ({ done: 'x' }));
    await added;
    await events.close();
    const entries = await h.deadLetters.list();
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      stage: 'normalize',
      jobId,
      code: 'not_imr_letter',
      permanent: true,
      attemptsMade: 1,
      message: '[not_imr_letter] no IMR heading',
    });
    expect(await h.deadLetters.replay({ code: 'not_imr_letter' }, { dryRun: true })).toHaveLength(1);
  });

  it('is idempotent, also with several processes sweeping at once, and leaves existing entries alone', async () => {
    h = new Harness(redis.url, uniquePrefix());
    await failWithoutEntry(h, '[internal] Error: boom');
    const written = await Promise.all([h.deadLetters.sweep('normalize'), h.deadLetters.sweep('normalize')]);
    expect(written.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(1);
    expect(await h.deadLetters.count()).toBe(1);
    const [before] = await h.deadLetters.list();
    expect(before).toMatchObject({ code: 'internal', permanent: false });
    expect(await h.deadLetters.sweep('normalize')).toBe(0);
    expect(await h.deadLetters.list()).toEqual([before]);
  });

  it('trims the oldest entries beyond the count it keeps', async () => {
    h = new Harness(redis.url, uniquePrefix());
    const worker = h.startWorker('normalize', async () => {
      throw new PipelineError('not_imr_letter');
    });
    // One after another, so the entries are written in this order.
    const jobIds: string[] = [];
    for (let i = 0; i < 5; i++) {
      const { jobId } = await h.queues.enqueueStage(
        'normalize',
        letterPayload({ letterId: String(i).repeat(64) }),
      );
      await h.nextOutcome((o) => o.jobId === jobId && o.final === true);
      jobIds.push(jobId);
    }
    await worker.close();
    expect(await h.deadLetters.count()).toBe(5);
    expect(await h.deadLetters.trim(3)).toBe(2);
    const kept = (await h.deadLetters.list()).map((e) => e.jobId);
    expect(kept.sort()).toEqual(jobIds.slice(2).sort());
  });

  it('looks only at jobs that failed since the time it is given', async () => {
    h = new Harness(redis.url, uniquePrefix());
    await failWithoutEntry(h, '[empty] the object has no content');
    expect(await h.deadLetters.sweep('normalize', Date.now() + 60_000)).toBe(0);
    expect(await h.deadLetters.sweep('normalize', 0)).toBe(1);
  });
});
