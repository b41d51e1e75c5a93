import type { Queryable } from './database.ts';
import { filterConditions, Params, whereClause } from './filters.ts';
import { type FiltersInput, filtersSchema, parseInput } from './inputs.ts';

/** Decisions in a group; the rate is overturned / (upheld + overturned), null when neither occurs. */
export interface OutcomeCounts {
  decisions: number;
  upheld: number;
  overturned: number;
  /** Decisions whose outcome the extractor could not tell. */
  undecided: number;
  overturnRate: number | null;
}

export interface StatsGroup extends OutcomeCounts {
  key: string;
}

export interface Stats {
  letters: number;
  totals: OutcomeCounts;
  byCategory: StatsGroup[];
  /** A decision counts once for each guideline body it cites. */
  byGuideline: StatsGroup[];
  /** A decision counts once for each of its reviewer's certifications and specialties. */
  byReviewerSpecialty: StatsGroup[];
  /** The decision year, or the year the letter was indexed when it has no decision date. */
  byYear: StatsGroup[];
}

const COUNTS = `count(*)::int AS decisions,
  count(*) FILTER (WHERE d.outcome = 'upheld')::int AS upheld,
  count(*) FILTER (WHERE d.outcome = 'overturned')::int AS overturned,
  count(*) FILTER (WHERE d.outcome IS NULL)::int AS undecided`;

interface Row {
  dimension: string;
  key: string | null;
  letters: number;
  decisions: number;
  upheld: number;
  overturned: number;
  undecided: number;
}

/**
 * Counted rows past which a stats read folds them into one row per group. The writers fold them as
 * they go (migration 0005), so a read rarely finds this many.
 */
const COMPACT_AFTER_ROWS = 5_000;

/**
 * Overturn rates by category, guideline body, reviewer specialty and year, under optional filters.
 * Without filters they are read from decision_counts (kept by triggers as decisions change: a few
 * hundred rows, whatever the number of letters); with filters, counted from the decisions.
 */
export async function stats(db: Queryable, input?: FiltersInput): Promise<Stats> {
  const filters = parseInput(filtersSchema, input);
  const params = new Params();
  const conditions = filterConditions(filters, params);
  const rows = conditions.length ? await countDecisions(db, conditions, params) : await readCounts(db);
  return statsOf(rows);
}

/** Sums the counted deltas per group; folds them together when there are many. */
async function readCounts(db: Queryable): Promise<Row[]> {
  const { rows } = await db.query<Row & { parts: number }>(`
SELECT dimension, key, sum(letters)::int AS letters, sum(decisions)::int AS decisions,
  sum(upheld)::int AS upheld, sum(overturned)::int AS overturned, sum(undecided)::int AS undecided,
  count(*)::int AS parts
FROM decision_counts GROUP BY dimension, key
HAVING sum(decisions) <> 0 OR dimension = 'total'`);
  if (rows.reduce((n, r) => n + r.parts, 0) > COMPACT_AFTER_ROWS) await compactDecisionCounts(db);
  return rows;
}

/**
 * Folds decision_counts into one row per group (fold_decision_counts, migration 0005, with no bound).
 * Safe beside writers: it deletes only the rows its snapshot sees and inserts their sums in the same
 * statement; deltas committed meanwhile stay. It skips the rows a writer is folding (the writers fold
 * too, see the migration) rather than wait for that writer's transaction.
 */
export async function compactDecisionCounts(db: Queryable): Promise<void> {
  await db.query('SELECT fold_decision_counts(NULL)');
}

/** The stats without filters counted from the decisions themselves (what decision_counts must equal). */
export async function statsCountedFromDecisions(db: Queryable): Promise<Stats> {
  return statsOf(await countDecisions(db, [], new Params()));
}

async function countDecisions(db: Queryable, conditions: string[], params: Params): Promise<Row[]> {
  const where = whereClause(conditions);
  const sql = `
WITH m AS MATERIALIZED (
  SELECT d.letter_id, d.outcome, d.category, d.specialties, d.citation_bodies,
    extract(year FROM d.recency_date)::int::text AS year
  FROM decisions d
  ${where}
)
SELECT 'total' AS dimension, NULL AS key, count(DISTINCT d.letter_id)::int AS letters, ${COUNTS} FROM m d
UNION ALL SELECT 'category', d.category, 0, ${COUNTS} FROM m d GROUP BY d.category
UNION ALL
SELECT 'guideline', b.body, 0, ${COUNTS} FROM m d CROSS JOIN LATERAL unnest(d.citation_bodies) AS b(body) GROUP BY b.body
UNION ALL SELECT 'specialty', s.name, 0, ${COUNTS} FROM m d CROSS JOIN LATERAL unnest(d.specialties) AS s(name) GROUP BY s.name
UNION ALL SELECT 'year', d.year, 0, ${COUNTS} FROM m d GROUP BY d.year`;
  return (await db.query<Row>(sql, params.values)).rows;
}

function statsOf(rows: Row[]): Stats {
  const groups = (dimension: string) =>
    rows
      .filter((r) => r.dimension === dimension && r.key !== null)
      .map((r) => ({ key: r.key as string, ...counts(r) }))
      .sort((a, b) => b.decisions - a.decisions || a.key.localeCompare(b.key));
  const total = rows.find((r) => r.dimension === 'total');
  return {
    letters: total?.letters ?? 0,
    totals: counts(total),
    byCategory: groups('category'),
    byGuideline: groups('guideline'),
    byReviewerSpecialty: groups('specialty'),
    byYear: groups('year').sort((a, b) => a.key.localeCompare(b.key)),
  };
}

function counts(row: Row | undefined): OutcomeCounts {
  const upheld = row?.upheld ?? 0;
  const overturned = row?.overturned ?? 0;
  return {
    decisions: row?.decisions ?? 0,
    upheld,
    overturned,
    undecided: row?.undecided ?? 0,
    overturnRate: upheld + overturned > 0 ? overturned / (upheld + overturned) : null,
  };
}
