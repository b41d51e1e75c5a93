import { EventEmitter } from 'node:events';
import { mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
import type S3rver from 's3rver';
import { freePort } from './free-port.ts';

/**
 * s3rver, loaded only when an in-process S3 server is started. It is a development dependency (the
 * demo's and the tests' S3): production installs (`npm ci --omit=dev`) do not carry it.
 */
async function loadS3rver(): Promise<typeof S3rver> {
  try {
    return (await import('s3rver')).default;
  } catch (err) {
    throw new Error(
      'the in-process S3 server (s3rver) is part of the development install (npm ci); set S3_ENDPOINT to an S3 service',
      { cause: err },
    );
  }
}

/** Credentials s3rver accepts. */
export const S3RVER_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } as const;

/** One S3 event notification in the standard shape (what MinIO webhooks and AWS send). */
export interface S3EventNotification {
  Records: Array<{
    eventName: string;
    eventTime?: string;
    s3: {
      bucket: { name: string };
      object: { key: string; eTag?: string; size?: number; versionId?: string; sequencer?: string };
    };
  }>;
}

export interface S3ServerOptions {
  directory: string;
  port?: number;
}

/**
 * An in-process S3 protocol server (s3rver) on loopback. Bucket events are re-emitted as standard
 * S3 event notifications on `events` ('notification').
 */
export class S3Server {
  readonly events = new EventEmitter();
  private running = true;

  private constructor(
    private readonly server: S3rver,
    readonly port: number,
  ) {}

  static async start(options: S3ServerOptions): Promise<S3Server> {
    mkdirSync(options.directory, { recursive: true });
    const port = options.port ?? (await freePort());
    const S3rverServer = await loadS3rver();
    const server = new S3rverServer({
      address: '127.0.0.1',
      port,
      silent: true,
      directory: options.directory,
      allowMismatchedSignatures: false,
    });
    const instance = new S3Server(server, port);
    (server as unknown as EventEmitter).on('event', (event: S3EventNotification) =>
      instance.events.emit('notification', standardize(event)),
    );
    await server.run();
    return instance;
  }

  get endpoint(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get httpServer(): Server | undefined {
    return (this.server as unknown as { httpServer?: Server }).httpServer;
  }

  /**
   * Stops serving (open connections are cut), keeping the data directory: `S3Server.start` with the
   * same directory and port serves the same objects again. Idempotent.
   */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.httpServer?.closeAllConnections?.();
    await this.server.close();
  }
}

/** Encodes a key the way S3 event notifications do: URL-encoded, '+' for a space, '/' kept. */
export function encodeEventKey(key: string): string {
  return encodeURIComponent(key).replace(/%20/g, '+').replace(/%2F/g, '/');
}

/** s3rver puts raw keys in its events; AWS and MinIO URL-encode them. Make them standard. */
function standardize(event: S3EventNotification): S3EventNotification {
  return {
    Records: event.Records.map((r) => ({
      ...r,
      s3: { ...r.s3, object: { ...r.s3.object, key: encodeEventKey(r.s3.object.key) } },
    })),
  };
}
