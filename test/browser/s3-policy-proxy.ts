import { randomBytes } from 'node:crypto';
import { Agent, createServer, type IncomingMessage, request, type ServerResponse } from 'node:http';

/**
 * An HTTP proxy in front of an S3 server that can play a bucket policy denying writes: while
 * `denyWrites(bucket)` is on, every PUT into that bucket gets S3's `403 AccessDenied` (what a
 * policy or a key without s3:PutObject answers); everything else passes through unchanged, so
 * SigV4 signatures made for the proxy's address still verify behind it.
 */
export class S3PolicyProxy {
  /** PUTs refused so far. */
  refused = 0;
  private denied: string | null = null;
  private readonly agent = new Agent({ keepAlive: true });

  private constructor(
    private readonly server: ReturnType<typeof createServer>,
    readonly port: number,
  ) {}

  static async start(target: { host: string; port: number }): Promise<S3PolicyProxy> {
    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    const address = server.address();
    const proxy = new S3PolicyProxy(server, typeof address === 'object' && address ? address.port : 0);
    server.on('request', (req, res) => proxy.handle(req, res, target));
    return proxy;
  }

  get endpoint(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Refuses writes into `bucket` from now on; null lifts the refusal (the policy is fixed). */
  denyWrites(bucket: string | null): void {
    this.denied = bucket;
  }

  private handle(req: IncomingMessage, res: ServerResponse, target: { host: string; port: number }) {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (this.denied && req.method === 'PUT' && path.startsWith(`/${this.denied}/`)) {
      this.refused++;
      req.resume();
      req.once('end', () => accessDenied(res));
      return;
    }
    const upstream = request(
      {
        host: target.host,
        port: target.port,
        method: req.method,
        path: req.url,
        headers: req.rawHeaders,
        agent: this.agent,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.statusMessage, answer.rawHeaders);
        answer.pipe(res);
      },
    );
    upstream.once('error', () => req.socket.destroy());
    req.pipe(upstream);
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
      this.agent.destroy();
    });
  }
}

function accessDenied(res: ServerResponse): void {
  const requestId = randomBytes(8).toString('hex').toUpperCase();
  const body =
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<Error><Code>AccessDenied</Code><Message>Access Denied</Message><RequestId>${requestId}</RequestId></Error>`;
  res.writeHead(403, 'Forbidden', {
    'Content-Type': 'application/xml',
    'Content-Length': Buffer.byteLength(body),
    'x-amz-request-id': requestId,
  });
  res.end(body);
}
