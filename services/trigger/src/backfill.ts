import type { ObjectRef } from '@imr/contracts';
import { ingestJobId, type PipelineQueues } from '@imr/queue';
import type { ObjectStore } from '@imr/storage';
import { type KeyFilter, matchesFilter } from './dispatch.ts';
import { type IndexedSources, indexedVersions } from './indexed-sources.ts';

export interface BackfillOptions {
  bucket: string;
  prefix?: string;
  filter?: KeyFilter;
  trigger?: 'backfill' | 'reconcile';
  /** Versions the index holds count as processed, even once their ingest jobs have been cleaned away. */
  index?: IndexedSources;
  /** With `index`: sources whose objects are no longer in the bucket leave the index (lost removal events). */
  prune?: boolean;
  /** Called after each listing page (the reconciler renews its lock here); a throw stops the pass. */
  onPage?: () => Promise<void>;
  /** How long a claim on an object version keeps a concurrent backfill from enqueueing it too. */
  claimMs?: number;
}

export interface BackfillResult {
  /** Objects in the listing. */
  listed: number;
  /** Ingest jobs this pass added. */
  enqueued: number;
  /** Versions already in the queue (waiting, done or failed), in the index, or claimed by a concurrent pass. */
  known: number;
  /** Keys the filters leave out (artifacts, other prefixes or suffixes). */
  skipped: number;
  /** Index sources removed because their objects are gone (only with `prune`). */
  pruned: number;
}

/**
 * Lists the bucket (ListObjectsV2, page by page) and enqueues every object version that is neither
 * queued nor indexed. Each version is claimed in Redis (SET NX, with expiry) before it is added, so
 * two passes at once split the work: each version is enqueued once and counted once, and the job
 * ids are deterministic besides, so even a lapsed claim cannot make a second job.
 */
export async function backfill(
  objects: Pick<ObjectStore, 'list' | 'head'>,
  queues: PipelineQueues,
  options: BackfillOptions,
): Promise<BackfillResult> {
  const result: BackfillResult = { listed: 0, enqueued: 0, known: 0, skipped: 0, pruned: 0 };
  const { bucket, prefix = '' } = options;
  const ingest = queues.queue('ingest');
  const redis = queues.settings.connection;
  const claimKey = (jobId: string) => `${queues.settings.prefix}:trigger:claim:${jobId}`;
  const indexed = options.index ? await indexedVersions(options.index, bucket, prefix) : new Map();
  const seen = options.prune && options.index ? new Set<string>() : null;
  for await (const page of objects.list(bucket, prefix || undefined)) {
    result.listed += page.length;
    const candidates: ObjectRef[] = [];
    for (const o of page) {
      seen?.add(o.key);
      if (!matchesFilter(o.key, options.filter ?? {})) result.skipped++;
      else if (indexed.has(o.key) && indexed.get(o.key) === o.etag) result.known++;
      else candidates.push({ bucket, key: o.key, etag: o.etag, versionId: null });
    }
    if (candidates.length) {
      const ids = candidates.map((c) => ingestJobId(c));
      const exists = (await ids.reduce((p, id) => p.exists(ingest.toKey(id)), redis.pipeline()).exec()) ?? [];
      const absent = candidates
        .map((c, i) => ({ c, id: ids[i] as string }))
        .filter((_, i) => exists[i]?.[1] !== 1);
      const claims =
        (await absent
          .reduce(
            (p, a) => p.set(claimKey(a.id), '1', 'PX', options.claimMs ?? 10 * 60_000, 'NX'),
            redis.pipeline(),
          )
          .exec()) ?? [];
      const claimed = absent.filter((_, i) => claims[i]?.[1] === 'OK').map((a) => a.c);
      const seenAt = new Date().toISOString();
      await queues.enqueueIngestBulk(
        claimed.map((source) => ({ source, trigger: options.trigger ?? 'backfill', seenAt })),
      );
      result.enqueued += claimed.length;
      result.known += candidates.length - claimed.length;
    }
    await options.onPage?.();
  }
  if (seen && options.index) {
    for (const key of indexed.keys()) {
      // Gone from the listing; the check just before removing covers a key written since it was listed.
      if (seen.has(key) || (await objects.head(bucket, key))) continue;
      await options.index.removeSource({ bucket, key });
      result.pruned++;
    }
  }
  return result;
}
