/**
 * A text match reads the GIN index of decisions.document in parts (migrations 0006 and 0007, which
 * adds the filters but the dates to each part's index: filters.ts): seven partial indexes by the
 * letter id's first hex digits, ids that start `00` (1/256 of the letters), `01` to
 * `03`, `04` to `0f`, then `1` to `3`, `4` to `7`, `8` to `b` and `c` to `f`. Letter ids are SHA-256
 * digests, so each part holds its share of the letters, and the first parts are fair samples of them.
 *
 * Why: a GIN bitmap is built whole before its first row is read. A broad match (`wean taper opioid`,
 * 330,000 decisions of three million) spent 300 ms building it, to read the 1,001 matches a page and
 * its counts need. Read part by part, smallest first, the search stops in the first part that holds
 * enough matches; a rare match reads every part's small bitmap. Seven parts, not more: each part is
 * a branch to plan and an index to open, which a small table pays for on every search (PGlite plans
 * each call).
 */

/** A part of the table a text match reads. */
export interface MatchScope {
  /** SQL over `decisions d`: its partial index's predicate, word for word (the planner needs that). */
  condition: string;
  /** Its part of the letters, in 256ths. */
  part: number;
}

/**
 * The parts of the table a text match reads, in this order: 1/256 of the letters, 3/256 more (1/64
 * so far), 12/256 more (1/16), 3/16 more (1/4), then a quarter at a time. Together they hold every
 * decision once. Each part holds at most four times the letters of all before it: a match that found
 * too few in the parts before builds a bitmap not much larger than the rows it still needs.
 */
export const MATCH_SCOPES: readonly MatchScope[] = [
  { condition: `left(d.letter_id, 2) = '00'`, part: 1 },
  { condition: `left(d.letter_id, 2) IN ('01', '02', '03')`, part: 3 },
  {
    condition: `left(d.letter_id, 1) = '0' AND left(d.letter_id, 2) NOT IN ('00', '01', '02', '03')`,
    part: 12,
  },
  { condition: `left(d.letter_id, 1) IN ('1', '2', '3')`, part: 48 },
  { condition: `left(d.letter_id, 1) IN ('4', '5', '6', '7')`, part: 64 },
  { condition: `left(d.letter_id, 1) IN ('8', '9', 'a', 'b')`, part: 64 },
  { condition: `left(d.letter_id, 1) IN ('c', 'd', 'e', 'f')`, part: 64 },
];

/**
 * How many times the letters of the scopes before `scope` the table holds (256 before scope 1, 64
 * before scope 2, 16 before scope 3, 4 before scope 4, 2 before scope 5...): the factor that scales
 * counts over those scopes up to the whole table. Letter ids are digests, so any scope's letters are
 * a fair sample.
 */
export function shareBefore(scope: number): number {
  const parts = MATCH_SCOPES.slice(0, scope).reduce((n, s) => n + s.part, 0);
  return 256 / parts;
}

/**
 * One SELECT a scope, run in scope order (an Append under a LIMIT stops pulling from its branches
 * once it has enough rows). `select(scope, index)` writes one branch; the conditions a branch adds
 * to its scope's must not name another index's predicate.
 */
export function unionOfScopes(select: (scope: MatchScope, index: number) => string): string {
  return MATCH_SCOPES.map(select).join('\nUNION ALL\n');
}
