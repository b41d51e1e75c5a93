import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { freePort } from './free-port.ts';

export class RedisServerMissingError extends Error {
  constructor() {
    super(
      'redis-server was not found on PATH. Set REDIS_URL to a running Redis (7 or newer), or install ' +
        'one: `sudo apt-get install -y redis-server` (Debian/Ubuntu), `brew install redis` (macOS), or ' +
        '`docker run -p 6379:6379 redis:7`.',
    );
    this.name = 'RedisServerMissingError';
  }
}

export interface RedisServerOptions {
  port?: number;
  /** Directory for AOF files; persistence is on only when this is given. */
  dataDir?: string;
  binary?: string;
}

export function hasRedisServer(binary = 'redis-server'): boolean {
  return spawnSync(binary, ['--version'], { stdio: 'ignore' }).status === 0;
}

/**
 * A private redis-server child process on a free loopback port. `restart()` stops and starts it on
 * the same port (with AOF, the data survives), which is what the chaos test needs.
 */
export class RedisServer {
  private child: ChildProcess | null = null;
  private constructor(
    readonly port: number,
    private readonly options: RedisServerOptions,
  ) {}

  static async start(options: RedisServerOptions = {}): Promise<RedisServer> {
    const binary = options.binary ?? 'redis-server';
    if (!hasRedisServer(binary)) throw new RedisServerMissingError();
    const server = new RedisServer(options.port ?? (await freePort()), options);
    await server.spawn();
    return server;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  private spawn(): Promise<void> {
    const args = ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--daemonize', 'no'];
    args.push('--maxmemory-policy', 'noeviction', '--loglevel', 'notice', '--logfile', '');
    if (this.options.dataDir) {
      mkdirSync(this.options.dataDir, { recursive: true });
      args.push('--dir', this.options.dataDir, '--appendonly', 'yes', '--appendfsync', 'always');
    } else {
      args.push('--appendonly', 'no');
    }
    const child = spawn(this.options.binary ?? 'redis-server', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    return new Promise((resolve, reject) => {
      let output = '';
      const onData = (chunk: Buffer) => {
        output += String(chunk);
        if (output.includes('Ready to accept connections')) {
          child.stdout?.off('data', onData);
          child.removeListener('exit', onExit);
          output = '';
          resolve();
        }
      };
      const onExit = (code: number | null) =>
        reject(new Error(`redis-server exited with ${code}: ${output.slice(-500)}`));
      child.stdout?.on('data', onData);
      child.stderr?.on('data', (chunk: Buffer) => {
        output += String(chunk);
      });
      child.once('exit', onExit);
    });
  }

  /** Stops the server and waits for the process to exit. Idempotent. */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    const child = this.child;
    this.child = null;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill(signal);
    });
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.spawn();
  }
}
