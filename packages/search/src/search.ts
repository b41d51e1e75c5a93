import {
  CITATION_BODIES,
  OUTCOMES,
  type Outcome,
  TREATMENT_CATEGORIES,
  type TreatmentCategory,
} from '@imr/contracts';
import { type CursorPosition, cursorScope, decodeCursor, encodeCursor } from './cursor.ts';
import type { SearchDatabase } from './database.ts';
import { SearchInputError } from './errors.ts';
import { filterConditions, Params, whereClause } from './filters.ts';
import { filtersOf, parseInput, type SearchQuery, searchQuerySchema } from './inputs.ts';
import { querySearch, type SearchPlan } from './planner.ts';
import { MATCH_SCOPES, type MatchScope, shareBefore, unionOfScopes } from './shards.ts';
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
  /** Decisions matching the query and filters (an estimate when `exact` is false). */
  total: number;
  /** Distinct letters among them (an estimate when `exact` is false). */
  letters: number;
  facets: Facets;
  /**
   * True when total, letters and facets are counts of every match. False when more than
   * `exactLimit` decisions match: the counts are then scaled up from a sample (a text match: the
   * parts of the letters it read to the end; a listing: pages of the table), and the hits are the
   * best-ranked among the first `exactLimit` matches found.
   */
  exact: boolean;
  /** Pass back as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

/** How much work one search may do: bounds that keep broad queries fast. */
export interface SearchLimits {
  /** Matches counted, faceted and ranked exactly; beyond it, counts are estimated. Null: no bound. */
  exactLimit?: number | null;
  /**
   * About how many decisions a listing's estimate samples (whole pages, `TABLESAMPLE SYSTEM`). A text
   * match estimates from the parts of the letters it read to the end (shards.ts).
   */
  sampleRows?: number;
}

export const DEFAULT_EXACT_LIMIT = 1_000;
export const DEFAULT_SAMPLE_ROWS = 1_500;

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
export async function search(
  db: SearchDatabase,
  input: SearchQuery,
  limits: SearchLimits = {},
): Promise<SearchPage> {
  const exactLimit = limits.exactLimit === undefined ? DEFAULT_EXACT_LIMIT : limits.exactLimit;
  const sampleRows = limits.sampleRows ?? DEFAULT_SAMPLE_ROWS;
  const query = parseInput(searchQuerySchema, input);
  const filters = filtersOf(query);
  const order = query.q ? 'rank' : 'recency';
  const scope = cursorScope({ q: query.q, filters });
  const after = query.cursor ? decodeCursor(query.cursor, scope) : null;
  if (after && after.order !== order) throw new SearchInputError('invalid_cursor', ['cursor']);

  const plan: SearchPlan = query.q ? 'text' : 'filters';
  let rows: HitRow[];
  let counts: Omit<SearchPage, 'hits' | 'nextCursor'>;
  if (plan === 'filters') {
    // A listing walks the recency index for its page, beside its counts (listingCounts).
    [rows, counts] = await Promise.all([
      querySearch<HitRow>(db, plan, ...pageSql(query.q, filters, query.limit, after, exactLimit)),
      listingCounts(db, filters, exactLimit, sampleRows),
    ]);
  } else {
    // A text match is found once (its GIN bitmap is most of the work), then ranked and counted.
    const found = await querySearch<HitRow & TextSamples & { counts: Record<string, number> }>(
      db,
      plan,
      ...pageSql(query.q, filters, query.limit, after, exactLimit),
    );
    const counted = found[0]?.counts;
    rows = found.filter((r) => r.letter_id !== null);
    if (exactLimit === null || (counted?.total ?? 0) <= exactLimit) counts = toFacets(counted);
    else counts = textEstimate(found[0], counted, exactLimit);
  }

  const hits = rows.slice(0, query.limit).map(toHit);
  const last = rows.length > query.limit ? rows[query.limit - 1] : undefined;
  const nextCursor = last
    ? encodeCursor(scope, { order, value: last.sort_value, letterId: last.letter_id, ordinal: last.ordinal })
    : null;
  return { hits, nextCursor, ...counts };
}

type Filters = ReturnType<typeof filtersOf>;

/** What a text match's statement counts for an estimate (textEstimate); null without an exactLimit. */
interface TextSamples {
  /** Over the scopes read to the end, and the last scope read (`last_scope`). */
  completed: Record<string, number> | null;
  /**
   * Over the whole first scope when the statement found all it needed there; zeros otherwise (the
   * scan was skipped).
   */
  first_scope: Record<string, number> | null;
}

/**
 * The filters and the text-search match (when there is a query); `tsquery` is the query's SQL. The
 * match comes last: PostgreSQL tests conditions of equal cost in the order given, and the filters
 * read the row while the match reads its out-of-line tsvector.
 *
 * The tsquery is a subquery, so it is parsed once where it is used (an InitPlan), not once a row: in
 * a generic plan (planner.ts) a function of a parameter is not folded, and finding and ranking 1,001
 * matches parsed the query for each of them.
 */
function matchConditions(q: string, filters: Filters, params: Params) {
  const tsquery = q ? `(SELECT websearch_to_tsquery('english', ${params.add(q)}))` : null;
  const conditions = filterConditions(filters, params, { textMatch: q !== '' });
  return { tsquery, conditions: tsquery ? [...conditions, `d.document @@ ${tsquery}`] : conditions };
}

function pageSql(
  q: string,
  filters: Filters,
  limit: number,
  after: CursorPosition | null,
  exactLimit: number | null,
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
  // With a text match, the matches are found once (at most exactLimit + 1, in the order found, scope
  // by scope: shards.ts) and counted with the facets; under an exactLimit, also what an estimate
  // needs (samplesSql). The page ranks the first exactLimit of them. Every row carries the counts,
  // and there is one row, without a hit, when the page is empty. The first scope is a CTE of its
  // own, read on past the matches found only when an estimate needs all of it (textEstimate); its
  // rows carry the tsvector's reference, so only the rows found are ranked.
  const reachable = tsquery && exactLimit !== null ? params.add(exactLimit) : null;
  const [first] = MATCH_SCOPES as [MatchScope];
  const matches = tsquery
    ? `first AS MATERIALIZED (
  SELECT d.letter_id, d.ordinal, d.outcome, d.category, d.citation_bodies, d.document
  FROM decisions d
  ${whereClause([first.condition, ...conditions])}
),
found AS MATERIALIZED (
  SELECT f.* FROM (
    ${unionOfScopes((scope, index) =>
      index === 0
        ? `SELECT d.letter_id, d.ordinal, d.outcome, d.category, d.citation_bodies,
      ${sortExpr} AS sort, 0 AS scope
    FROM first d`
        : `SELECT d.letter_id, d.ordinal, d.outcome, d.category, d.citation_bodies,
      ${sortExpr} AS sort, ${index} AS scope
    FROM decisions d
    ${whereClause([scope.condition, ...conditions])}`,
    )}
  ) f
  ${reachable ? `LIMIT ${reachable}::int + 1` : ''}
),
counted AS (SELECT ${COUNT_COLUMNS} FROM found d),${reachable ? samplesSql(reachable) : ''}
matches AS (
  SELECT f.letter_id, f.ordinal, f.sort FROM found f
  ${reachable ? `LIMIT ${reachable}` : ''}
)`
    : `matches AS (
  SELECT d.letter_id, d.ordinal, ${sortExpr} AS sort
  FROM decisions d
  ${whereClause(conditions)}
)`;
  const hits = `
SELECT
  p.letter_id, p.ordinal, p.sort, p.sort::text AS sort_value, ${q ? 'p.sort' : 'NULL::real'} AS rank,
  l.case_number, d.item, d.outcome, d.category, d.drug, d.sessions, d.quantity,
  d.decision_date::text AS decision_date, d.injury_date::text AS injury_date, d.specialties,
  ${snippet} AS snippet
FROM page p
JOIN decisions d ON d.letter_id = p.letter_id AND d.ordinal = p.ordinal
JOIN letters l ON l.id = p.letter_id`;
  const sql = `
WITH ${matches},
page AS (
  SELECT m.letter_id, m.ordinal, m.sort FROM matches m
  ${keyset}
  ORDER BY m.sort DESC, m.letter_id, m.ordinal
  LIMIT ${params.add(limit + 1)}
)${
    tsquery
      ? `,
hits AS (${hits})
SELECT h.*, to_jsonb(c) AS counts, ${
          exactLimit !== null
            ? `to_jsonb(b) AS completed, to_jsonb(s) AS first_scope
FROM counted c CROSS JOIN completed b CROSS JOIN first_scope s`
            : 'NULL AS completed, NULL AS first_scope\nFROM counted c'
        } LEFT JOIN hits h ON true
ORDER BY h.sort DESC, h.letter_id, h.ordinal`
      : `${hits}
ORDER BY p.sort DESC, p.letter_id, p.ordinal`
  }`;
  return [sql, params.values];
}

/**
 * What a text match's statement counts for an estimate, besides all it found: the scopes it read to
 * the end, and the whole first scope when the statement found more than exactLimit there (the rest
 * of the first scope is read only then: a one-time filter skips that scan otherwise).
 */
function samplesSql(exactLimit: string): string {
  return `
reached AS (SELECT max(scope) AS scope, count(*) AS rows FROM found),
completed AS (
  SELECT (SELECT scope FROM reached) AS last_scope, ${COUNT_COLUMNS}
  FROM found d WHERE d.scope < (SELECT scope FROM reached)
),
first_scope AS (
  SELECT ${COUNT_COLUMNS} FROM first d
  WHERE (SELECT scope FROM reached) = 0 AND (SELECT rows FROM reached) > ${exactLimit}
),`;
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

const COUNT_COLUMNS = [
  'count(*)::int AS total',
  'count(DISTINCT d.letter_id)::int AS letters',
  ...FACET_COUNTS.map(([, , condition], i) => `count(*) FILTER (WHERE ${condition})::int AS f${i}`),
].join(', ');

/**
 * A listing's counts (no text match: a text match is counted in its page's statement), reading at
 * most exactLimit + 1 decisions (more means: estimate instead).
 */
function listingCountsSql(filters: Filters, exactLimit: number | null): [string, unknown[]] {
  const params = new Params();
  const conditions = filterConditions(filters, params);
  const bound = exactLimit === null ? '' : `LIMIT ${params.add(exactLimit + 1)}`;
  const sql = `
WITH d AS MATERIALIZED (
  SELECT d.letter_id, d.outcome, d.category, d.citation_bodies
  FROM decisions d
  ${whereClause(conditions)}
  ${bound}
)
SELECT ${COUNT_COLUMNS} FROM d`;
  return [sql, params.values];
}

/**
 * Table pages a listing's sample must find matches on, and how many times exactLimit its estimate
 * must reach, for the estimate to stand without counting: a sample of 1,500 decisions with matches on
 * ten of its pages that scales up to ten times the limit comes from a listing far past it. Pages, not
 * rows or letters: a letter's decisions share a page, and letters written together (a backfill, a
 * month's letters) fill pages together, so a few pages can hold many matching letters. Reading
 * exactLimit + 1 matches to be sure cost more than the rest of the search together: at a million
 * letters, the bitmap of 30,000 overturned physical-therapy decisions (23 ms), or 30,000 rows read
 * for 1,001 licensed in CA since 2015 (22 ms), where the sample reads 100 pages (1 ms).
 */
const SURE_SAMPLE_PAGES = 10;
const SURE_SAMPLE_FACTOR = 10;

/**
 * A listing's counts: a sample of the table first (listingEstimate); when it cannot settle that more
 * than exactLimit decisions match, the matches are counted, exactly up to exactLimit + 1.
 */
async function listingCounts(
  db: SearchDatabase,
  filters: Filters,
  exactLimit: number | null,
  sampleRows: number,
) {
  const count = async () =>
    (await querySearch<Record<string, number>>(db, 'filters', ...listingCountsSql(filters, exactLimit)))[0];
  if (exactLimit === null) return toFacets(await count());
  const { counts, sampledPages } = await listingEstimate(db, filters, exactLimit, sampleRows);
  if (counts.exact) return counts;
  if (sampledPages >= SURE_SAMPLE_PAGES && counts.total >= SURE_SAMPLE_FACTOR * exactLimit) return counts;
  const counted = await count();
  return (counted?.total ?? 0) <= exactLimit ? toFacets(counted) : counts;
}

/** Counts over 1/share of the decisions, scaled up; at least the exactLimit + 1 matches already seen. */
function scaledUp(row: Record<string, number>, share: number, exactLimit: number) {
  const scaled = Object.fromEntries(Object.entries(row).map(([k, v]) => [k, Math.round(Number(v) * share)]));
  const counts = toFacets(scaled);
  const total = Math.max(counts.total, exactLimit + 1);
  return { ...counts, total, letters: Math.min(Math.max(counts.letters, 1), total), exact: false };
}

/**
 * A text match's counts when more than exactLimit decisions match, from the scopes its statement read
 * to the end (shards.ts): their matches are all counted, and their letters are a fair sample. When
 * the first scope (1/256 of the letters) alone held more than exactLimit matches, the statement
 * counted that whole scope instead. Scopes read to the end without a match (a small table) leave
 * nothing to scale: the counts of the matches found stand, marked inexact.
 */
function textEstimate(
  samples: TextSamples | undefined,
  counted: Record<string, number> | undefined,
  exactLimit: number,
) {
  const { last_scope: last = 0, ...before } = samples?.completed ?? {};
  if (last > 0 && (before.total ?? 0) > 0) return scaledUp(before, shareBefore(last), exactLimit);
  if (last === 0 && samples?.first_scope) return scaledUp(samples.first_scope, shareBefore(1), exactLimit);
  return { ...toFacets(counted), exact: false };
}

/**
 * A listing's counts over about sampleRows decisions (whole pages, the same pages every time); a
 * sample of the whole table is an exact count.
 */
async function listingEstimate(db: SearchDatabase, filters: Filters, exactLimit: number, sampleRows: number) {
  const params = new Params();
  const fraction = `(SELECT least(100, 100.0 * ${params.add(sampleRows)}::int / greatest(c.reltuples, 1))::real
    FROM pg_class c WHERE c.oid = 'decisions'::regclass)`;
  const sql = `
SELECT ${fraction} AS percent, count(DISTINCT (d.ctid::text::point)[0])::int AS pages, ${COUNT_COLUMNS}
FROM decisions d TABLESAMPLE SYSTEM (${fraction}) REPEATABLE (0)
${whereClause(filterConditions(filters, params))}`;
  const [row = {}] = await querySearch<Record<string, number>>(db, 'filters', sql, params.values);
  const { percent = 100, pages: sampledPages = 0, ...counts } = row;
  if (percent >= 100) return { counts: { ...toFacets(counts), exact: true }, sampledPages };
  return { counts: scaledUp(counts, 100 / percent, exactLimit), sampledPages };
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
  return { total: row?.total ?? 0, letters: row?.letters ?? 0, facets, exact: true };
}
