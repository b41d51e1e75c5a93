import type { ObjectRef } from '@imr/contracts';
import { ingestJobId, type PipelineQueues } from '@imr/queue';
import type { ObjectStore } from '@imr/storage';
import { type KeyFilter, matchesFilter } from './dispatch.ts';

export interface BackfillResult {
  listed: number;
  enqueued: number;
  known: number;
  skipped: number;
}

/**
 * Lists the bucket (ListObjectsV2, page by page) and enqueues every object version that has no
 * ingest job yet. Job ids are deterministic, so two backfills at once (or a backfill and the
 * event path) enqueue each version once; `known` counts versions already in the queue.
 */
export async function backfill(
  objects: ObjectStore,
  queues: PipelineQueues,
  options: { bucket: string; prefix?: string; filter?: KeyFilter; trigger?: 'backfill' | 'reconcile' },
): Promise<BackfillResult> {
  const result: BackfillResult = { listed: 0, enqueued: 0, known: 0, skipped: 0 };
  const ingest = queues.queue('ingest');
  const redis = queues.settings.connection;
  for await (const page of objects.list(options.bucket, options.prefix)) {
    result.listed += page.length;
    const candidates: ObjectRef[] = [];
    for (const o of page) {
      if (!matchesFilter(o.key, options.filter ?? {})) {
        result.skipped++;
        continue;
      }
      candidates.push({ bucket: options.bucket, key: o.key, etag: o.etag, versionId: null });
    }
    if (!candidates.length) continue;
    const pipeline = redis.pipeline();
    for (const c of candidates) pipeline.exists(ingest.toKey(ingestJobId(c)));
    const exists = (await pipeline.exec()) ?? [];
    const fresh = candidates.filter((_, i) => exists[i]?.[1] !== 1);
    result.known += candidates.length - fresh.length;
    const seenAt = new Date().toISOString();
    await queues.enqueueIngestBulk(
      fresh.map((source) => ({ source, trigger: options.trigger ?? 'backfill', seenAt })),
    );
    result.enqueued += fresh.length;
  }
  return result;
}
