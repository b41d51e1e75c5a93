import { type Logger, rateLimited } from '@imr/logging';
import type { Redis } from 'ioredis';

export interface RedisHealthSnapshot {
  /** Every watched connection is connected and ready for commands. */
  ready: boolean;
  /** ioredis status of each watched connection ('ready', 'reconnecting', ...). */
  connections: Record<string, string>;
  /** The latest connection error: its code (never a message), where, and when. */
  lastError: { connection: string; code: string; at: string } | null;
  /** Connection errors seen since start. */
  errors: number;
}

/**
 * Watches a process's Redis connections. Their errors (a restart, a network cut) are expected and
 * healed by reconnecting, so they are never fatal, but never silent either: the first is logged at
 * once, later ones at most once per `logEveryMs` with a count, and `snapshot()` tells readiness
 * checks what state each connection is in.
 */
export class RedisHealth {
  private readonly watched = new Map<string, Redis>();
  /** Connections that failed since they were last ready. */
  private readonly failing = new Set<string>();
  private lastError: RedisHealthSnapshot['lastError'] = null;
  private errors = 0;
  private readonly logError: (fields: Record<string, unknown>) => void;

  constructor(
    private readonly log: Logger,
    logEveryMs = 30_000,
  ) {
    this.logError = rateLimited(log, 'warn', 'redis connection error', logEveryMs);
  }

  /** Starts listening to `redis`'s errors; `name` says which connection it is in logs. */
  watch(name: string, redis: Redis): Redis {
    this.watched.set(name, redis);
    redis.on('error', (err) => this.noteError(name, err));
    redis.on('ready', () => {
      if (this.failing.delete(name)) this.log.info({ connection: name }, 'redis connection ready again');
    });
    return redis;
  }

  /** Records an error seen on a connection this class does not own (a BullMQ worker's own). */
  noteError(connection: string, err: unknown): void {
    const e = err as { code?: unknown; name?: unknown } | null;
    const code = typeof e?.code === 'string' ? e.code : typeof e?.name === 'string' ? e.name : 'Error';
    this.errors++;
    this.failing.add(connection);
    this.lastError = { connection, code, at: new Date().toISOString() };
    this.logError({ connection, code });
  }

  snapshot(): RedisHealthSnapshot {
    const connections = Object.fromEntries([...this.watched].map(([name, r]) => [name, r.status]));
    return {
      ready: Object.values(connections).every((s) => s === 'ready'),
      connections,
      lastError: this.lastError,
      errors: this.errors,
    };
  }
}
