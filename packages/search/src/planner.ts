import type { SearchDatabase } from './database.ts';

/**
 * How a search statement is planned:
 * - `filters` (no text match): as PostgreSQL chooses.
 * - `text`: sequential scans off. A decision's tsvector lives out of line (migration 0003), and
 *   PostgreSQL does not count reading it: under a LIMIT it would rather test `@@` row by row in table
 *   order, reading every tsvector, than use the GIN index. With a larger work_mem: the GIN bitmap of
 *   a broad query (300,000 decisions of three million) did not fit in 4 MB and went lossy, and every
 *   row of a lossy page is checked again, its out-of-line tsvector read: 6,400 to 37,700 rechecks for
 *   1,000 matches. Without parallel workers: the statement reads the index part by part, in order
 *   (shards.ts), and stops once it has enough; a parallel append would read the parts in a different
 *   order from one call to the next (pages from a cursor would skip or repeat hits, and the parts
 *   read to the end, an estimate's sample, would change). The settings come with the connection (a
 *   pool of its own on PostgreSQL: QueryOptions.settings), so a text search is one round trip, not
 *   four (BEGIN, the settings, the statement, COMMIT: `ketamine` at a million letters went from 16.3
 *   to 14.1 ms). Prepared, and planned once a connection (a generic plan): planning the statement's
 *   branches (seventeen in its first version, seven now) took 3 ms, longer than running a rare match. A text match's SQL depends on which of its five
 *   indexed filters are set, not on their values, nor on the dates (filters.ts): a connection keeps
 *   at most 128 such statements (32 sets of filters, with or without a cursor, with or without
 *   exactLimit), a few in practice. PGlite runs them unnamed, planned on each call.
 */
export type SearchPlan = 'filters' | 'text';

/** What a text statement runs under (the reasons above); no other statement does. */
export const TEXT_SETTINGS: Readonly<Record<string, string>> = {
  enable_seqscan: 'off',
  work_mem: '32MB',
  max_parallel_workers_per_gather: '0',
  plan_cache_mode: 'force_generic_plan',
};

/** Runs one search statement, planned as `plan` says. */
export async function querySearch<T>(
  db: SearchDatabase,
  plan: SearchPlan,
  sql: string,
  params: unknown[],
): Promise<T[]> {
  if (plan === 'filters') return (await db.query<T>(sql, params)).rows;
  return (await db.query<T>(sql, params, { prepare: true, settings: TEXT_SETTINGS })).rows;
}
