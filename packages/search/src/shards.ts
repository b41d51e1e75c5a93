/**
 * A text match reads the GIN index of decisions.document in shards (migration 0006): one partial
 * index per first hex digit of the letter id, and one over ids that start `00`. Letter ids are
 * SHA-256 digests, so each shard holds an even share of the letters, and the `00` index is a sample
 * of 1/256 of them.
 *
 * Why: a GIN bitmap is built whole before its first row is read. A broad match (`wean taper opioid`,
 * 330,000 decisions of three million) spent 300 ms building it, to read the 1,001 matches a page and
 * its counts need. Read scope by scope, smallest first, the search stops in the first scope that
 * holds enough matches, and a rare match still reads every shard's small bitmap.
 */

const HEX = [...'0123456789abcdef'];

/** The sample: letters whose id starts `00`, 1/256 of them. */
const SAMPLE = `left(d.letter_id, 2) = '00'`;

/**
 * The parts of the table a text match reads, in this order: the sample, the rest of its shard, then
 * the other shards. Together they hold every decision once. Each condition names its partial index's
 * predicate word for word, which is how the planner knows it may use that index.
 */
export const MATCH_SCOPES: readonly string[] = [
  SAMPLE,
  `left(d.letter_id, 1) = '0' AND left(d.letter_id, 2) <> '00'`,
  ...HEX.slice(1).map((h) => `left(d.letter_id, 1) = '${h}'`),
];

/**
 * How much of the table a sample can be: 1/256 (the first scope), 1/16 (the first two: shard `0`), or
 * all of it.
 */
export const SAMPLE_SHARES = [256, 16, 1] as const;

/**
 * One SELECT a scope, run in scope order (an Append under a LIMIT stops pulling from its branches
 * once it has enough rows). `select(scope)` writes one branch; the conditions a branch adds to its
 * scope must not name another index's predicate.
 */
export function unionOfScopes(scopes: readonly string[], select: (scope: string) => string): string {
  return scopes.map(select).join('\nUNION ALL\n');
}
