import { type DeadLetter, deadLetterSchema, isStage, type Stage } from '@imr/contracts';
import type { Job, Queue } from 'bullmq';
import { jobOptions, type PipelineQueues } from './pipeline-queues.ts';

export interface DeadLetterFilter {
  stage?: Stage;
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
  async noteFailure(stage: Stage, jobId: string, at: Date): Promise<void> {
    await this.queues.settings.connection.hsetnx(
      this.firstFailureKey(),
      `${stage}/${jobId}`,
      at.toISOString(),
    );
  }

  /** Called when a job completes after failing before: forgets its first failure. */
  async clearFailure(stage: Stage, jobId: string): Promise<void> {
    await this.queues.settings.connection.hdel(this.firstFailureKey(), `${stage}/${jobId}`);
  }

  async record(
    stage: Stage,
    job: Job,
    entry: Omit<DeadLetter, 'firstFailedAt' | 'stage' | 'jobId' | 'jobName'>,
  ) {
    const jobId = job.id as string;
    const first = await this.queues.settings.connection.hget(this.firstFailureKey(), `${stage}/${jobId}`);
    const data: DeadLetter = {
      ...entry,
      stage,
      jobId,
      jobName: job.name,
      firstFailedAt: first ?? entry.lastFailedAt,
    };
    const id = `dl-${stage}-${jobId}`;
    // A previous entry for the same job (failed again after an earlier final failure) is replaced.
    await this.queue.remove(id);
    await this.queue.add('dead-letter', data, { jobId: id, removeOnComplete: true });
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
      if (!isStage(entry.stage)) continue;
      const stageQueue = this.queues.queue(entry.stage);
      const job = await stageQueue.getJob(entry.jobId);
      let action: ReplayResult['action'];
      const state = job ? await job.getState() : 'unknown';
      if (job && state === 'failed') {
        await job.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true });
        action = 'retried';
      } else if (!job || state === 'unknown') {
        await stageQueue.add(entry.jobName, entry.payload, jobOptions(entry.stage, entry.jobId));
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
