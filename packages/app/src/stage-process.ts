import { ConfigError, loadConfig } from '@imr/config';
import type { Stage } from '@imr/contracts';
import { createLogger } from '@imr/logging';
import type { StageHandler } from '@imr/queue';
import { onShutdown } from '@imr/queue';
import { redactUrl } from './redis.ts';
import { Resources } from './resources.ts';
import { startWorkers } from './workers.ts';

/**
 * Entry point of a worker process for one stage (services/<stage>/src/main.ts): configuration from
 * the environment, fail-fast checks, then work until SIGTERM.
 */
export async function runStageProcess(
  stage: Stage,
  makeHandler: (resources: Resources) => StageHandler,
): Promise<void> {
  const log = createLogger(`imr-${stage}`);
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      log.fatal(err.message);
      process.exit(2);
    }
    throw err;
  }
  const redisUrl = config.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const resources = new Resources({ ...config, REDIS_URL: redisUrl }, log);
  await resources.prepare({ buckets: false });
  const workers = startWorkers(resources, [makeHandler(resources)], [stage]);
  log.info({ stage, redis: redactUrl(redisUrl), prefix: config.IMR_QUEUE_PREFIX }, 'worker started');
  onShutdown(log, async () => {
    await workers.close();
    await resources.close();
  });
}
