import { randomBytes } from 'node:crypto';
import type { Logger } from '@imr/logging';
import type { PipelineQueues } from '@imr/queue';
import type { ObjectStore } from '@imr/storage';
import { type BackfillResult, backfill } from './backfill.ts';
import type { KeyFilter } from './dispatch.ts';
import type { IndexedSources } from './indexed-sources.ts';

const RELEASE =
  "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";
const RENEW =
  "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end";

export interface ReconcileOptions {
  bucket: string;
  prefix?: string;
  filter?: KeyFilter;
  /** 0 disables the interval (runOnce still works). */
  intervalMs: number;
  /** Lock expiry; renewed after every listing page, so only a replica that died loses it. */
  lockMs?: number;
}

/**
 * Reconciles the bucket with the queues and the index on an interval: letters whose events were
 * lost are enqueued, and (with the index) sources whose objects were deleted unseen leave it.
 * A Redis lock with expiry keeps two trigger replicas from reconciling at the same moment.
 */
export class Reconciler {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;
  private readonly lockKey: string;

  constructor(
    private readonly deps: {
      objects: Pick<ObjectStore, 'list' | 'head'>;
      queues: PipelineQueues;
      log: Logger;
      index?: () => Promise<IndexedSources>;
    },
    private readonly options: ReconcileOptions,
  ) {
    this.lockKey = `${deps.queues.settings.prefix}:trigger:reconcile-lock`;
  }

  start(): this {
    if (this.options.intervalMs > 0 && !this.timer) {
      this.timer = setInterval(() => {
        // A pass still running on this replica holds the lock anyway; do not stack another.
        if (!this.running) void this.runOnce();
      }, this.options.intervalMs);
      this.timer.unref();
    }
    return this;
  }

  /** One pass, unless another replica holds the lock (then null). Failures are logged, not thrown. */
  runOnce(): Promise<BackfillResult | null> {
    const pass = this.pass();
    this.running = pass;
    void pass.finally(() => {
      if (this.running === pass) this.running = null;
    });
    return pass;
  }

  private async pass(): Promise<BackfillResult | null> {
    const redis = this.deps.queues.settings.connection;
    const lockMs = this.options.lockMs ?? 5 * 60_000;
    const token = randomBytes(12).toString('hex');
    if ((await redis.set(this.lockKey, token, 'PX', lockMs, 'NX').catch(() => null)) !== 'OK') return null;
    const started = Date.now();
    try {
      const index = this.deps.index ? await this.deps.index() : undefined;
      const result = await backfill(this.deps.objects, this.deps.queues, {
        bucket: this.options.bucket,
        trigger: 'reconcile',
        ...(this.options.prefix ? { prefix: this.options.prefix } : {}),
        ...(this.options.filter ? { filter: this.options.filter } : {}),
        ...(index ? { index, prune: true } : {}),
        onPage: async () => {
          if ((await redis.eval(RENEW, 1, this.lockKey, token, lockMs)) !== 1)
            throw new Error('lost the reconcile lock');
        },
      });
      const fields = { ...result, durationMs: Date.now() - started };
      if (result.enqueued || result.pruned)
        this.deps.log.warn(fields, 'reconcile: found objects whose events were lost');
      else this.deps.log.info(fields, 'reconcile: bucket, queues and index agree');
      return result;
    } catch (err) {
      this.deps.log.error({ err }, 'reconcile failed; the next pass tries again');
      return null;
    } finally {
      await redis.eval(RELEASE, 1, this.lockKey, token).catch(() => undefined);
    }
  }

  /** Stops the interval and waits for a pass in progress. Idempotent. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }
}
