import { randomBytes } from 'node:crypto';
import {
  Agent,
  createServer,
  type IncomingMessage,
  request,
  type Server,
  type ServerResponse,
} from 'node:http';

export interface S3Faults {
  /** Share of requests answered `503 SlowDown` without reaching S3. */
  slowDown: number;
  /** Share of requests whose connection is reset: half before S3 sees them, half after it answered. */
  reset: number;
}

export interface S3FaultCounts {
  forwarded: number;
  slowDown: number;
  /** Reset before the request reached S3. */
  resetBefore: number;
  /** Reset after S3 carried the request out: the client never learns that it did. */
  resetAfter: number;
  /** Reset because S3 itself could not be reached (it is stopped). */
  unreachable: number;
}

/**
 * An HTTP proxy in front of an S3 server that can misbehave as S3 does under load. Requests pass
 * through unchanged (method, path, every header including Host, body), so SigV4 signatures made for
 * the proxy's address still verify at the server behind it. While a fault phase is on (`faults()`),
 * a share of requests gets a real S3 `503 SlowDown` error and another share a reset connection (the
 * first request of a phase is answered SlowDown and the second is reset, so that a phase that sees
 * two requests sees both faults). When the server behind it is down, requests get a reset.
 */
export class S3FaultProxy {
  readonly counts: S3FaultCounts = {
    forwarded: 0,
    slowDown: 0,
    resetBefore: 0,
    resetAfter: 0,
    unreachable: 0,
  };
  private phase: S3Faults | null = null;
  private inPhase = 0;
  private phaseWaiters: Array<{ n: number; resolve: () => void }> = [];
  private readonly agent = new Agent({ keepAlive: true });
  private closing: Promise<void> | null = null;

  private constructor(
    private readonly server: Server,
    private readonly target: { host: string; port: number },
    private readonly random: () => number,
    readonly port: number,
  ) {}

  /** Listens on a free loopback port; `random` decides which requests fail (seed it for a repeatable run). */
  static async start(
    target: { host: string; port: number },
    random: () => number = Math.random,
  ): Promise<S3FaultProxy> {
    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const proxy = new S3FaultProxy(server, target, random, port);
    server.on('request', (req, res) => proxy.handle(req, res));
    return proxy;
  }

  get endpoint(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Turns a fault phase on (`faults`) or off (`null`). */
  faults(faults: S3Faults | null): void {
    this.phase = faults;
    this.inPhase = 0;
  }

  /** Resolves once the current fault phase has seen `n` requests (so, from 2, both kinds of fault). */
  phaseSeen(n: number): Promise<void> {
    if (this.phase && this.inPhase >= n) return Promise.resolve();
    return new Promise((resolve) => this.phaseWaiters.push({ n, resolve }));
  }

  get injected(): number {
    return this.counts.slowDown + this.counts.resetBefore + this.counts.resetAfter;
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const fault = this.pick();
    if (fault === 'slowDown') {
      this.counts.slowDown++;
      // Read the body first: the connection stays usable, as S3 leaves it.
      req.resume();
      req.once('end', () => slowDown(res));
      return;
    }
    if (fault === 'resetBefore') {
      this.counts.resetBefore++;
      reset(req);
      return;
    }
    this.counts.forwarded++;
    const upstream = request(
      {
        host: this.target.host,
        port: this.target.port,
        method: req.method,
        path: req.url,
        headers: req.rawHeaders,
        agent: this.agent,
      },
      (answer) => {
        if (fault === 'resetAfter') {
          this.counts.resetAfter++;
          answer.resume();
          answer.once('end', () => reset(req));
          return;
        }
        res.writeHead(answer.statusCode ?? 502, answer.statusMessage, answer.rawHeaders);
        answer.pipe(res);
        answer.once('error', () => reset(req));
      },
    );
    upstream.once('error', () => {
      this.counts.unreachable++;
      reset(req);
    });
    // A client that goes away takes its request to S3 with it.
    res.once('close', () => {
      if (!res.writableFinished) upstream.destroy();
    });
    req.pipe(upstream);
  }

  private pick(): 'slowDown' | 'resetBefore' | 'resetAfter' | null {
    const phase = this.phase;
    if (!phase) return null;
    const n = this.inPhase++;
    this.phaseWaiters = this.phaseWaiters.filter((w) => {
      if (w.n > n + 1) return true;
      w.resolve();
      return false;
    });
    const reset = () => (this.random() < 0.5 ? 'resetBefore' : 'resetAfter');
    if (n === 0) return 'slowDown';
    if (n === 1) return reset();
    const r = this.random();
    if (r < phase.slowDown) return 'slowDown';
    if (r < phase.slowDown + phase.reset) return reset();
    return null;
  }

  /** Stops listening and cuts every connection. Idempotent. */
  close(): Promise<void> {
    this.closing ??= new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
      this.agent.destroy();
    });
    return this.closing;
  }
}

function reset(req: IncomingMessage): void {
  if (!req.socket.destroyed) req.socket.resetAndDestroy();
}

/** The error S3 sends when a client should slow down (HTTP 503, code SlowDown). */
function slowDown(res: ServerResponse): void {
  const requestId = randomBytes(8).toString('hex').toUpperCase();
  const body =
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    '<Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message>' +
    `<RequestId>${requestId}</RequestId><HostId>${randomBytes(24).toString('base64')}</HostId></Error>`;
  res.writeHead(503, 'Slow Down', {
    'Content-Type': 'application/xml',
    'Content-Length': Buffer.byteLength(body),
    'x-amz-request-id': requestId,
  });
  res.end(body);
}
