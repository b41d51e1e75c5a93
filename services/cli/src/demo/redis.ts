import { RedisServer } from '@imr/embedded';
import { type Logger, redactUrl } from '@imr/logging';
import { Redis } from 'ioredis';

/** True when a Redis server answers PING at `url` within a second. */
export async function redisReachable(url: string): Promise<boolean> {
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return (await Promise.race([client.ping(), timeout(1_000)])) === 'PONG';
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

function timeout(ms: number): Promise<'timeout'> {
  return new Promise((r) => setTimeout(() => r('timeout'), ms).unref());
}

/**
 * The embedded default: REDIS_URL when it is set and answers; otherwise a private redis-server from
 * PATH on a free port, for the life of this process. Throws RedisServerMissingError, whose message
 * says how to get one, when there is neither.
 */
export async function resolveRedis(
  redisUrl: string | undefined,
  log: Logger,
): Promise<{ url: string; server: RedisServer | null }> {
  if (redisUrl) {
    if (await redisReachable(redisUrl)) return { url: redisUrl, server: null };
    log.warn({ redisUrl: redactUrl(redisUrl) }, 'REDIS_URL does not answer; starting a private redis-server');
  }
  // No persistence: the private server lives as long as this process, like the jobs it holds.
  const server = await RedisServer.start();
  log.info({ port: server.port }, 'started a private redis-server');
  return { url: server.url, server };
}
