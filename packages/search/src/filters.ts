import type { Filters } from './inputs.ts';

/** Collects positional parameters: `add` returns the placeholder ($n) for a value. */
export class Params {
  readonly values: unknown[] = [];

  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

type Column = 'text' | 'array' | 'date';
/** A filter's test of a column (SQL) against its value's placeholder. */
type FilterTest = (column: string, value: string) => string;

/** Each filter: its column in `decisions d`, the column's kind, and the test against the value `$n`. */
const FILTERS: ReadonlyArray<{
  key: keyof Filters;
  column: string;
  kind: Column;
  test: FilterTest;
  value?: (filters: Filters) => unknown;
}> = [
  { key: 'outcome', column: 'outcome', kind: 'text', test: (c, v) => `${c} = ANY(${v}::text[])` },
  { key: 'category', column: 'category', kind: 'text', test: (c, v) => `${c} = ANY(${v}::text[])` },
  { key: 'citationBody', column: 'citation_bodies', kind: 'array', test: (c, v) => `${c} && ${v}::text[]` },
  {
    key: 'reviewerSpecialty',
    column: 'specialty_keys',
    kind: 'array',
    test: (c, v) => `${c} && ${v}::text[]`,
    value: (f) => f.reviewerSpecialty?.map((s) => s.toLowerCase()),
  },
  { key: 'licensure', column: 'licensure', kind: 'array', test: (c, v) => `${c} && ${v}::text[]` },
  { key: 'injuryFrom', column: 'injury_date', kind: 'date', test: (c, v) => `${c} >= ${v}::date` },
  { key: 'injuryTo', column: 'injury_date', kind: 'date', test: (c, v) => `${c} <= ${v}::date` },
  { key: 'decisionFrom', column: 'decision_date', kind: 'date', test: (c, v) => `${c} >= ${v}::date` },
  { key: 'decisionTo', column: 'decision_date', kind: 'date', test: (c, v) => `${c} <= ${v}::date` },
];

/**
 * A date test no index covers: the column in an expression no index holds, and the test wrapped in
 * `IS TRUE` (the same rows), since a strict test implies `decision_date IS NOT NULL`, the predicate
 * of the dated listing's index (migration 0005), which a custom plan (PGlite plans each call) would
 * read whole in place of a small table's parts.
 */
const ON_ROWS = (test: FilterTest, column: string, value: string) =>
  `(${test(`(d.${column} + 0)`, value)}) IS TRUE`;

/**
 * A filter as the text index's parts hold it (migration 0007), in an expression no other index holds:
 * a text column as a one-element array, an array column with nothing appended. `&&` with the values
 * given is the same test as the listing's.
 */
const IN_TEXT_INDEX: Record<Exclude<Column, 'date'>, FilterTest> = {
  text: (c, v) => `ARRAY[d.${c}] && ${v}::text[]`,
  array: (c, v) => `(d.${c} || '{}'::text[]) && ${v}::text[]`,
};

/**
 * SQL conditions for the filters, over `decisions d` (which carries copies of its letter's filter
 * values). Values only ever travel as parameters.
 *
 * A listing names the filters present, on their columns, for their indexes. Beside a text match
 * (`textMatch`), the filters present on outcome, category, guideline body, specialty and licensure
 * are written as the text index's parts hold them (IN_TEXT_INDEX), so that each part's GIN index
 * intersects them with the match, and only matches are read from the table. The dates are written
 * whether set or not (unset ones as NULL parameters) and checked on those rows, never through another
 * index: the match reads its index part by part (shards.ts), and a filter's bitmap covers the whole
 * table, built again for each part (`trial failed` + a reviewer specialty AND-ed a part's 20,000
 * matches with the specialty's 275,000 decisions: 58 ms). A text match's SQL thus depends on which
 * of the five indexed filters are set (32 sets), never on their values (a prepared statement a
 * connection keeps: planner.ts).
 */
export function filterConditions(
  filters: Filters,
  params: Params,
  options: { textMatch?: boolean } = {},
): string[] {
  const conditions: string[] = [];
  for (const { key, column, kind, test, value } of FILTERS) {
    const given = value ? value(filters) : filters[key];
    if (!options.textMatch) {
      if (given != null) conditions.push(test(`d.${column}`, params.add(given)));
    } else if (kind !== 'date') {
      if (given != null) conditions.push(IN_TEXT_INDEX[kind](column, params.add(given)));
    } else {
      const v = params.add(given ?? null);
      conditions.push(`(${v}::date IS NULL OR ${ON_ROWS(test, column, v)})`);
    }
  }
  return conditions;
}

export function whereClause(conditions: string[]): string {
  return conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
}
