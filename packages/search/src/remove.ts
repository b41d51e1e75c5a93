import type { SearchDatabase } from './database.ts';
import { SearchInputError } from './errors.ts';
import { letterLockKey, lockKeys, sourceLockKey } from './locks.ts';
import { withRetry } from './retry.ts';
import { type SourceRef, sourceRefSchema } from './upsert.ts';
import { DELETE_ORPHANS } from './write-sql.ts';

export interface RemoveSourceResult {
  /** Whether the index knew the key. */
  sourceRemoved: boolean;
  /** Whether the letter went with it (the key was its last source). */
  letterRemoved: boolean;
  letterId: string | null;
}

/** Forgets a key (the object was deleted); its letter goes too when no other key holds the same bytes. */
export async function removeSource(
  db: SearchDatabase,
  source: Pick<SourceRef, 'bucket' | 'key'>,
): Promise<RemoveSourceResult> {
  const parsed = sourceRefSchema.pick({ bucket: true, key: true }).safeParse(source);
  if (!parsed.success) throw new SearchInputError('invalid_source', ['source']);
  const { bucket, key } = parsed.data;
  return withRetry(() =>
    db.transaction(async (tx) => {
      await lockKeys(tx, [sourceLockKey(bucket, key)]);
      const { rows } = await tx.query<{ letter_id: string }>(
        'SELECT letter_id FROM letter_sources WHERE bucket = $1 AND key = $2',
        [bucket, key],
      );
      const letterId = rows[0]?.letter_id;
      if (!letterId) return { sourceRemoved: false, letterRemoved: false, letterId: null };
      await lockKeys(tx, [letterLockKey(letterId)]);
      await tx.query('DELETE FROM letter_sources WHERE bucket = $1 AND key = $2', [bucket, key]);
      const { rows: removed } = await tx.query(DELETE_ORPHANS, [[letterId]]);
      return { sourceRemoved: true, letterRemoved: removed.length > 0, letterId };
    }),
  );
}
