import { isLane, type WorkerStage } from '@imr/contracts';
import { buildCatalog, createRedis, type StageHandler, StageWorker } from '@imr/queue';
import type { Resources } from './resources.ts';

export interface StartedWorkers {
  workers: StageWorker[];
  /** Drains in-flight jobs (up to the deadline) and closes the workers' connections. Idempotent. */
  close(deadlineMs?: number): Promise<void>;
}

/**
 * Starts one worker per selected stage, all sharing one Redis connection for their commands, with
 * the process's configuration (concurrency, lock duration, stall checks, dead-letter sweeps).
 */
export function startWorkers(
  resources: Resources,
  handlers: StageHandler[],
  stages: readonly WorkerStage[],
): StartedWorkers {
  const { config } = resources;
  const catalog = buildCatalog(handlers, stages);
  const connection = resources.redisHealth.watch('workers', createRedis(config.REDIS_URL));
  const workers = stages.map((stage, i) => {
    const entry = catalog[stage];
    if (!entry) throw new Error(`no catalog entry for ${stage}`);
    return new StageWorker(entry, {
      connection,
      queues: resources.queues,
      log: resources.log,
      redisHealth: resources.redisHealth,
      sourceBuckets: [config.IMR_LETTER_BUCKET],
      lockDurationMs: config.IMR_LOCK_DURATION_MS,
      stalledIntervalMs: config.IMR_STALLED_INTERVAL_MS,
      deadLetterSweepMs: config.IMR_DEAD_LETTER_SWEEP_MS,
      // The trim covers the whole dead-letter queue: the process's first worker does it.
      trimDeadLetters: i === 0,
      // A lane has its own setting: IMR_CONCURRENCY (sized for text letters) never applies to OCR.
      ...(stage === 'ocr'
        ? { concurrency: config.IMR_OCR_CONCURRENCY }
        : !isLane(stage) && config.IMR_CONCURRENCY
          ? { concurrency: config.IMR_CONCURRENCY }
          : {}),
    }).start();
  });
  let closing: Promise<void> | null = null;
  return {
    workers,
    close(deadlineMs = config.IMR_DRAIN_TIMEOUT_MS) {
      closing ??= Promise.all(workers.map((w) => w.close(deadlineMs))).then(() => connection.disconnect());
      return closing;
    },
  };
}
