import type { SearchDatabase } from './database.ts';

/**
 * How a search statement is planned:
 * - `filters`: as PostgreSQL chooses.
 * - `text` (a text match that is rare enough for the GIN index): sequential scans off. A decision's
 *   tsvector lives out of line (migration 0003), and PostgreSQL does not count reading it: under a
 *   LIMIT it would rather test `@@` row by row in table order, reading every tsvector, than use the
 *   GIN index. With a larger work_mem: the GIN bitmap of a broad query (300,000 decisions of three
 *   million) did not fit in 4 MB and went lossy, and every row of a lossy page is checked again, its
 *   out-of-line tsvector read: 6,400 to 37,700 rechecks for 1,000 matches.
 * - `broad-text` (a text match the planner expects of a large fraction of the decisions, see
 *   search.ts): as PostgreSQL chooses. Reading rows in table order, the filters first, finds the
 *   first thousand matches in a few thousand rows, where the GIN index builds a bitmap of every match
 *   first: `wean taper opioid` at a million letters, 330 ms for its 327,811 matches.
 * In every case JIT is off: search statements read a bounded number of rows, but the planner cannot
 * see the bound (a LIMIT over a bitmap, a TABLESAMPLE fraction computed at run time) and estimated
 * the sample of an unfiltered listing past jit_above_cost: 19 ms of JIT compilation for 1,586 rows
 * read in 2 ms.
 */
export type SearchPlan = 'filters' | 'text' | 'broad-text';

const SETTINGS = `SELECT set_config('jit', 'off', true)`;
const TEXT_SETTINGS = `${SETTINGS}, set_config('enable_seqscan', 'off', true), set_config('work_mem', '32MB', true)`;

/** Runs one search statement, planned as `plan` says. */
export async function querySearch<T>(
  db: SearchDatabase,
  plan: SearchPlan,
  sql: string,
  params: unknown[],
): Promise<T[]> {
  return db.transaction(async (tx) => {
    await tx.query(plan === 'text' ? TEXT_SETTINGS : SETTINGS);
    return (await tx.query<T>(sql, params)).rows;
  });
}
