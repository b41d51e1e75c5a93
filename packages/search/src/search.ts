import {
  CITATION_BODIES,
  OUTCOMES,
  type Outcome,
  TREATMENT_CATEGORIES,
  type TreatmentCategory,
} from '@imr/contracts';
import { type CursorPosition, cursorScope, decodeCursor, encodeCursor } from './cursor.ts';
import type { Queryable } from './database.ts';
import { SearchInputError } from './errors.ts';
import { filterConditions, Params, whereClause } from './filters.ts';
import { filtersOf, parseInput, type SearchQuery, searchQuerySchema } from './inputs.ts';
import { MATCH_END, MATCH_START, parseSnippet, type SnippetPart } from './snippet.ts';

export interface SearchHit {
  letterId: string;
  /** The decision's position in its letter (0-based). */
  ordinal: number;
  caseNumber: string | null;
  item: string;
  outcome: Outcome | null;
  category: TreatmentCategory;
  drug: string | null;
  sessions: number | null;
  quantity: number | null;
  decisionDate: string | null;
  injuryDate: string | null;
  reviewerSpecialties: string[];
  /** ts_rank_cd of the match; null when listing without a query. */
  rank: number | null;
  snippet: SnippetPart[];
}

/** Decision counts per value under the current query and filters; `none` counts a null outcome. */
export interface Facets {
  outcome: Record<string, number>;
  category: Record<string, number>;
  citationBody: Record<string, number>;
}

export interface SearchPage {
  hits: SearchHit[];
  /** Decisions matching the query and filters. */
  total: number;
  /** Distinct letters among them. */
  letters: number;
  facets: Facets;
  /** Pass back as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

const HEADLINE_OPTIONS = `StartSel=${MATCH_START}, StopSel=${MATCH_END}, MaxWords=35, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "`;
const LISTING_SNIPPET_CHARS = 240;

interface HitRow {
  letter_id: string;
  ordinal: number;
  sort_value: string;
  rank: number | null;
  case_number: string | null;
  item: string;
  outcome: Outcome | null;
  category: TreatmentCategory;
  drug: string | null;
  sessions: number | null;
  quantity: number | null;
  decision_date: string | null;
  injury_date: string | null;
  specialties: string[];
  snippet: string;
}

/**
 * Full-text search over decisions (websearch syntax, ranked by ts_rank_cd) with filters, facets and
 * keyset pagination; an empty query lists the filtered decisions, most recent letters first.
 * Throws SearchInputError for invalid input before any SQL runs.
 */
export async function search(db: Queryable, input: SearchQuery): Promise<SearchPage> {
  const query = parseInput(searchQuerySchema, input);
  const filters = filtersOf(query);
  const order = query.q ? 'rank' : 'recency';
  const scope = cursorScope({ q: query.q, filters });
  const after = query.cursor ? decodeCursor(query.cursor, scope) : null;
  if (after && after.order !== order) throw new SearchInputError('invalid_cursor', ['cursor']);

  const [rows, facetRow] = await Promise.all([
    db.query<HitRow>(...pageSql(query.q, filters, query.limit, after)).then((r) => r.rows),
    db.query<Record<string, number>>(...facetSql(query.q, filters)).then((r) => r.rows[0]),
  ]);

  const hits = rows.slice(0, query.limit).map(toHit);
  const last = rows.length > query.limit ? rows[query.limit - 1] : undefined;
  const nextCursor = last
    ? encodeCursor(scope, { order, value: last.sort_value, letterId: last.letter_id, ordinal: last.ordinal })
    : null;
  return { hits, nextCursor, ...toFacets(facetRow) };
}

type Filters = ReturnType<typeof filtersOf>;

/** The text-search match (when there is a query) and the filters; `tsquery` is the query's SQL. */
function matchConditions(q: string, filters: Filters, params: Params) {
  const tsquery = q ? `websearch_to_tsquery('english', ${params.add(q)})` : null;
  const conditions = tsquery ? [`d.document @@ ${tsquery}`] : [];
  return { tsquery, conditions: [...conditions, ...filterConditions(filters, params)] };
}

function pageSql(
  q: string,
  filters: Filters,
  limit: number,
  after: CursorPosition | null,
): [string, unknown[]] {
  const params = new Params();
  const { tsquery, conditions } = matchConditions(q, filters, params);
  const sortExpr = tsquery ? `ts_rank_cd(d.document, ${tsquery})` : 'd.recency_date';
  let keyset = '';
  if (after) {
    const value = `${params.add(after.value)}::${tsquery ? 'real' : 'date'}`;
    const key = `(${params.add(after.letterId)}, ${params.add(after.ordinal)}::int)`;
    keyset = `WHERE m.sort < ${value} OR (m.sort = ${value} AND (m.letter_id, m.ordinal) > ${key})`;
  }
  const snippet = tsquery
    ? `ts_headline('english', concat_ws(E'\\n', d.item, d.reviewer_basis, d.rationale), ${tsquery}, ${params.add(HEADLINE_OPTIONS)})`
    : `left(coalesce(d.rationale, d.item), ${LISTING_SNIPPET_CHARS})`;
  const sql = `
WITH matches AS (
  SELECT d.letter_id, d.ordinal, ${sortExpr} AS sort
  FROM decisions d
  ${whereClause(conditions)}
),
page AS (
  SELECT m.letter_id, m.ordinal, m.sort FROM matches m
  ${keyset}
  ORDER BY m.sort DESC, m.letter_id, m.ordinal
  LIMIT ${params.add(limit + 1)}
)
SELECT
  p.letter_id, p.ordinal, p.sort::text AS sort_value, ${q ? 'p.sort' : 'NULL::real'} AS rank,
  l.case_number, d.item, d.outcome, d.category, d.drug, d.sessions, d.quantity,
  d.decision_date::text AS decision_date, d.injury_date::text AS injury_date, d.specialties,
  ${snippet} AS snippet
FROM page p
JOIN decisions d ON d.letter_id = p.letter_id AND d.ordinal = p.ordinal
JOIN letters l ON l.id = p.letter_id
ORDER BY p.sort DESC, p.letter_id, p.ordinal`;
  return [sql, params.values];
}

/** Each facet value as a FILTER aggregate: one pass over the matches counts them all. */
const FACET_COUNTS: Array<[keyof Facets, string, string]> = [
  ...OUTCOMES.map((o): [keyof Facets, string, string] => ['outcome', o, `d.outcome = '${o}'`]),
  ['outcome', 'none', 'd.outcome IS NULL'],
  ...TREATMENT_CATEGORIES.map((c): [keyof Facets, string, string] => ['category', c, `d.category = '${c}'`]),
  ...CITATION_BODIES.map((b): [keyof Facets, string, string] => [
    'citationBody',
    b,
    `'${b}' = ANY(d.citation_bodies)`,
  ]),
];

function facetSql(q: string, filters: Filters): [string, unknown[]] {
  const params = new Params();
  const { conditions } = matchConditions(q, filters, params);
  const counts = FACET_COUNTS.map(
    ([, , condition], i) => `count(*) FILTER (WHERE ${condition})::int AS f${i}`,
  );
  const sql = `
SELECT count(*)::int AS total, count(DISTINCT d.letter_id)::int AS letters, ${counts.join(', ')}
FROM decisions d
${whereClause(conditions)}`;
  return [sql, params.values];
}

function toHit(row: HitRow): SearchHit {
  return {
    letterId: row.letter_id,
    ordinal: row.ordinal,
    caseNumber: row.case_number,
    item: row.item,
    outcome: row.outcome,
    category: row.category,
    drug: row.drug,
    sessions: row.sessions,
    quantity: row.quantity,
    decisionDate: row.decision_date,
    injuryDate: row.injury_date,
    reviewerSpecialties: row.specialties,
    rank: row.rank === null ? null : Number(row.rank),
    snippet: parseSnippet(row.snippet ?? ''),
  };
}

function toFacets(row: Record<string, number> | undefined) {
  const facets: Facets = { outcome: {}, category: {}, citationBody: {} };
  FACET_COUNTS.forEach(([facet, value], i) => {
    const count = row?.[`f${i}`] ?? 0;
    if (count > 0) facets[facet][value] = count;
  });
  return { total: row?.total ?? 0, letters: row?.letters ?? 0, facets };
}
