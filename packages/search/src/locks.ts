import { createHash } from 'node:crypto';
import type { Queryable } from './database.ts';

/** A 60-bit advisory lock key (a positive bigint, as text) derived from a namespaced name. */
function lockKey(namespace: string, name: string): bigint {
  const digest = createHash('sha256').update(`${namespace}\0${name}`).digest('hex');
  return BigInt(`0x${digest.slice(0, 15)}`);
}

export const letterLockKey = (letterId: string) => lockKey('letter', letterId);
export const sourceLockKey = (bucket: string, key: string) => lockKey('source', `${bucket}\0${key}`);

/**
 * Takes transaction-scoped advisory locks on the keys, in ascending order so that two writers wanting
 * overlapping sets queue instead of deadlocking. The function scan feeds the aggregate in array
 * order, so the locks are taken in the order given.
 */
export async function lockKeys(tx: Queryable, keys: Iterable<bigint>): Promise<void> {
  const sorted = [...new Set(keys)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  if (sorted.length === 0) return;
  await tx.query('SELECT count(pg_advisory_xact_lock(k::bigint)) FROM unnest($1::text[]) AS k', [
    sorted.map(String),
  ]);
}
