import type { Logger } from '@imr/logging';
import { Redis, type RedisOptions } from 'ioredis';

/**
 * A Redis connection for BullMQ. Workers need `maxRetriesPerRequest: null` so that a Redis
 * restart pauses them instead of failing their commands; they reconnect on their own.
 */
export function createRedis(url: string, options: RedisOptions = {}): Redis {
  return new Redis(url, {
    maxRetriesPerRequest: null,
    enableReadyCheck: true,
    retryStrategy: (times) => Math.min(200 * times, 2_000),
    ...options,
  });
}

/**
 * BullMQ loses jobs when Redis evicts keys. Says so, loudly, when the policy is anything but
 * `noeviction`. Returns the policy found (or null when CONFIG is not allowed, as on some hosts).
 */
export async function checkEvictionPolicy(redis: Redis, log: Logger): Promise<string | null> {
  try {
    const reply = (await redis.config('GET', 'maxmemory-policy')) as string[];
    const policy = reply[1] ?? null;
    if (policy !== 'noeviction') {
      log.warn(
        { policy },
        'Redis maxmemory-policy is not "noeviction": under memory pressure Redis will delete queue keys and ' +
          'jobs will be lost. Set `maxmemory-policy noeviction` in redis.conf (or CONFIG SET).',
      );
    }
    return policy;
  } catch {
    log.info('could not read maxmemory-policy (CONFIG not permitted); make sure it is "noeviction"');
    return null;
  }
}
