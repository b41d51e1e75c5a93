import { connect, createServer, type Server, type Socket } from 'node:net';

/**
 * A TCP proxy on 127.0.0.1 in front of a server (PostgreSQL, say) that can play that server going
 * away: `down()` stops listening and resets every open connection, so clients see ECONNRESET on the
 * connections they had and ECONNREFUSED on new ones, as with a stopped server; `up()` listens again
 * on the same port. Bytes pass through unchanged.
 */
export class TcpProxy {
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();
  private closed = false;
  /** Client connections accepted, over the proxy's life. */
  connections = 0;

  private constructor(
    private readonly target: { host: string; port: number },
    private listenPort: number,
  ) {}

  /** Listens on a free port (or `port`) and forwards every connection to `target`. */
  static async start(target: { host: string; port: number }, port = 0): Promise<TcpProxy> {
    const proxy = new TcpProxy(target, port);
    await proxy.up();
    return proxy;
  }

  get port(): number {
    return this.listenPort;
  }

  get isUp(): boolean {
    return this.server !== null;
  }

  /** Listens again (on the same port). No-op when up. */
  async up(): Promise<void> {
    if (this.closed) throw new Error('TcpProxy is closed');
    if (this.server) return;
    const server = createServer((client) => this.forward(client));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.listenPort, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
    const address = server.address();
    if (typeof address === 'object' && address) this.listenPort = address.port;
    this.server = server;
  }

  /** Stops listening and resets every open connection. No-op when down. */
  async down(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = null;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const socket of this.sockets) socket.resetAndDestroy();
    this.sockets.clear();
    await closed;
  }

  /** Down for good. Idempotent. */
  async close(): Promise<void> {
    this.closed = true;
    await this.down();
  }

  private forward(client: Socket): void {
    this.connections++;
    const upstream = connect(this.target.port, this.target.host);
    for (const socket of [client, upstream]) {
      this.sockets.add(socket);
      socket.on('error', () => undefined);
      // Whichever side goes, the other goes too: after an error with a reset, else with an end.
      socket.on('close', (hadError) => {
        this.sockets.delete(socket);
        const other = socket === client ? upstream : client;
        if (other.destroyed) return;
        if (hadError) other.resetAndDestroy();
        else other.end();
      });
    }
    client.pipe(upstream);
    upstream.pipe(client);
  }
}
