import { WORKER_STAGES, type WorkerStage } from '@imr/contracts';
import type { PipelineQueues } from './pipeline-queues.ts';

export interface StageQueueState {
  stage: WorkerStage;
  /** Waiting to be taken (paused ones included). */
  waiting: number;
  active: number;
  /** Waiting for a retry's backoff (or a delay). */
  delayed: number;
  /** In the failed set: final failures still kept (see Retention). */
  failed: number;
  prioritized: number;
  /** Age in seconds of the job that has waited longest, by when it was added or last taken; null when none waits. */
  oldestWaitingSeconds: number | null;
}

export interface StageRates {
  completedLastMinute: number;
  completedLast5Minutes: number;
  failedLastMinute: number;
  failedLast5Minutes: number;
}

export interface DeadLetterCount {
  stage: string;
  code: string;
  count: number;
}

/**
 * Reads the queues' state from Redis, cheaply enough for every Prometheus scrape: counts are a few
 * commands per queue, the oldest waiting job is the tail of the wait list (BullMQ adds at the head
 * and takes from the tail), rates are ZCOUNTs of the completed and failed sets by finish time.
 * Dead letters are counted by code from their entries; an entry's code never changes while it
 * exists under the same timestamp, so codes are remembered between reads and only new entries are
 * read. Nothing read here holds letter text (payloads carry references only) and nothing is written.
 */
export class QueueState {
  private readonly codes = new Map<string, { timestamp: string; stage: string; code: string }>();

  /** `stageList`: the queues read: every stage and lane (`ocr`) by default. */
  constructor(
    private readonly queues: PipelineQueues,
    private readonly stageList: readonly WorkerStage[] = WORKER_STAGES,
  ) {}

  private get redis() {
    return this.queues.settings.connection;
  }

  async stages(now = Date.now()): Promise<StageQueueState[]> {
    const counts = await Promise.all(
      this.stageList.map((s) =>
        this.queues.queue(s).getJobCounts('waiting', 'paused', 'active', 'delayed', 'failed', 'prioritized'),
      ),
    );
    const tails = this.redis.pipeline();
    for (const s of this.stageList) {
      const queue = this.queues.queue(s);
      tails.lindex(queue.toKey('wait'), -1);
      tails.lindex(queue.toKey('paused'), -1);
    }
    const tailIds = ((await tails.exec()) ?? []).map(([, id]) => (typeof id === 'string' ? id : null));
    const times = this.redis.pipeline();
    const asked: number[] = [];
    for (const [i, s] of this.stageList.entries()) {
      const id = tailIds[2 * i] ?? tailIds[2 * i + 1];
      if (!id) continue;
      times.hmget(this.queues.queue(s).toKey(id), 'timestamp', 'processedOn');
      asked.push(i);
    }
    const since = new Map<number, number>();
    if (asked.length) {
      for (const [n, [, reply]] of ((await times.exec()) ?? []).entries()) {
        const [added, taken] = (reply as (string | null)[] | null) ?? [];
        // A retried job waits again from when it was last taken, not from when it was first added.
        const at = Math.max(Number(added) || 0, Number(taken) || 0);
        if (at > 0) since.set(asked[n] as number, at);
      }
    }
    return this.stageList.map((stage, i) => {
      const c = counts[i] ?? {};
      const at = since.get(i);
      return {
        stage,
        waiting: (c.waiting ?? 0) + (c.paused ?? 0),
        active: c.active ?? 0,
        delayed: c.delayed ?? 0,
        failed: c.failed ?? 0,
        prioritized: c.prioritized ?? 0,
        oldestWaitingSeconds: at === undefined ? null : Math.max(0, (now - at) / 1000),
      };
    });
  }

  /**
   * Jobs finished in the last minute and five minutes, per stage: ZCOUNTs of the completed and
   * failed sets, scored by finish time. Retention bounds what they can see (IMR_KEEP_COMPLETED jobs a
   * stage), so a rate above that many jobs in five minutes reads as that many.
   */
  async rates(now = Date.now()): Promise<Record<WorkerStage, StageRates>> {
    const p = this.redis.pipeline();
    for (const s of this.stageList) {
      const queue = this.queues.queue(s);
      for (const set of ['completed', 'failed']) {
        p.zcount(queue.toKey(set), now - 60_000, '+inf');
        p.zcount(queue.toKey(set), now - 300_000, '+inf');
      }
    }
    const replies = ((await p.exec()) ?? []).map(([, n]) => Number(n) || 0);
    return Object.fromEntries(
      this.stageList.map((s, i) => {
        const [c1 = 0, c5 = 0, f1 = 0, f5 = 0] = replies.slice(4 * i, 4 * i + 4);
        return [
          s,
          {
            completedLastMinute: c1,
            completedLast5Minutes: c5,
            failedLastMinute: f1,
            failedLast5Minutes: f5,
          },
        ];
      }),
    ) as Record<WorkerStage, StageRates>;
  }

  /** Dead-letter entries by stage and code, most first. */
  async deadLetterCounts(): Promise<DeadLetterCount[]> {
    const queue = this.queues.deadLetters;
    const ids = await this.redis.lrange(queue.toKey('wait'), 0, -1);
    const stamps = this.redis.pipeline();
    for (const id of ids) stamps.hget(queue.toKey(id), 'timestamp');
    const timestamps = ids.length ? ((await stamps.exec()) ?? []).map(([, t]) => t as string | null) : [];
    const fresh: { id: string; timestamp: string }[] = [];
    const seen = new Set<string>();
    for (const [i, id] of ids.entries()) {
      const timestamp = timestamps[i];
      if (!timestamp) continue;
      seen.add(id);
      if (this.codes.get(id)?.timestamp !== timestamp) fresh.push({ id, timestamp });
    }
    if (fresh.length) {
      const data = this.redis.pipeline();
      for (const { id } of fresh) data.hget(queue.toKey(id), 'data');
      for (const [i, [, raw]] of ((await data.exec()) ?? []).entries()) {
        const entry = fresh[i] as { id: string; timestamp: string };
        let parsed: { stage?: unknown; code?: unknown } = {};
        try {
          parsed = JSON.parse(String(raw));
        } catch {
          // An entry that does not parse is counted as unknown.
        }
        this.codes.set(entry.id, {
          timestamp: entry.timestamp,
          stage: typeof parsed?.stage === 'string' ? parsed.stage : 'unknown',
          code: typeof parsed?.code === 'string' ? parsed.code : 'unknown',
        });
      }
    }
    for (const id of this.codes.keys()) if (!seen.has(id)) this.codes.delete(id);
    const counts = new Map<string, DeadLetterCount>();
    for (const { stage, code } of this.codes.values()) {
      const key = `${stage}\0${code}`;
      const c = counts.get(key) ?? { stage, code, count: 0 };
      c.count++;
      counts.set(key, c);
    }
    return [...counts.values()].sort((a, b) => b.count - a.count || a.code.localeCompare(b.code));
  }
}
