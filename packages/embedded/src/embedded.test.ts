import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { RedisServer } from './redis-server.ts';
import { type S3EventNotification, S3RVER_CREDENTIALS, S3Server } from './s3-server.ts';

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'imr-embedded-'));
  dirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('RedisServer', () => {
  it('starts a private server, keeps AOF data across a restart, and stops', async () => {
    const server = await RedisServer.start({ dataDir: tempDir() });
    const client = new Redis(server.url, { lazyConnect: true, maxRetriesPerRequest: null });
    try {
      await client.set('k', 'v');
      await server.restart();
      expect(await client.get('k')).toBe('v');
      expect(await client.config('GET', 'maxmemory-policy')).toEqual(['maxmemory-policy', 'noeviction']);
    } finally {
      client.disconnect();
      await server.stop();
      await server.stop();
    }
  });
});

describe('S3Server', () => {
  it('serves the S3 protocol and emits standard event notifications', async () => {
    const server = await S3Server.start({ directory: tempDir() });
    const s3 = new S3Client({
      endpoint: server.endpoint,
      region: 'us-east-1',
      forcePathStyle: true,
      credentials: S3RVER_CREDENTIALS,
    });
    try {
      const { CreateBucketCommand } = await import('@aws-sdk/client-s3');
      await s3.send(new CreateBucketCommand({ Bucket: 'bucket-one' }));
      const event = new Promise<S3EventNotification>((resolve) =>
        server.events.once('notification', resolve),
      );
      await s3.send(new PutObjectCommand({ Bucket: 'bucket-one', Key: 'a b+c.txt', Body: 'hello' }));
      const record = (await event).Records[0];
      expect(record?.eventName).toBe('ObjectCreated:Put');
      expect(record?.s3.bucket.name).toBe('bucket-one');
      expect(record?.s3.object.key).toBe('a+b%2Bc.txt');
      const got = await s3.send(new GetObjectCommand({ Bucket: 'bucket-one', Key: 'a b+c.txt' }));
      expect(await got.Body?.transformToString()).toBe('hello');
    } finally {
      s3.destroy();
      await server.stop();
    }
  });
});
