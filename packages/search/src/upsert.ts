import { type Determination, determinationSchema, sha256Hex } from '@imr/contracts';
import semver from 'semver';
import { z } from 'zod';
import type { Queryable, SearchDatabase } from './database.ts';
import { SearchInputError } from './errors.ts';
import { letterLockKey, lockKeys, sourceLockKey } from './locks.ts';
import { withRetry } from './retry.ts';
import { type LetterRows, toRows } from './rows.ts';
import {
  DELETE_DECISIONS,
  DELETE_ORPHANS,
  INSERT_CITATIONS,
  INSERT_DECISIONS,
  SELECT_LETTER_STATES,
  SELECT_SOURCES,
  UPSERT_LETTERS,
  UPSERT_SOURCES,
} from './write-sql.ts';

/** PostgreSQL's integer columns hold sessions and quantities. */
const MAX_INT = 2 ** 31 - 1;
const noNul = (value: string) => !value.includes('\0');
/** A NUL or a UTF-16 surrogate without its pair: text PostgreSQL refuses to store. */
const UNSTORABLE = /\0|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Whether every string inside a JSON value is text PostgreSQL can store. */
function storable(value: unknown): boolean {
  if (typeof value === 'string') return !UNSTORABLE.test(value);
  if (Array.isArray(value)) return value.every(storable);
  if (value !== null && typeof value === 'object') return Object.values(value).every(storable);
  return true;
}

export const sourceRefSchema = z.object({
  bucket: z.string().min(1).max(255).refine(noNul),
  key: z.string().min(1).max(1024).refine(noNul),
  etag: z.string().max(256).refine(noNul).nullable().optional(),
});
export type SourceRef = z.infer<typeof sourceRefSchema>;

export interface LetterInput {
  determination: Determination;
  source: SourceRef;
  /** The letter's SHA-256 when the determination does not carry it. */
  letterId?: string;
  /** When the letter was indexed; defaults to now. */
  indexedAt?: Date;
}

/**
 * - `inserted`: the letter was new.
 * - `updated`: its determination changed (a newer or equal extractor version) and replaced the old one.
 * - `unchanged`: the stored determination is identical; the letter's rows were not written.
 * - `skipped-older`: the stored determination comes from a newer extractor and was kept.
 */
export type UpsertOutcome = 'inserted' | 'updated' | 'unchanged' | 'skipped-older';

/** A letter checked and split into rows, ready to write. */
export interface PreparedLetter {
  rows: LetterRows;
  source: { bucket: string; key: string; etag: string | null };
}

/** Validates one entry and splits it into rows; throws SearchInputError naming `batch[index]`. */
export function prepareLetter(input: LetterInput, index = 0): PreparedLetter {
  const parsed = determinationSchema.safeParse(input.determination);
  if (!parsed.success) throw new SearchInputError('invalid_determination', [`batch[${index}]`]);
  const letterId = parsed.data.letterId ?? input.letterId;
  if (!sha256Hex.safeParse(letterId).success || (input.letterId && input.letterId !== letterId)) {
    throw new SearchInputError('invalid_letter_id', [`batch[${index}]`]);
  }
  if (!semver.valid(parsed.data.extractor.version)) {
    throw new SearchInputError('invalid_determination', [`batch[${index}].extractor.version`]);
  }
  const tooLarge = parsed.data.decisions.some(
    ({ treatment }) => (treatment.sessions ?? 0) > MAX_INT || (treatment.quantity ?? 0) > MAX_INT,
  );
  if (tooLarge) throw new SearchInputError('invalid_determination', [`batch[${index}].decisions`]);
  // Refused here, with the letter's own code, rather than by the server for the whole batch.
  if (!storable(parsed.data)) throw new SearchInputError('invalid_determination', [`batch[${index}]`]);
  const source = sourceRefSchema.safeParse(input.source);
  if (!source.success) throw new SearchInputError('invalid_source', [`batch[${index}]`]);
  const indexedAt = input.indexedAt ?? new Date();
  if (Number.isNaN(indexedAt.getTime()))
    throw new SearchInputError('invalid_source', [`batch[${index}].indexedAt`]);
  return {
    rows: toRows(parsed.data, letterId as string, indexedAt),
    source: { bucket: source.data.bucket, key: source.data.key, etag: source.data.etag ?? null },
  };
}

const sourceId = (s: { bucket: string; key: string }) => JSON.stringify([s.bucket, s.key]);

/**
 * Writes a batch of letters in one transaction, set-based (a handful of statements whatever the
 * batch size). Entries apply in order, so a later entry for the same letter or key wins. A source
 * key that now holds different bytes moves to the new letter; a letter left without sources is
 * removed. Returns one outcome per entry.
 */
export async function upsertLetters(
  db: SearchDatabase,
  batch: readonly LetterInput[],
): Promise<UpsertOutcome[]> {
  return writeLetters(db, batch.map(prepareLetter));
}

/** upsertLetters for entries already through prepareLetter. */
export async function writeLetters(
  db: SearchDatabase,
  batch: readonly PreparedLetter[],
): Promise<UpsertOutcome[]> {
  if (batch.length === 0) return [];
  return withRetry(() => db.transaction((tx) => writeBatch(tx, batch)));
}

async function writeBatch(tx: Queryable, batch: readonly PreparedLetter[]): Promise<UpsertOutcome[]> {
  const letterIds = [...new Set(batch.map((p) => p.rows.letter.id))];
  // Each key's last entry: the letter it ends on.
  const finalSources = new Map(
    batch.map((p) => [sourceId(p.source), { ...p.source, letterId: p.rows.letter.id }]),
  );
  const keys = [...finalSources.values()];
  await lockKeys(tx, [...letterIds.map(letterLockKey), ...keys.map((s) => sourceLockKey(s.bucket, s.key))]);

  const { rows: states } = await tx.query<{ id: string; extractor_version: string; content_hash: string }>(
    SELECT_LETTER_STATES,
    [letterIds],
  );
  const { rows: storedSources } = await tx.query<{
    bucket: string;
    key: string;
    letter_id: string;
    etag: string | null;
  }>(SELECT_SOURCES, [keys.map((s) => s.bucket), keys.map((s) => s.key)]);

  // Apply the entries in order to what is stored, then write only the final state.
  const indexed = new Map(states.map((s) => [s.id, { version: s.extractor_version, hash: s.content_hash }]));
  const current = new Map(indexed);
  const toWrite = new Map<string, LetterRows>();
  const outcomes = batch.map(({ rows }): UpsertOutcome => {
    const { id, extractor_version: version, content_hash: hash } = rows.letter;
    const stored = current.get(id);
    let outcome: UpsertOutcome;
    if (!stored) outcome = 'inserted';
    else if (semver.lt(version, stored.version)) return 'skipped-older';
    else if (stored.hash === hash) return 'unchanged';
    else outcome = 'updated';
    current.set(id, { version, hash });
    toWrite.set(id, rows);
    return outcome;
  });

  const before = new Map(storedSources.map((s) => [sourceId(s), s]));
  const changedSources = keys.filter((s) => {
    const stored = before.get(sourceId(s));
    return !stored || stored.letter_id !== s.letterId || stored.etag !== s.etag;
  });
  const inBatch = new Set(letterIds);
  const displaced = [...new Set(storedSources.map((s) => s.letter_id))].filter((id) => !inBatch.has(id));
  await lockKeys(tx, displaced.map(letterLockKey));

  if (toWrite.size > 0) {
    const written = [...toWrite.values()];
    // A new letter has no rows to replace.
    const replaced = [...toWrite.keys()].filter((id) => indexed.has(id));
    if (replaced.length > 0) await tx.query(DELETE_DECISIONS, [replaced]);
    await tx.query(UPSERT_LETTERS, [JSON.stringify(written.map((r) => r.letter))]);
    const decisions = written.flatMap((r) => r.decisions);
    if (decisions.length > 0) await tx.query(INSERT_DECISIONS, [JSON.stringify(decisions)]);
    const citations = written.flatMap((r) => r.citations);
    if (citations.length > 0) await tx.query(INSERT_CITATIONS, [JSON.stringify(citations)]);
  }
  if (changedSources.length > 0) {
    await tx.query(UPSERT_SOURCES, [
      changedSources.map((s) => s.bucket),
      changedSources.map((s) => s.key),
      changedSources.map((s) => s.letterId),
      changedSources.map((s) => s.etag),
    ]);
    // A letter whose last key now holds other bytes is gone (including one written earlier in this
    // batch). Only a letter that lost a key here, or that no key of this batch ends on, can be left
    // without one.
    const holders = new Set(keys.map((s) => s.letterId));
    const lostKey = changedSources.flatMap((s) => {
      const stored = before.get(sourceId(s));
      return stored && stored.letter_id !== s.letterId ? [stored.letter_id] : [];
    });
    const mayBeOrphans = new Set([...lostKey, ...letterIds.filter((id) => !holders.has(id))]);
    if (mayBeOrphans.size > 0) await tx.query(DELETE_ORPHANS, [[...mayBeOrphans]]);
  }
  return outcomes;
}
