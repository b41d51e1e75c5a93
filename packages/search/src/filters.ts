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
  const conditions: string[] = [];
  if (filters.outcome) conditions.push(`d.outcome = ANY(${params.add(filters.outcome)}::text[])`);
  if (filters.category) {
    // Beside a text match the category is checked on the rows the GIN bitmap yields, never through
    // decisions_category_outcome_idx (`|| ''` keeps the planner off it): a category holds about a
    // fourteenth of the decisions, and AND-ing its bitmap (210,000 entries at a million letters)
    // into the match's cost more than the heap rows it saved (`"TENS unit"` + dme: 233 ms, 90 without).
    const category = options.textMatch ? `(d.category || '')` : 'd.category';
    conditions.push(`${category} = ANY(${params.add(filters.category)}::text[])`);
  }
  if (filters.citationBody) {
    conditions.push(`d.citation_bodies && ${params.add(filters.citationBody)}::text[]`);
  }
  if (filters.reviewerSpecialty) {
    const wanted = filters.reviewerSpecialty.map((s) => s.toLowerCase());
    conditions.push(`d.specialty_keys && ${params.add(wanted)}::text[]`);
  }
  if (filters.licensure) conditions.push(`d.licensure && ${params.add(filters.licensure)}::text[]`);
  if (filters.injuryFrom) conditions.push(`d.injury_date >= ${params.add(filters.injuryFrom)}::date`);
  if (filters.injuryTo) conditions.push(`d.injury_date <= ${params.add(filters.injuryTo)}::date`);
  if (filters.decisionFrom) conditions.push(`d.decision_date >= ${params.add(filters.decisionFrom)}::date`);
  if (filters.decisionTo) conditions.push(`d.decision_date <= ${params.add(filters.decisionTo)}::date`);
  return conditions;
}

export function whereClause(conditions: string[]): string {
  return conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
}
