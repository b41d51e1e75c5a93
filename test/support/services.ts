import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RedisServer, S3RVER_CREDENTIALS, S3Server } from '@imr/embedded';
import { createLogger } from '@imr/logging';
import { registry } from '@imr/metrics';
import { ObjectStore } from '@imr/storage';
import pg from 'pg';

/** A fresh queue prefix per test: tests share no keys, even on one Redis. */
export function uniquePrefix(name = 't'): string {
  return `${name}-${randomBytes(4).toString('hex')}`;
}

export function tempDir(prefix = 'imr-test-'): { path: string; remove: () => void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

export const quietLog = createLogger('test', { level: process.env.TEST_LOG_LEVEL ?? 'silent' });

/** A private redis-server (AOF on when `dataDir` is given), stopped by the returned function. */
export async function startRedis(options: { dataDir?: string } = {}): Promise<RedisServer> {
  return RedisServer.start(options);
}

export async function startS3(): Promise<{
  server: S3Server;
  env: Record<string, string>;
  /** A client of this server (or of `endpoint`, a proxy in front of it), with `buckets` made. */
  objects: (buckets?: string[], endpoint?: string) => Promise<ObjectStore>;
  stop: () => Promise<void>;
}> {
  const dir = tempDir('imr-s3-');
  const server = await S3Server.start({ directory: dir.path });
  return {
    server,
    env: {
      S3_ENDPOINT: server.endpoint,
      S3_ACCESS_KEY_ID: S3RVER_CREDENTIALS.accessKeyId,
      S3_SECRET_ACCESS_KEY: S3RVER_CREDENTIALS.secretAccessKey,
      S3_FORCE_PATH_STYLE: 'true',
    },
    async objects(buckets = [], endpoint = server.endpoint) {
      const objects = new ObjectStore({
        endpoint,
        region: 'us-east-1',
        forcePathStyle: true,
        ...S3RVER_CREDENTIALS,
      });
      for (const bucket of buckets) await objects.ensureBucket(bucket);
      return objects;
    },
    async stop() {
      await server.stop();
      dir.remove();
    },
  };
}

/** S3 requests this process has made so far (imr_s3_requests_total), of one operation or of all. */
export async function s3Requests(operation?: string): Promise<number> {
  const metric = await registry.getSingleMetric('imr_s3_requests_total')?.get();
  return (metric?.values ?? [])
    .filter((v) => operation === undefined || v.labels.operation === operation)
    .reduce((sum, v) => sum + v.value, 0);
}

/** The PostgreSQL server the test run uses (scripts/ensure-test-services.sh finds or starts it). */
export function serverDatabaseUrl(): string {
  return process.env.DATABASE_URL ?? 'postgres://postgres:postgres@127.0.0.1:5432/postgres';
}

/** A database of its own for one test file, dropped by the returned function. */
export async function createTestDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const admin = serverDatabaseUrl();
  const name = `imr_test_${randomBytes(5).toString('hex')}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  await client.query(`CREATE DATABASE ${name}`);
  await client.end();
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: admin });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}
