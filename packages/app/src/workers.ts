import type { Stage } from '@imr/contracts';
import { buildCatalog, createRedis, type StageHandler, StageWorker } from '@imr/queue';
import type { Resources } from './resources.ts';

export interface StartedWorkers {
  workers: StageWorker[];
  /** Drains in-flight jobs (up to the deadline) and closes the workers' connections. Idempotent. */
  close(deadlineMs?: number): Promise<void>;
}

/** Starts one worker per selected stage, all sharing one Redis connection for their commands. */
export function startWorkers(
  resources: Resources,
  handlers: StageHandler[],
  stages: readonly Stage[],
  options: { lockDurationMs?: number; stalledIntervalMs?: number } = {},
): StartedWorkers {
  const catalog = buildCatalog(handlers, stages);
  const connection = createRedis(resources.config.REDIS_URL);
  connection.on('error', () => undefined);
  const workers = stages.map((stage) => {
    const entry = catalog[stage];
    if (!entry) throw new Error(`no catalog entry for ${stage}`);
    return new StageWorker(entry, {
      connection,
      queues: resources.queues,
      log: resources.log,
      ...(resources.config.IMR_CONCURRENCY ? { concurrency: resources.config.IMR_CONCURRENCY } : {}),
      ...options,
    }).start();
  });
  let closing: Promise<void> | null = null;
  return {
    workers,
    close(deadlineMs = resources.config.IMR_DRAIN_TIMEOUT_MS) {
      closing ??= Promise.all(workers.map((w) => w.close(deadlineMs))).then(() => connection.disconnect());
      return closing;
    },
  };
}
