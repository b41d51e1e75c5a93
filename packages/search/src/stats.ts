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

/** Overturn rates by category, guideline body, reviewer specialty and year, under optional filters. */
export async function stats(db: Queryable, input?: FiltersInput): Promise<Stats> {
  const filters = parseInput(filtersSchema, input);
  const params = new Params();
  const where = whereClause(filterConditions(filters, params));
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
  const { rows } = await db.query<Row>(sql, params.values);

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
