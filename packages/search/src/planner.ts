import type { SearchDatabase } from './database.ts';

/**
 * Runs a statement that matches decisions' text with sequential scans off while it is planned.
 * A decision's tsvector lives out of line (migration 0003), and PostgreSQL does not count reading it:
 * under a LIMIT it would rather test `@@` row by row in table order, reading every tsvector, than use
 * the GIN index. With a text match the index is always the better path. Anything else runs as it is.
 */
export async function queryMatching<T>(
  db: SearchDatabase,
  textMatch: boolean,
  sql: string,
  params: unknown[],
): Promise<T[]> {
  if (!textMatch) return (await db.query<T>(sql, params)).rows;
  return db.transaction(async (tx) => {
    await tx.query("SELECT set_config('enable_seqscan', 'off', true)");
    return (await tx.query<T>(sql, params)).rows;
  });
}
