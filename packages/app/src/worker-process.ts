import { loadConfig, withDefaultRedis } from '@imr/config';
import type { WorkerStage } from '@imr/contracts';
import { createLogger, redactUrl } from '@imr/logging';
import { onShutdown, type StageHandler } from '@imr/queue';
import { Resources } from './resources.ts';
import { startProcess } from './start-process.ts';
import { startWorkerProcessHttp } from './worker-http.ts';
import { startWorkers } from './workers.ts';

export interface WorkerProcessOptions {
  /** The process's name in logs and start-up errors (`imr-ingest`, `imr-worker`). */
  name: string;
  stages: readonly WorkerStage[];
  /** Every handler the process may run; those of `stages` are started. */
  handlers: (resources: Resources) => StageHandler[];
}

/**
 * The one way a worker process starts, whether one stage (services/<stage>/src/main.ts) or several
 * (`imr worker`): validated configuration (a bad setting throws ConfigError before anything
 * connects), Redis checks, the stage workers, then work until SIGTERM/SIGINT drains them.
 * Resolves once the workers are ready; the process exits when shut down.
 */
export async function runWorkerProcess(options: WorkerProcessOptions): Promise<void> {
  const config = withDefaultRedis(loadConfig());
  const log = createLogger(options.name, { level: config.LOG_LEVEL });
  const resources = new Resources(config, log);
  await resources.prepare({ buckets: false });
  // IMR_HTTP_PORT: /healthz, /readyz, /metrics; started first, so a port in use stops the process before it takes jobs.
  const http = await startWorkerProcessHttp(resources, options.stages);
  const workers = startWorkers(resources, options.handlers(resources), options.stages);
  onShutdown(log, async () => {
    await workers.close();
    await http?.close();
    await resources.close();
  });
  await Promise.all(workers.workers.map((w) => w.worker.waitUntilReady()));
  log.info(
    { stages: options.stages, redis: redactUrl(config.REDIS_URL), prefix: config.IMR_QUEUE_PREFIX },
    'workers ready',
  );
}

/** main() of a one-stage worker service. */
export function runStageProcess(stage: WorkerStage, makeHandler: (resources: Resources) => StageHandler) {
  const name = `imr-${stage}`;
  return startProcess(name, () =>
    runWorkerProcess({ name, stages: [stage], handlers: (r) => [makeHandler(r)] }),
  );
}
