import { connect, createServer, type Socket } from 'node:net';
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { S3RVER_CREDENTIALS, S3Server } from '@imr/embedded';
import { afterEach, describe, expect, it } from 'vitest';
import { S3FaultProxy } from './s3-fault-proxy.ts';
import { tempDir } from './services.ts';
import { TcpProxy } from './tcp-proxy.ts';

const closers: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

/** An echo server; resolves with its port. */
async function echoServer(): Promise<number> {
  const sockets = new Set<Socket>();
  const server = createServer((s) => {
    sockets.add(s);
    s.on('error', () => undefined);
    s.pipe(s);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(
    () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(resolve);
      }),
  );
  const address = server.address();
  return typeof address === 'object' && address ? address.port : 0;
}

/** Connects, writes `text`, resolves with the echo or rejects with the socket's error code. */
function roundTrip(port: number, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(text));
    socket.once('data', (d) => {
      socket.end();
      resolve(String(d));
    });
    socket.once('error', (err: NodeJS.ErrnoException) => reject(new Error(err.code)));
  });
}

describe('TcpProxy', () => {
  it('forwards bytes, refuses while down, resets open connections when it goes down, and comes back on its port', async () => {
    const proxy = await TcpProxy.start({ host: '127.0.0.1', port: await echoServer() });
    closers.push(() => proxy.close());
    expect(await roundTrip(proxy.port, 'ping')).toBe('ping');

    const open = connect(proxy.port, '127.0.0.1');
    await new Promise((resolve) => open.once('data', resolve).write('hello'));
    const reset = new Promise<string | undefined>((resolve) =>
      open.once('error', (err: NodeJS.ErrnoException) => resolve(err.code)),
    );
    const port = proxy.port;
    await proxy.down();
    expect(await reset).toBe('ECONNRESET');
    await expect(roundTrip(port, 'x')).rejects.toThrow('ECONNREFUSED');

    await proxy.up();
    expect(proxy.port).toBe(port);
    expect(await roundTrip(port, 'again')).toBe('again');
    await proxy.close();
    await proxy.close();
    expect(proxy.isUp).toBe(false);
  });
});

describe('S3FaultProxy', () => {
  it('passes signed requests through unchanged, and in a fault phase answers SlowDown and resets', async () => {
    const dir = tempDir('imr-fault-proxy-');
    const s3 = await S3Server.start({ directory: dir.path });
    const proxy = await S3FaultProxy.start({ host: '127.0.0.1', port: s3.port });
    closers.push(
      () => dir.remove(),
      () => s3.stop(),
      () => proxy.close(),
    );
    const client = new S3Client({
      endpoint: proxy.endpoint,
      region: 'us-east-1',
      forcePathStyle: true,
      credentials: S3RVER_CREDENTIALS,
      maxAttempts: 1,
    });
    closers.push(() => client.destroy());
    const { CreateBucketCommand } = await import('@aws-sdk/client-s3');
    await client.send(new CreateBucketCommand({ Bucket: 'fault-proxy' }));
    await client.send(new PutObjectCommand({ Bucket: 'fault-proxy', Key: 'k', Body: 'body' }));
    const got = await client.send(new GetObjectCommand({ Bucket: 'fault-proxy', Key: 'k' }));
    expect(await got.Body?.transformToString()).toBe('body');

    // The first request of a phase gets SlowDown, the second a reset.
    proxy.faults({ slowDown: 0, reset: 0 });
    const slow = await client.send(new GetObjectCommand({ Bucket: 'fault-proxy', Key: 'k' })).catch((e) => e);
    expect(slow).toMatchObject({ name: 'SlowDown', $metadata: { httpStatusCode: 503 } });
    const reset = await client
      .send(new GetObjectCommand({ Bucket: 'fault-proxy', Key: 'k' }))
      .catch((e) => e);
    expect(reset).toBeInstanceOf(Error);
    expect(reset.$metadata?.httpStatusCode).toBeUndefined();
    await proxy.phaseSeen(2);
    expect(proxy.injected).toBe(2);

    proxy.faults(null);
    const after = await client.send(new GetObjectCommand({ Bucket: 'fault-proxy', Key: 'k' }));
    expect(await after.Body?.transformToString()).toBe('body');
  });
});
