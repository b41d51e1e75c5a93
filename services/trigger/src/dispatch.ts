import type { PipelineQueues } from '@imr/queue';
import type { ObjectStore } from '@imr/storage';
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
  /** Called for removed objects: drops the source from the index (idempotent). */
  removeSource: (source: { bucket: string; key: string }) => Promise<unknown>;
  /**
   * When given, a removal is acted on only if the key really holds nothing now: events arrive
   * out of order, and a delete delivered after the key was written again must not drop the new letter.
   */
  objects?: Pick<ObjectStore, 'head'>;
  filter?: KeyFilter;
}

export interface DispatchCounts {
  enqueued: number;
  removed: number;
  /** Removal events for keys that hold an object again (a later write won). */
  kept: number;
  ignored: number;
}

/**
 * Whether the index refused a source it can never hold (its SearchInputError: a key with a NUL
 * character, which PostgreSQL text cannot store): there is nothing of it to remove, and a sender
 * told to deliver the event again would be told so forever.
 */
function refusedByIndex(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { name?: unknown }).name === 'SearchInputError';
}

/**
 * Acts on object changes: created -> ingest (deduplicated by key + ETag through the job id),
 * removed -> the source leaves the index. Returns what was done, for the caller's response.
 * Any failure propagates, so the sender (which sees an error) delivers the event again, except the
 * index refusing a removed key it could never have held (counted as ignored).
 */
export async function dispatchChanges(changes: ObjectChange[], deps: DispatchDeps): Promise<DispatchCounts> {
  const counts: DispatchCounts = { enqueued: 0, removed: 0, kept: 0, ignored: 0 };
  for (const change of changes) {
    const { bucket, key } = change.source;
    if (!matchesFilter(key, deps.filter ?? {}, bucket)) {
      counts.ignored++;
    } else if (change.kind === 'created') {
      await deps.queues.enqueueIngest({
        source: change.source,
        trigger: 'event',
        seenAt: change.eventTime ?? new Date().toISOString(),
      });
      counts.enqueued++;
    } else if (deps.objects && (await deps.objects.head(bucket, key))) {
      counts.kept++;
    } else {
      try {
        await deps.removeSource({ bucket, key });
        counts.removed++;
      } catch (err) {
        if (!refusedByIndex(err)) throw err;
        counts.ignored++;
      }
    }
  }
  return counts;
}
