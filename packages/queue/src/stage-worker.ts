import { PipelineError, type WorkerStage } from '@imr/contracts';
import type { Logger } from '@imr/logging';
import { pipelineMetrics } from '@imr/metrics';
import { type Job, UnrecoverableError, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { CatalogEntry, StageResult } from './catalog.ts';
import { classifyError, codeFromReason, failedReason } from './classify.ts';
import { DeadLetters } from './dead-letters.ts';
import type { PipelineQueues } from './pipeline-queues.ts';
import type { RedisHealth } from './redis-health.ts';

export interface StageWorkerOptions {
  connection: Redis;
  queues: PipelineQueues;
  log: Logger;
  concurrency?: number;
  /** How long a job's lock lives without renewal; a killed worker's jobs return after this. */
  lockDurationMs?: number;
  stalledIntervalMs?: number;
  /** How often failed jobs without a dead-letter entry are looked for (also once at start). */
  deadLetterSweepMs?: number;
  /** Whether this worker's sweeps also trim the dead-letter queue (queue-wide: one per process). */
  trimDeadLetters?: boolean;
  /**
   * The letter buckets: a job whose source is in any other bucket is refused (`invalid_payload`),
   * so whoever can add a job cannot make workers read, or index, objects of other buckets.
   */
  sourceBuckets?: readonly string[];
  /** Where the worker's connection errors go (logged rate-limited, shown in readiness). */
  redisHealth?: RedisHealth;
}

/** What a completed job keeps as its return value: where the letter went next (for tracing). */
export interface JobReturn {
  letterId: string | null;
  next?: WorkerStage;
  nextJobId?: string;
  done?: string;
}

export interface JobOutcome {
  stage: WorkerStage;
  jobId: string;
  letterId: string | null;
  ok: boolean;
  code?: string;
  final?: boolean;
  durationMs: number;
}

/**
 * Runs one stage's handler on its queue. Validates the payload, turns errors into coded
 * failures (permanent ones skip retries), enqueues the follow-up job, and dead-letters jobs
 * whose last attempt failed. Errors are never swallowed: BullMQ sees every failure.
 */
export class StageWorker<S extends WorkerStage = WorkerStage> {
  readonly worker: Worker;
  private readonly deadLetters: DeadLetters;
  private readonly pending = new Set<Promise<unknown>>();
  private readonly listeners = new Set<(outcome: JobOutcome) => void>();
  private closing: Promise<void> | null = null;
  private sweepTimer: NodeJS.Timeout | null = null;
  private sweeping: Promise<void> | null = null;
  private sweptFrom = 0;

  constructor(
    readonly entry: CatalogEntry<S>,
    private readonly options: StageWorkerOptions,
  ) {
    this.deadLetters = new DeadLetters(options.queues);
    pipelineMetrics.stageStarted(entry.stage);
    this.worker = new Worker(entry.queue, (job) => this.process(job), {
      connection: options.connection,
      prefix: options.queues.settings.prefix,
      concurrency: options.concurrency ?? entry.concurrency,
      autorun: false,
      lockDuration: options.lockDurationMs ?? 30_000,
      stalledInterval: options.stalledIntervalMs ?? 15_000,
      maxStalledCount: 3,
    });
    this.worker.on('failed', (job, err) => {
      if (job) this.track(this.onFailed(job, err));
    });
    this.worker.on('completed', (job, returned: JobReturn) => {
      if (job.attemptsMade > 0) this.track(this.deadLetters.resolved(entry.stage, job.id as string));
      const durationMs = (job.finishedOn ?? Date.now()) - (job.processedOn ?? Date.now());
      pipelineMetrics.jobCompleted(entry.stage, durationMs / 1000);
      this.emit({
        stage: entry.stage,
        jobId: job.id as string,
        letterId: returned?.letterId ?? null,
        ok: true,
        durationMs,
      });
    });
    this.worker.on('error', (err) => {
      // Connection errors are expected while Redis restarts: counted and logged rate-limited.
      if (options.redisHealth && classifyError(err).code === 'queue_unavailable') {
        options.redisHealth.noteError(`worker:${entry.stage}`, err);
      } else {
        options.log.error({ err, stage: entry.stage }, 'worker error');
      }
    });
  }

  /** Starts taking jobs, and sweeping for failed jobs that lack a dead-letter entry. */
  start(): this {
    void this.worker.run().catch((err) => this.options.log.error({ err }, 'worker stopped'));
    const every = this.options.deadLetterSweepMs ?? 60_000;
    void this.sweepDeadLetters();
    this.sweepTimer = setInterval(() => void this.sweepDeadLetters(), every);
    this.sweepTimer.unref();
    return this;
  }

  /**
   * One sweep (see DeadLetters.sweep), skipped while one is running. The first looks at every
   * failed job; later ones at those that failed since a little before the previous sweep began.
   */
  sweepDeadLetters(): Promise<void> {
    this.sweeping ??= (async () => {
      const started = Date.now();
      try {
        const written = await this.deadLetters.sweep(this.entry.stage, this.sweptFrom);
        if (written) {
          this.options.log.warn(
            { stage: this.entry.stage, written },
            'recorded dead letters for failed jobs that had none',
          );
        }
        if (this.options.trimDeadLetters !== false) await this.deadLetters.trim();
        this.sweptFrom = started - Math.max(this.options.deadLetterSweepMs ?? 60_000, 60_000);
      } catch (err) {
        this.options.log.warn(
          { code: classifyError(err).code, stage: this.entry.stage },
          'dead-letter sweep failed',
        );
      } finally {
        this.sweeping = null;
      }
    })();
    return this.sweeping;
  }

  /** Called after every job attempt has been recorded in Redis (completed, or failed), for summaries and tests. */
  onOutcome(listener: (outcome: JobOutcome) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(outcome: JobOutcome) {
    for (const listener of this.listeners) listener(outcome);
  }

  private track(promise: Promise<unknown>) {
    const p = promise.catch((err) => this.options.log.error({ err }, 'failure bookkeeping failed'));
    this.pending.add(p);
    void p.finally(() => this.pending.delete(p));
  }

  private async process(job: Job): Promise<JobReturn> {
    const { stage, handler, schema } = this.entry;
    const started = Date.now();
    const jobId = job.id as string;
    const log = this.options.log.child({ stage, jobId, attempt: job.attemptsMade + 1 });
    const letterId = typeof job.data?.letterId === 'string' ? (job.data.letterId as string) : null;
    const parsed = schema.safeParse(job.data);
    if (!parsed.success) {
      const err = new PipelineError(
        'invalid_payload',
        parsed.error.issues.map((i) => i.path.join('.')).join(', '),
      );
      log.error({ code: err.code }, 'invalid payload');
      throw new UnrecoverableError(failedReason(err));
    }
    const buckets = this.options.sourceBuckets;
    if (buckets && !buckets.includes(parsed.data.source.bucket)) {
      const err = new PipelineError('invalid_payload', 'source.bucket is not a configured letter bucket');
      log.error({ code: err.code }, 'invalid payload');
      throw new UnrecoverableError(failedReason(err));
    }
    let result: StageResult;
    let returned: JobReturn;
    try {
      result = await handler.handle(parsed.data, { jobId, attempt: job.attemptsMade + 1, log });
      if ('next' in result) {
        const to = result.to ?? this.entry.next;
        if (!to || to === 'ingest')
          throw new Error(`stage ${stage} returned a next payload but has no next stage`);
        const next = await this.options.queues.enqueueStage(to, result.next);
        returned = { letterId: result.next.letterId, next: to, nextJobId: next.jobId };
      } else {
        returned = { letterId, done: result.done };
      }
    } catch (err) {
      const error = classifyError(err);
      log.warn({ code: error.code, permanent: error.permanent, letterId }, 'stage attempt failed');
      if (error.permanent) throw new UnrecoverableError(failedReason(error));
      throw new Error(failedReason(error));
    }
    const durationMs = Date.now() - started;
    log.info(
      { letterId: returned.letterId, durationMs, next: returned.next, done: returned.done },
      'stage done',
    );
    return returned;
  }

  private async onFailed(job: Job, err: Error): Promise<void> {
    const stage = this.entry.stage;
    const jobId = job.id as string;
    const now = new Date();
    const code = codeFromReason(err.message);
    // Counted before the bookkeeping, which needs Redis; a final failure once it is known as one.
    pipelineMetrics.jobFailed(stage, code);
    await this.deadLetters.noteFailure(stage, jobId, now);
    const final = err instanceof UnrecoverableError || (await job.getState()) === 'failed';
    if (final) pipelineMetrics.jobDeadLettered(stage, code);
    if (final) {
      await this.deadLetters.record(stage, job, {
        payload: job.data,
        code,
        message: err.message,
        permanent: err instanceof UnrecoverableError,
        attemptsMade: job.attemptsMade,
        lastFailedAt: now.toISOString(),
      });
    }
    const letterId = typeof job.data?.letterId === 'string' ? (job.data.letterId as string) : null;
    this.emit({ stage, jobId, letterId, ok: false, code, final, durationMs: 0 });
  }

  /**
   * Stops taking jobs and lets in-flight ones finish; after `deadlineMs` they are abandoned (their
   * locks expire and another worker picks them up as stalled). Idempotent.
   */
  close(deadlineMs = 30_000): Promise<void> {
    this.closing ??= (async () => {
      if (this.sweepTimer) clearInterval(this.sweepTimer);
      let timer: NodeJS.Timeout | undefined;
      const deadline = new Promise<'deadline'>((resolve) => {
        timer = setTimeout(() => resolve('deadline'), deadlineMs);
      });
      // In-flight jobs finish, then the failure bookkeeping they caused. Either can wait on Redis,
      // which may be down: the deadline bounds both.
      const drained = this.worker
        .close()
        .then(() => Promise.all(this.pending))
        .then(() => 'drained' as const);
      const outcome = await Promise.race([drained, deadline]);
      clearTimeout(timer);
      if (outcome === 'deadline') {
        this.options.log.warn(
          { stage: this.entry.stage },
          'drain deadline passed; abandoning in-flight jobs (their locks expire and other workers take them)',
        );
        // BullMQ's close() is memoized, so close(true) would wait on the same promise, and its
        // disconnect() waits for an 'end' that a connection down with Redis may never emit: cut
        // the command connection at once and stop waiting.
        this.options.connection.disconnect();
      }
    })();
    return this.closing;
  }
}
