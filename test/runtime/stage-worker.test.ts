import { PipelineError } from '@imr/contracts';
import { stageJobId } from '@imr/queue';
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

describe('stage worker on real Redis', () => {
  it('retries a transient failure with backoff, then succeeds without a dead letter', async () => {
    h = new Harness(redis.url, uniquePrefix());
    let calls = 0;
    h.startWorker('index', async () => {
      calls++;
      if (calls === 1) throw new PipelineError('storage_unavailable', 'S3 answered 503');
      return { done: 'inserted' };
    });
    const { jobId } = await h.queues.enqueueStage('index', letterPayload());
    const ok = await h.nextOutcome((o) => o.ok && o.jobId === jobId);
    expect(ok.ok).toBe(true);
    expect(calls).toBe(2);
    const failed = h.outcomes.filter((o) => !o.ok);
    expect(failed).toHaveLength(1);
    expect(failed[0]?.code).toBe('storage_unavailable');
    expect(failed[0]?.final).toBe(false);
    expect(await h.deadLetters.count()).toBe(0);
    const job = await h.queues.queue('index').getJob(jobId);
    expect(await job?.getState()).toBe('completed');
  });

  it('dead-letters a permanent failure at once, with its code, keeping the failed job', async () => {
    h = new Harness(redis.url, uniquePrefix());
    let calls = 0;
    h.startWorker('normalize', async () => {
      calls++;
      throw new PipelineError('not_imr_letter');
    });
    const { jobId } = await h.queues.enqueueStage('normalize', letterPayload());
    await h.nextOutcome((o) => !o.ok && o.final === true);
    expect(calls).toBe(1);
    const [entry] = await h.deadLetters.list();
    expect(entry).toMatchObject({
      stage: 'normalize',
      jobId,
      code: 'not_imr_letter',
      permanent: true,
      attemptsMade: 1,
    });
    expect((entry?.firstFailedAt ?? 'z') <= (entry?.lastFailedAt ?? '')).toBe(true);
    const job = await h.queues.queue('normalize').getJob(jobId);
    expect(await job?.getState()).toBe('failed');
    expect(job?.failedReason).toMatch(/^\[not_imr_letter\]/);
  });

  it('dead-letters an unknown error after its attempts run out, as internal', async () => {
    h = new Harness(redis.url, uniquePrefix());
    let calls = 0;
    h.startWorker('extract', async () => {
      calls++;
      throw new Error('parser exploded');
    });
    await h.queues.queue('extract').add('extract', letterPayload(), {
      jobId: 'extract-x',
      attempts: 3,
      backoff: { type: 'fixed', delay: 10 },
    });
    await h.nextOutcome((o) => !o.ok && o.final === true);
    expect(calls).toBe(3);
    const [entry] = await h.deadLetters.list({ code: 'internal' });
    expect(entry).toMatchObject({ stage: 'extract', attemptsMade: 3, permanent: false });
    expect(entry?.message).toContain('parser exploded');
  });

  it('refuses a payload that does not match its schema with invalid_payload', async () => {
    h = new Harness(redis.url, uniquePrefix());
    let calls = 0;
    h.startWorker('extract', async () => {
      calls++;
      return { done: 'x' };
    });
    await h.queues.queue('extract').add('extract', { letterId: 'not-a-hash', text: 'x' }, { jobId: 'bad-1' });
    await h.nextOutcome((o) => !o.ok && o.final === true);
    expect(calls).toBe(0);
    expect((await h.deadLetters.list())[0]?.code).toBe('invalid_payload');
  });

  it("refuses a forged payload: another letter's artifact, or a source outside the letter buckets", async () => {
    h = new Harness(redis.url, uniquePrefix());
    let calls = 0;
    h.startWorker(
      'normalize',
      async () => {
        calls++;
        return { done: 'x' };
      },
      { sourceBuckets: ['letters'] },
    );
    const other = 'b'.repeat(64);
    const forged = [
      letterPayload({ artifacts: { text: `artifacts/${other}/text` } }),
      letterPayload({ artifacts: { text: 'artifacts/../../etc/passwd' } }),
      letterPayload({ source: { bucket: 'payroll', key: 'in/a.txt', etag: null, versionId: null } }),
    ];
    for (const [i, payload] of forged.entries()) {
      await h.queues.queue('normalize').add('normalize', payload, { jobId: `forged-${i}` });
    }
    for (const [i] of forged.entries())
      await h.nextOutcome((o) => o.jobId === `forged-${i}` && o.final === true);
    expect(calls).toBe(0);
    const entries = await h.deadLetters.list({ code: 'invalid_payload' });
    expect(entries.map((e) => e.message).sort()).toEqual([
      '[invalid_payload] artifacts.text',
      '[invalid_payload] artifacts.text',
      '[invalid_payload] source.bucket is not a configured letter bucket',
    ]);
    // The letter's own artifact in a letter bucket is taken.
    await h.queues.enqueueStage('normalize', letterPayload());
    await h.nextOutcome((o) => o.ok);
    expect(calls).toBe(1);
  });

  it('replays a dead letter with fresh attempts, and it runs exactly once more', async () => {
    h = new Harness(redis.url, uniquePrefix());
    let calls = 0;
    h.startWorker('index', async () => {
      calls++;
      if (calls === 1) throw new PipelineError('artifact_missing');
      return { done: 'inserted' };
    });
    const { jobId } = await h.queues.enqueueStage('index', letterPayload());
    await h.nextOutcome((o) => !o.ok && o.final === true);
    expect(await h.deadLetters.replay({ code: 'other_code' })).toEqual([]);
    const dry = await h.deadLetters.replay({ stage: 'index' }, { dryRun: true });
    expect(dry.map((r) => r.action)).toEqual(['would-replay']);
    expect(await h.deadLetters.count()).toBe(1);
    const replayed = await h.deadLetters.replay({ stage: 'index', code: 'artifact_missing' });
    expect(replayed.map((r) => r.action)).toEqual(['retried']);
    await h.nextOutcome((o) => o.ok && o.jobId === jobId);
    expect(calls).toBe(2);
    expect(await h.deadLetters.count()).toBe(0);
    const job = await h.queues.queue('index').getJob(jobId);
    expect(await job?.getState()).toBe('completed');
  });

  it('enqueues the follow-up with a deterministic id, so duplicates add nothing', async () => {
    h = new Harness(redis.url, uniquePrefix());
    const payload = letterPayload();
    h.startWorker('normalize', async (p) => ({
      next: { ...p, artifacts: { ...p.artifacts, normalized: 'n' } },
    }));
    await h.queues.enqueueStage('normalize', payload);
    await h.queues.enqueueStage('normalize', payload);
    await h.nextOutcome((o) => o.ok);
    const extract = h.queues.queue('extract');
    const jobs = await extract.getJobs(['waiting']);
    expect(jobs.map((j) => j.id)).toEqual([
      stageJobId('extract', { ...payload, artifacts: { normalized: 'n' } }),
    ]);
    expect(await h.queues.queue('normalize').getJobCounts('completed', 'waiting', 'active')).toMatchObject({
      completed: 1,
      waiting: 0,
      active: 0,
    });
  });
});
