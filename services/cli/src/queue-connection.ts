import { loadConfig } from '@imr/config';
import { createRedis, DeadLetters, PipelineQueues } from '@imr/queue';

/** Opens the configured Redis (REDIS_URL, default localhost) and the pipeline's queues. */
export function openQueues() {
  const config = loadConfig();
  const redis = createRedis(config.REDIS_URL ?? 'redis://127.0.0.1:6379', {
    maxRetriesPerRequest: 3,
    retryStrategy: (times) => (times > 3 ? null : 200 * times),
  });
  const queues = new PipelineQueues({ connection: redis, prefix: config.IMR_QUEUE_PREFIX });
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
