import { randomBytes } from 'node:crypto';
import type { Logger } from '@imr/logging';
import type { PipelineQueues } from '@imr/queue';
import type { ObjectStore } from '@imr/storage';
import { backfill } from './backfill.ts';
import type { KeyFilter } from './dispatch.ts';

/**
 * Reconciles the bucket with the queues on an interval, so letters whose events were lost are
 * still processed. A Redis lock (with expiry) keeps two trigger replicas from listing at once.
 */
export class Reconciler {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private readonly lockKey: string;

  constructor(
    private readonly deps: { objects: ObjectStore; queues: PipelineQueues; log: Logger },
    private readonly options: { bucket: string; filter?: KeyFilter; intervalMs: number; lockMs?: number },
  ) {
    this.lockKey = `${deps.queues.settings.prefix}:trigger:reconcile-lock`;
  }

  start(): this {
    if (this.options.intervalMs > 0 && !this.timer) {
      this.timer = setInterval(() => void this.runOnce(), this.options.intervalMs);
      this.timer.unref();
    }
    return this;
  }

  /** One pass, unless another replica holds the lock. Returns null when skipped. */
  async runOnce(): Promise<Awaited<ReturnType<typeof backfill>> | null> {
    const redis = this.deps.queues.settings.connection;
    const token = randomBytes(8).toString('hex');
    const locked = await redis.set(this.lockKey, token, 'PX', this.options.lockMs ?? 10 * 60_000, 'NX');
    if (locked !== 'OK') return null;
    let pass: Promise<Awaited<ReturnType<typeof backfill>>> | undefined;
    try {
      pass = backfill(this.deps.objects, this.deps.queues, {
        bucket: this.options.bucket,
        trigger: 'reconcile',
        ...(this.options.filter ? { filter: this.options.filter } : {}),
      });
      this.running = pass.then(
        () => undefined,
        () => undefined,
      );
      const result = await pass;
      if (result.enqueued)
        this.deps.log.warn({ ...result }, 'reconcile found objects whose events were lost');
      else this.deps.log.info({ ...result }, 'reconcile: bucket and queues agree');
      return result;
    } catch (err) {
      this.deps.log.error({ err }, 'reconcile failed');
      return null;
    } finally {
      // Release only our own lock.
      await redis.eval(
        "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end",
        1,
        this.lockKey,
        token,
      );
    }
  }

  /** Stops the interval and waits for a pass in progress. Idempotent. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }
}
