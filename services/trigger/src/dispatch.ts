import type { PipelineQueues } from '@imr/queue';
import type { ObjectChange } from './s3-event.ts';

export interface KeyFilter {
  /** Only objects in these buckets are letters (the artifact bucket never is). */
  buckets?: string[];
  prefix?: string;
  suffixes?: string[];
}

/** Keys the pipeline writes itself (content-addressed artifacts), never letters. */
export const OWN_PREFIXES = ['artifacts/'];

export function matchesFilter(key: string, filter: KeyFilter, bucket?: string): boolean {
  if (OWN_PREFIXES.some((p) => key.startsWith(p))) return false;
  if (bucket !== undefined && filter.buckets?.length && !filter.buckets.includes(bucket)) return false;
  if (filter.prefix && !key.startsWith(filter.prefix)) return false;
  if (filter.suffixes?.length && !filter.suffixes.some((s) => key.toLowerCase().endsWith(s.toLowerCase()))) {
    return false;
  }
  return true;
}

export interface DispatchDeps {
  queues: PipelineQueues;
  /** Called for removed objects: drops the source from the index. */
  removeSource: (source: { bucket: string; key: string }) => Promise<void>;
  filter?: KeyFilter;
}

/**
 * Acts on object changes: created -> ingest (deduplicated by key + ETag through the job id),
 * removed -> the source leaves the index. Returns what was done, for the caller's response.
 */
export async function dispatchChanges(
  changes: ObjectChange[],
  deps: DispatchDeps,
): Promise<{ enqueued: number; removed: number; ignored: number }> {
  let enqueued = 0;
  let removed = 0;
  let ignored = 0;
  for (const change of changes) {
    if (!matchesFilter(change.source.key, deps.filter ?? {}, change.source.bucket)) {
      ignored++;
      continue;
    }
    if (change.kind === 'created') {
      await deps.queues.enqueueIngest({
        source: change.source,
        trigger: 'event',
        seenAt: change.eventTime ?? new Date().toISOString(),
      });
      enqueued++;
    } else {
      await deps.removeSource({ bucket: change.source.bucket, key: change.source.key });
      removed++;
    }
  }
  return { enqueued, removed, ignored };
}
