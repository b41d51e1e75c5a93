import { classifyError, type RedisHealthSnapshot } from '@imr/queue';
import type { Resources } from './resources.ts';

export interface DependencyCheck {
  ok: boolean;
  /** Error code when not ok (`storage_unavailable`, `database_unavailable`, `timeout`, ...). */
  code?: string;
  ms: number;
}

export interface Readiness {
  ready: boolean;
  redis: DependencyCheck & { connections: RedisHealthSnapshot };
  s3?: DependencyCheck;
  database?: DependencyCheck;
}

async function check(probe: () => Promise<unknown>, timeoutMs: number): Promise<DependencyCheck> {
  const started = Date.now();
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(Object.assign(new Error('probe'), { name: 'TimeoutError' })), timeoutMs);
  });
  try {
    await Promise.race([probe(), late]);
    return { ok: true, ms: Date.now() - started };
  } catch (err) {
    return { ok: false, code: classifyError(err).code, ms: Date.now() - started };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Whether this process can do its work now: Redis answers a PING and every connection it watches
 * is ready, the buckets it works with answer (the artifact bucket unless told otherwise; none for
 * `buckets: []`), and (when `database` is asked for, as for the index stage, the trigger and the
 * dashboard) the search database answers a query. Each probe has its own time limit, so a hung
 * dependency makes the answer "not ready", never a hung probe.
 */
export async function checkReadiness(
  resources: Resources,
  needs: { database?: boolean; buckets?: string[]; timeoutMs?: number } = {},
): Promise<Readiness> {
  const timeoutMs = needs.timeoutMs ?? 2_000;
  const buckets = needs.buckets ?? [resources.config.IMR_ARTIFACT_BUCKET];
  const [redis, s3, database] = await Promise.all([
    check(async () => {
      if ((await resources.redis.ping()) !== 'PONG') throw new Error('no PONG');
    }, timeoutMs),
    buckets.length
      ? check(() => Promise.all(buckets.map((b) => resources.objects.checkBucket(b))), timeoutMs)
      : Promise.resolve(undefined),
    needs.database
      ? check(async () => (await resources.search()).db.query('SELECT 1'), timeoutMs)
      : Promise.resolve(undefined),
  ]);
  const connections = resources.redisHealth.snapshot();
  const redisCheck = { ...redis, ok: redis.ok && connections.ready, connections };
  return {
    ready: redisCheck.ok && (s3?.ok ?? true) && (database?.ok ?? true),
    redis: redisCheck,
    ...(s3 ? { s3 } : {}),
    ...(database ? { database } : {}),
  };
}
