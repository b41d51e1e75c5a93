import {
  type DeadLetter,
  deadLetterSchema,
  isPermanentCode,
  isWorkerStage,
  WORKER_STAGES,
  type WorkerStage,
} from '@imr/contracts';
import { Job, type Queue } from 'bullmq';
import { codeFromReason } from './classify.ts';
import type { PipelineQueues } from './pipeline-queues.ts';

export interface DeadLetterFilter {
  stage?: WorkerStage;
  code?: string;
  /** Only entries whose last failure is at or after this time. */
  since?: Date;
}

export interface DeadLetterEntry extends DeadLetter {
  /** Id of the entry in the dead-letter queue. */
  id: string;
}

export interface ReplayResult {
  entry: DeadLetterEntry;
  action: 'retried' | 're-added' | 'already-pending' | 'would-replay';
}

const FIRST_FAILURE_KEY = 'dead-letter:first-failure';
const SWEEP_PAGE = 500;

/** The dead-letter entry's id for a stage's job: one entry per job, whoever writes it. */
function entryId(stage: WorkerStage, jobId: string): string {
  return `dl-${stage}-${jobId}`;
}

/**
 * The dead-letter queue: one entry per job whose attempts ran out or whose error is permanent.
 * The failed job itself stays in its stage's failed set (retryable from Bull Board); the entry
 * holds what an operator needs to decide (stage, payload of references, code, message, attempts,
 * first and last failure times). No worker consumes this queue.
 */
export class DeadLetters {
  constructor(private readonly queues: PipelineQueues) {}

  private get queue(): Queue {
    return this.queues.deadLetters;
  }

  private firstFailureKey(): string {
    return `${this.queues.settings.prefix}:${FIRST_FAILURE_KEY}`;
  }

  /** Called on every failed attempt: remembers when the job first failed. */
  async noteFailure(stage: WorkerStage, jobId: string, at: Date): Promise<void> {
    await this.queues.settings.connection.hsetnx(
      this.firstFailureKey(),
      `${stage}/${jobId}`,
      at.toISOString(),
    );
  }

  /** Forgets a job's first failure (kept only while it is retried). */
  async clearFailure(stage: WorkerStage, jobId: string): Promise<void> {
    await this.queues.settings.connection.hdel(this.firstFailureKey(), `${stage}/${jobId}`);
  }

  /**
   * Called when a job completes after failing before: forgets its first failure and removes its
   * entry, if it had one (retried from Bull Board, which knows nothing of dead letters).
   */
  async resolved(stage: WorkerStage, jobId: string): Promise<void> {
    await this.clearFailure(stage, jobId);
    await this.queue.remove(entryId(stage, jobId));
  }

  /** Whether the job has its entry. */
  async has(stage: WorkerStage, jobId: string): Promise<boolean> {
    return (await this.queue.getJobState(entryId(stage, jobId))) !== 'unknown';
  }

  /**
   * Writes the entry for a job whose final attempt failed, replacing an earlier one for the same
   * job (failed again after a retry), then forgets its first failure (kept only while retrying).
   */
  async record(
    stage: WorkerStage,
    job: Job,
    entry: Omit<DeadLetter, 'firstFailedAt' | 'stage' | 'jobId' | 'jobName'>,
  ): Promise<void> {
    const jobId = job.id as string;
    const field = `${stage}/${jobId}`;
    const first = await this.queues.settings.connection.hget(this.firstFailureKey(), field);
    const data: DeadLetter = {
      ...entry,
      stage,
      jobId,
      jobName: job.name,
      firstFailedAt: first ?? entry.lastFailedAt,
    };
    const id = entryId(stage, jobId);
    await this.queue.remove(id);
    await this.queue.add('dead-letter', data, { jobId: id, removeOnComplete: true });
    await this.queues.settings.connection.hdel(this.firstFailureKey(), field);
  }

  /**
   * Records an entry for every failed job of `stage` that has none: the entry is written after the
   * job fails, so a worker that dies between the two leaves a failed job without one. Runs at
   * worker start-up and on an interval; idempotent (an existing entry is never touched, and
   * several processes sweeping at once write each entry once). Looks only at jobs that failed at
   * or after `since` (ms since the epoch), all of them by default. Returns the entries written.
   */
  async sweep(stage: WorkerStage, since = 0): Promise<number> {
    const stageQueue = this.queues.queue(stage);
    const redis = this.queues.settings.connection;
    let written = 0;
    for (let offset = 0; ; offset += SWEEP_PAGE) {
      const ids = await redis.zrangebyscore(
        stageQueue.toKey('failed'),
        since,
        '+inf',
        'LIMIT',
        offset,
        SWEEP_PAGE,
      );
      if (!ids.length) return written;
      const pipeline = redis.pipeline();
      for (const id of ids) pipeline.exists(this.queue.toKey(entryId(stage, id)));
      const exists = (await pipeline.exec()) ?? [];
      for (const [i, id] of ids.entries()) {
        if (exists[i]?.[1] === 1) continue;
        const job = await Job.fromId(stageQueue, id);
        if (!job || !(await job.isFailed())) continue;
        const code = codeFromReason(job.failedReason);
        const data: DeadLetter = {
          stage,
          jobId: id,
          jobName: job.name,
          payload: job.data,
          code,
          message: job.failedReason ?? '',
          permanent: isPermanentCode(code),
          attemptsMade: job.attemptsMade,
          firstFailedAt: new Date(job.processedOn ?? job.timestamp).toISOString(),
          lastFailedAt: new Date(job.finishedOn ?? Date.now()).toISOString(),
        };
        // add() with an id that exists is a no-op: a worker's own record() may have won the race.
        await this.queue.add('dead-letter', data, { jobId: entryId(stage, id), removeOnComplete: true });
        await redis.hdel(this.firstFailureKey(), `${stage}/${id}`);
        written++;
      }
    }
  }

  /**
   * Bounds the dead letters like the failed jobs they stand for: entries older than the failed
   * jobs' retention go, and beyond one entry per failed job kept (the retention count, for every
   * stage) the oldest go; so do first-failure notes that old. Returns the entries dropped.
   */
  async trim(maxEntries = this.queues.retention.failed.count * WORKER_STAGES.length): Promise<number> {
    const maxAgeMs = this.queues.retention.failed.age * 1000;
    let removed = (await this.queue.clean(maxAgeMs, 10_000, 'wait')).length;
    const excess = (await this.queue.getWaitingCount()) - maxEntries;
    // With a limit, clean() looks at the tail of the wait list: the oldest entries.
    if (excess > 0) removed += (await this.queue.clean(0, excess, 'wait')).length;
    const redis = this.queues.settings.connection;
    const oldest = new Date(Date.now() - maxAgeMs).toISOString();
    let cursor = '0';
    do {
      const [next, flat] = await redis.hscan(this.firstFailureKey(), cursor, 'COUNT', 1000);
      cursor = next;
      const fields = flat.flatMap((value, i) =>
        i % 2 === 1 && value < oldest ? [flat[i - 1] as string] : [],
      );
      if (fields.length) await redis.hdel(this.firstFailureKey(), ...fields);
    } while (cursor !== '0');
    return removed;
  }

  async list(filter: DeadLetterFilter = {}): Promise<DeadLetterEntry[]> {
    const jobs = await this.queue.getJobs(['waiting', 'paused', 'delayed', 'prioritized']);
    const entries: DeadLetterEntry[] = [];
    for (const job of jobs) {
      const parsed = deadLetterSchema.safeParse(job?.data);
      if (!job?.id || !parsed.success) continue;
      const entry = { ...parsed.data, id: job.id };
      if (filter.stage && entry.stage !== filter.stage) continue;
      if (filter.code && entry.code !== filter.code) continue;
      if (filter.since && new Date(entry.lastFailedAt) < filter.since) continue;
      entries.push(entry);
    }
    return entries.sort((a, b) => a.lastFailedAt.localeCompare(b.lastFailedAt));
  }

  async count(): Promise<number> {
    return this.queue.count();
  }

  /**
   * Puts matching dead letters back in their stage with fresh attempts: the failed job is retried
   * in place (same id, so nothing is duplicated), or re-added when retention already removed it.
   */
  async replay(filter: DeadLetterFilter = {}, options: { dryRun?: boolean } = {}): Promise<ReplayResult[]> {
    const results: ReplayResult[] = [];
    for (const entry of await this.list(filter)) {
      if (options.dryRun) {
        results.push({ entry, action: 'would-replay' });
        continue;
      }
      if (!isWorkerStage(entry.stage)) continue;
      const stageQueue = this.queues.queue(entry.stage);
      const job = await stageQueue.getJob(entry.jobId);
      let action: ReplayResult['action'];
      const state = job ? await job.getState() : 'unknown';
      if (job && state === 'failed') {
        await job.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true });
        action = 'retried';
      } else if (!job || state === 'unknown') {
        await stageQueue.add(entry.jobName, entry.payload, this.queues.jobOptions(entry.stage, entry.jobId));
        action = 're-added';
      } else {
        // Someone already retried it (Bull Board, or another replay): nothing to do but tidy up.
        action = 'already-pending';
      }
      await this.clearFailure(entry.stage, entry.jobId);
      await this.queue.remove(entry.id);
      results.push({ entry, action });
    }
    return results;
  }
}
