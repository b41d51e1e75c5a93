import { readFileSync } from 'node:fs';
import type { Redis } from 'ioredis';

export interface ResourceBounds {
  /** Redis INFO memory used_memory, bytes: before any letter, the highest sample, after the last letter. */
  redisUsedMemory: { start: number; peak: number; end: number };
  /** VmRSS of the steady worker (never killed), bytes: when a quarter of the letters had settled, the highest sample, at the end. */
  steadyWorkerRss: { firstQuarter: number; peak: number; end: number };
}

/** Resident set size of a process (Linux /proc), bytes; 0 when it cannot be read. */
export function rssBytes(pid: number): number {
  try {
    const kb = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb ? Number(kb) * 1024 : 0;
  } catch {
    return 0;
  }
}

export async function redisUsedMemory(redis: Redis): Promise<number> {
  const info = await redis.info('memory');
  return Number(/^used_memory:(\d+)/m.exec(info)?.[1] ?? 0);
}

/**
 * Samples Redis' used_memory and the steady worker's RSS about once a second until stopped; the
 * first sample after `progress()` (letters indexed) reaches a quarter of `total` is the worker's
 * first-quarter figure.
 */
export class ResourceMonitor {
  private readonly bounds: ResourceBounds = {
    redisUsedMemory: { start: 0, peak: 0, end: 0 },
    steadyWorkerRss: { firstQuarter: 0, peak: 0, end: 0 },
  };
  private stopped = false;
  private wake: () => void = () => undefined;
  private loop: Promise<void> | null = null;

  constructor(
    private readonly redis: Redis,
    private readonly steadyPid: () => number | undefined,
    private readonly progress: () => Promise<number>,
    private readonly total: number,
    private readonly intervalMs = 1_000,
  ) {}

  /** Takes the start sample, then keeps sampling in the background. */
  async start(): Promise<void> {
    this.bounds.redisUsedMemory.start = await this.sampleRedis();
    this.loop = (async () => {
      while (!this.stopped) {
        await new Promise<void>((resolve) => {
          this.wake = resolve;
          setTimeout(resolve, this.intervalMs);
        });
        if (this.stopped) break;
        await this.sampleRedis();
        const rss = this.sampleRss();
        const bounds = this.bounds.steadyWorkerRss;
        if (!bounds.firstQuarter && rss && (await this.progress()) >= this.total / 4)
          bounds.firstQuarter = rss;
      }
    })();
  }

  /** Takes the end samples and stops sampling. */
  async finish(): Promise<ResourceBounds> {
    await this.stop();
    this.bounds.redisUsedMemory.end = await this.sampleRedis();
    this.bounds.steadyWorkerRss.end = this.sampleRss();
    return structuredClone(this.bounds);
  }

  /** Stops sampling. Idempotent. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.wake();
    await this.loop;
  }

  private async sampleRedis(): Promise<number> {
    const used = await redisUsedMemory(this.redis);
    const bounds = this.bounds.redisUsedMemory;
    bounds.peak = Math.max(bounds.peak, used);
    return used;
  }

  private sampleRss(): number {
    const pid = this.steadyPid();
    const rss = pid ? rssBytes(pid) : 0;
    const bounds = this.bounds.steadyWorkerRss;
    bounds.peak = Math.max(bounds.peak, rss);
    return rss;
  }
}
