import { DEAD_LETTER_QUEUE, type ObjectRef, WORKER_STAGES, type WorkerStage } from '@imr/contracts';
import { type Job, QueueEvents } from 'bullmq';
import type { Redis } from 'ioredis';
import { codeFromReason } from './classify.ts';
import { DeadLetters } from './dead-letters.ts';
import { ingestJobId } from './job-ids.ts';
import type { PipelineQueues } from './pipeline-queues.ts';
import type { JobReturn } from './stage-worker.ts';

export type TraceState = 'pending' | 'indexed' | 'failed' | 'unknown';

export interface Trace {
  state: TraceState;
  /** The last stage reached (a lane, `ocr`, included). */
  stage: WorkerStage;
  jobId: string;
  letterId: string | null;
  /** Error code when failed (final) or retrying. */
  code?: string;
  /** The index stage's result ('inserted', 'updated', 'unchanged', ...). */
  result?: string;
}

/**
 * Follows one object version through the stages by the chain of deterministic job ids each
 * completed job records, so "where is this letter?" needs no extra bookkeeping.
 */
export async function traceSource(queues: PipelineQueues, source: ObjectRef): Promise<Trace> {
  let stage: WorkerStage = 'ingest';
  let jobId = ingestJobId(source);
  let letterId: string | null = null;
  for (let hops = 0; hops < 6; hops++) {
    // State first, then the job: a job read before it finished would lack its return value or
    // failure reason even when the state read a moment later says it has finished.
    const state = await queues.queue(stage).getJobState(jobId);
    if (state === 'unknown') return { state: hops === 0 ? 'unknown' : 'pending', stage, jobId, letterId };
    const job: Job | undefined = await queues.queue(stage).getJob(jobId);
    if (!job) return { state: 'pending', stage, jobId, letterId };
    if (state === 'failed')
      return { state: 'failed', stage, jobId, letterId, code: codeFromReason(job.failedReason) };
    if (state !== 'completed') {
      const retrying = job.failedReason ? { code: codeFromReason(job.failedReason) } : {};
      return { state: 'pending', stage, jobId, letterId, ...retrying };
    }
    const returned = job.returnvalue as JobReturn | null;
    letterId = returned?.letterId ?? letterId;
    if (!returned?.next || !returned.nextJobId) {
      return {
        state: 'indexed',
        stage,
        jobId,
        letterId,
        ...(returned?.done ? { result: returned.done } : {}),
      };
    }
    stage = returned.next;
    jobId = returned.nextJobId;
  }
  return { state: 'unknown', stage, jobId, letterId };
}

/**
 * Waits until every source is indexed or failed, re-tracing pending ones whenever any stage
 * reports a completed or failed job. `onSettled` sees each source once. `recorded`: a failed
 * source settles only once its dead-letter entry exists (the worker writes it just after the job
 * fails; tests that read dead letters wait for it). Entries trimmed away never come back, so it is
 * for runs within the dead-letter bound.
 */
export async function waitForSources(
  queues: PipelineQueues,
  connection: Redis,
  sources: ObjectRef[],
  options: {
    onSettled?: (source: ObjectRef, trace: Trace) => void;
    signal?: AbortSignal;
    recheckMs?: number;
    recorded?: boolean;
    /** After each round of tracing: how many sources have settled so far. */
    onProgress?: (settled: number, total: number) => void;
  } = {},
): Promise<Map<ObjectRef, Trace>> {
  const settled = new Map<ObjectRef, Trace>();
  const deadLetters = new DeadLetters(queues);
  const names = options.recorded ? [...WORKER_STAGES, DEAD_LETTER_QUEUE] : WORKER_STAGES;
  const events = names.map(
    // QueueEvents makes (and on close, closes) its own duplicate of the connection it is given.
    (name) => new QueueEvents(name, { connection, prefix: queues.settings.prefix }),
  );
  try {
    await Promise.all(events.map((e) => e.waitUntilReady()));
    let wake: () => void = () => undefined;
    const onEvent = () => wake();
    for (const e of events) {
      e.on('completed', onEvent);
      e.on('failed', onEvent);
      // A dead-letter entry is a job added to the dead-letter queue (nothing consumes it).
      e.on('waiting', onEvent);
    }
    while (settled.size < sources.length) {
      if (options.signal?.aborted) throw new Error('aborted');
      // Events wake us; the timer is a safety net for events lost while Redis restarts.
      let timer: NodeJS.Timeout | undefined;
      const woken = new Promise<void>((resolve) => {
        wake = resolve;
        timer = setTimeout(resolve, options.recheckMs ?? 5_000);
        options.signal?.addEventListener('abort', () => resolve(), { once: true });
      }).finally(() => clearTimeout(timer));
      for (const source of sources) {
        if (settled.has(source)) continue;
        const trace = await traceSource(queues, source);
        const done =
          trace.state === 'indexed' ||
          (trace.state === 'failed' &&
            (!options.recorded || (await deadLetters.has(trace.stage, trace.jobId))));
        if (done) {
          settled.set(source, trace);
          options.onSettled?.(source, trace);
        }
      }
      options.onProgress?.(settled.size, sources.length);
      if (settled.size < sources.length) await woken;
    }
    return settled;
  } finally {
    await Promise.all(events.map((e) => e.close()));
  }
}
