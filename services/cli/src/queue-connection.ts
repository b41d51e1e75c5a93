import { retentionFrom } from '@imr/app';
import { loadConfig, withDefaultRedis } from '@imr/config';
import { createRedis, DeadLetters, PipelineQueues } from '@imr/queue';

/** Opens the configured Redis (REDIS_URL, default localhost) and the pipeline's queues. */
export function openQueues() {
  const config = loadConfig();
  const redis = createRedis(withDefaultRedis(config).REDIS_URL, {
    maxRetriesPerRequest: 3,
    retryStrategy: (times) => (times > 3 ? null : 200 * times),
  });
  const queues = new PipelineQueues({
    connection: redis,
    prefix: config.IMR_QUEUE_PREFIX,
    retention: retentionFrom(config),
  });
  return {
    config,
    queues,
    deadLetters: new DeadLetters(queues),
    async close() {
      await queues.close();
      redis.disconnect();
    },
  };
}
