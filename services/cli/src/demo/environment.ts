import { join, resolve } from 'node:path';
import type { Config } from '@imr/config';
import { type RedisServer, S3RVER_CREDENTIALS, S3Server } from '@imr/embedded';
import type { Logger } from '@imr/logging';
import { resolveRedis } from './redis.ts';

export interface Environment {
  config: Config & { REDIS_URL: string };
  /** The in-process S3 server, when S3_ENDPOINT was not set. */
  s3Server: S3Server | null;
  redisServer: RedisServer | null;
  close(): Promise<void>;
}

/**
 * The embedded defaults, filling in whatever the configuration leaves out: an in-process S3 server
 * (data under IMR_DATA_DIR/s3) unless S3_ENDPOINT is set, and a private redis-server unless
 * REDIS_URL answers. The search database (PGlite under IMR_DATA_DIR) opens lazily in Resources.
 */
export async function startEnvironment(config: Config, log: Logger): Promise<Environment> {
  const dataDir = resolve(config.IMR_DATA_DIR);
  let s3Server: S3Server | null = null;
  let s3: Partial<Config> = {};
  if (!config.S3_ENDPOINT) {
    s3Server = await S3Server.start({ directory: join(dataDir, 's3') });
    s3 = {
      S3_ENDPOINT: s3Server.endpoint,
      S3_ACCESS_KEY_ID: S3RVER_CREDENTIALS.accessKeyId,
      S3_SECRET_ACCESS_KEY: S3RVER_CREDENTIALS.secretAccessKey,
      S3_FORCE_PATH_STYLE: true,
    };
    log.info({ endpoint: s3Server.endpoint }, 'started an in-process S3 server');
  }
  let redis: Awaited<ReturnType<typeof resolveRedis>>;
  try {
    redis = await resolveRedis(config.REDIS_URL, log);
  } catch (err) {
    await s3Server?.stop();
    throw err;
  }
  let closing: Promise<void> | null = null;
  return {
    config: { ...config, ...s3, REDIS_URL: redis.url },
    s3Server,
    redisServer: redis.server,
    close() {
      closing ??= Promise.all([s3Server?.stop(), redis.server?.stop()]).then(() => undefined);
      return closing;
    },
  };
}
