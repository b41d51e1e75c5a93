import type { Filters } from './inputs.ts';

/** Collects positional parameters: `add` returns the placeholder ($n) for a value. */
export class Params {
  readonly values: unknown[] = [];

  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/**
 * SQL conditions for the filters, over `decisions d` (which carries copies of its letter's filter values). Values only ever travel as
 * parameters; the SQL text is fixed by which filters are present.
 */
export function filterConditions(
  filters: Filters,
  params: Params,
  options: { textMatch?: boolean } = {},
): string[] {
  // Beside a text match every filter is checked on the rows the match's GIN bitmaps yield, never
  // through another index: each column is wrapped in an expression no index covers. The match reads
  // its index shard by shard (shards.ts), and a filter's bitmap covers the whole table, built again
  // for each shard: `trial failed` + a reviewer specialty AND-ed a shard's 20,000 matches with the
  // specialty's 275,000 decisions (58 ms), and `"TENS unit"` + dme, before shards, a category's
  // 210,000 (233 ms, 90 without).
  const onRows = options.textMatch === true;
  const text = (column: string) => (onRows ? `(d.${column} || '')` : `d.${column}`);
  const array = (column: string) => (onRows ? `(d.${column} || '{}'::text[])` : `d.${column}`);
  const date = (column: string) => (onRows ? `(d.${column} + 0)` : `d.${column}`);
  const conditions: string[] = [];
  if (filters.outcome) conditions.push(`${text('outcome')} = ANY(${params.add(filters.outcome)}::text[])`);
  if (filters.category) conditions.push(`${text('category')} = ANY(${params.add(filters.category)}::text[])`);
  if (filters.citationBody) {
    conditions.push(`${array('citation_bodies')} && ${params.add(filters.citationBody)}::text[]`);
  }
  if (filters.reviewerSpecialty) {
    const wanted = filters.reviewerSpecialty.map((s) => s.toLowerCase());
    conditions.push(`${array('specialty_keys')} && ${params.add(wanted)}::text[]`);
  }
  if (filters.licensure) conditions.push(`${array('licensure')} && ${params.add(filters.licensure)}::text[]`);
  if (filters.injuryFrom)
    conditions.push(`${date('injury_date')} >= ${params.add(filters.injuryFrom)}::date`);
  if (filters.injuryTo) conditions.push(`${date('injury_date')} <= ${params.add(filters.injuryTo)}::date`);
  if (filters.decisionFrom) {
    conditions.push(`${date('decision_date')} >= ${params.add(filters.decisionFrom)}::date`);
  }
  if (filters.decisionTo)
    conditions.push(`${date('decision_date')} <= ${params.add(filters.decisionTo)}::date`);
  return conditions;
}

export function whereClause(conditions: string[]): string {
  return conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
}
