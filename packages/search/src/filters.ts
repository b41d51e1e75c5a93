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

/** Each filter: its column in `decisions d`, the column's kind, and the test against the value `$n`. */
const FILTERS: ReadonlyArray<{
  key: keyof Filters;
  column: string;
  kind: Column;
  test: (column: string, value: string) => string;
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

/** A column in an expression no index covers (the same value, NULL stays NULL; a NULL array would be {}). */
const ON_ROWS: Record<Column, (column: string) => string> = {
  text: (c) => `(d.${c} || '')`,
  array: (c) => `(d.${c} || '{}'::text[])`,
  date: (c) => `(d.${c} + 0)`,
};
const CAST: Record<Column, string> = { text: 'text[]', array: 'text[]', date: 'date' };

/**
 * SQL conditions for the filters, over `decisions d` (which carries copies of its letter's filter
 * values). Values only ever travel as parameters.
 *
 * A listing names the filters present, on their columns, for their indexes. Beside a text match
 * (`textMatch`) every filter is written, unset ones as NULL parameters, so a text match's SQL is
 * the same whatever its filters (a prepared statement a connection keeps: planner.ts), and each is
 * checked on the rows the match's GIN bitmaps yield, never through another index: the match reads
 * its index part by part (shards.ts), and a filter's bitmap covers the whole table, built again
 * for each shard: `trial failed` + a reviewer specialty AND-ed a shard's 20,000 matches with the
 * specialty's 275,000 decisions (58 ms), and `"TENS unit"` + dme, before shards, a category's
 * 210,000 (233 ms, 90 without).
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
      continue;
    }
    const v = params.add(given ?? null);
    conditions.push(`(${v}::${CAST[kind]} IS NULL OR ${test(ON_ROWS[kind](column), v)})`);
  }
  return conditions;
}

export function whereClause(conditions: string[]): string {
  return conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
}
