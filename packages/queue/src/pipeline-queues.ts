import {
  DEAD_LETTER_QUEUE,
  type IngestPayload,
  type LetterPayload,
  WORKER_STAGES,
  type WorkerStage,
} from '@imr/contracts';
import { type JobsOptions, Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { STAGE_SPECS } from './catalog.ts';
import { ExtractedLetters } from './extracted-letters.ts';
import { ingestJobId, stageJobId } from './job-ids.ts';

const DAY_S = 24 * 3600;

export interface Retention {
  completed: { age: number; count: number };
  failed: { age: number; count: number };
}

/**
 * How long finished jobs stay in Redis, per stage queue, by age (seconds) and count, whichever
 * comes first: Redis runs with `noeviction`, so every structure has a bound (a completed job takes
 * about 2.8 kB with its events, measured). Completed jobs are the duplicate-event memory and the
 * trace `imr demo` and tests follow; a duplicate arriving after they are gone costs one ingest that
 * finds the letter already extracted and an index write that changes nothing. Failed jobs stay
 * longer, for Bull Board and replay; dead-letter entries are trimmed to the same age, and replay
 * re-adds a job that retention removed. Counts are settings (IMR_KEEP_COMPLETED, IMR_KEEP_FAILED).
 */
export const DEFAULT_RETENTION: Retention = {
  completed: { age: DAY_S, count: 20_000 },
  failed: { age: 14 * DAY_S, count: 10_000 },
};

export interface QueueSettings {
  connection: Redis;
  prefix: string;
  /** DEFAULT_RETENTION unless given. */
  retention?: Retention;
}

/** Producer side of every queue. One per process; `close()` is idempotent. */
export class PipelineQueues {
  /** Every stage's queue, lanes (`ocr`) included. */
  readonly stages: { [S in WorkerStage]: Queue };
  readonly deadLetters: Queue;
  /** Letters extracted lately (a hint for ingest's dedupe), beside the queues under the prefix. */
  readonly extractedLetters: ExtractedLetters;
  private closing: Promise<void> | null = null;

  constructor(readonly settings: QueueSettings) {
    if (!settings.prefix) throw new Error('PipelineQueues: prefix is required');
    const make = (name: string) =>
      new Queue(name, { connection: settings.connection, prefix: settings.prefix });
    this.stages = Object.fromEntries(WORKER_STAGES.map((s) => [s, make(s)])) as {
      [S in WorkerStage]: Queue;
    };
    this.deadLetters = make(DEAD_LETTER_QUEUE);
    this.extractedLetters = new ExtractedLetters(settings.connection, `${settings.prefix}:extracted-letters`);
  }

  queue(stage: WorkerStage): Queue {
    return this.stages[stage];
  }

  get retention(): Retention {
    return this.settings.retention ?? DEFAULT_RETENTION;
  }

  /** Options of every job added to a stage: its deterministic id, attempts, backoff, retention. */
  jobOptions(stage: WorkerStage, jobId: string): JobsOptions {
    const spec = STAGE_SPECS[stage];
    return {
      jobId,
      attempts: spec.attempts,
      backoff: { type: 'exponential', delay: spec.backoffMs, jitter: 0.5 },
      removeOnComplete: this.retention.completed,
      removeOnFail: this.retention.failed,
    };
  }

  /** Enqueues ingest for an object version; the same version twice is one job. */
  async enqueueIngest(payload: IngestPayload): Promise<{ jobId: string }> {
    const jobId = ingestJobId(payload.source, payload.runId);
    await this.stages.ingest.add('ingest', payload, this.jobOptions('ingest', jobId));
    return { jobId };
  }

  async enqueueIngestBulk(payloads: IngestPayload[]): Promise<void> {
    if (!payloads.length) return;
    await this.stages.ingest.addBulk(
      payloads.map((data) => ({
        name: 'ingest',
        data,
        opts: this.jobOptions('ingest', ingestJobId(data.source)),
      })),
    );
  }

  async enqueueStage(
    stage: Exclude<WorkerStage, 'ingest'>,
    payload: LetterPayload,
  ): Promise<{ jobId: string }> {
    const jobId = stageJobId(stage, payload);
    await this.stages[stage].add(stage, payload, this.jobOptions(stage, jobId));
    return { jobId };
  }

  /** Jobs not yet finished in any stage or lane (waiting, active, delayed, prioritized). */
  async inFlight(): Promise<number> {
    const counts = await Promise.all(
      WORKER_STAGES.map((s) =>
        this.stages[s].getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'paused'),
      ),
    );
    return counts.reduce((sum, c) => sum + Object.values(c).reduce((a, b) => a + b, 0), 0);
  }

  /**
   * Resolves once every queue's start-up commands have been answered. Closing the connection before
   * then (a process that stops at once, a test that enqueued nothing) leaves them to reject unawaited.
   */
  async waitUntilReady(): Promise<void> {
    await Promise.all([...Object.values(this.stages), this.deadLetters].map((q) => q.waitUntilReady()));
  }

  close(): Promise<void> {
    this.closing ??= Promise.all(
      [...Object.values(this.stages), this.deadLetters].map((q) => q.close()),
    ).then(() => undefined);
    return this.closing;
  }
}
