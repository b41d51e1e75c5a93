import { createHash } from 'node:crypto';
import type { LetterPayload, ObjectRef, WorkerStage } from '@imr/contracts';

function hash(parts: (string | null)[], length: number): string {
  const h = createHash('sha256');
  for (const part of parts) h.update(part ?? '').update('\0');
  return h.digest('hex').slice(0, length);
}

/**
 * Identifies a source object version by bucket, key and ETag: the same key with new content is a new
 * version. (Version ids are left out: listings used by backfill do not carry them, events may.)
 */
export function sourceVersionHash(source: ObjectRef): string {
  return hash([source.bucket, source.key, source.etag], 32);
}

/**
 * Deterministic job ids: a duplicate event, a redelivery or a replay adds nothing new.
 * BullMQ ids may not contain ':'; these use only [a-z0-9-].
 */
export function ingestJobId(source: ObjectRef, runId?: string): string {
  return `ingest-${sourceVersionHash(source)}${runId ? `-${runId}` : ''}`;
}

/** Letter hash + stage (+ which source, since one letter can arrive under two keys) (+ reprocess run). */
export function stageJobId(stage: Exclude<WorkerStage, 'ingest'>, payload: LetterPayload): string {
  const source = hash([payload.source.bucket, payload.source.key], 16);
  const run = payload.runId ? `-${payload.runId}` : '';
  return `${stage}-${payload.letterId}-${source}${run}`;
}
