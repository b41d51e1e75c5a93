import { citationBodySchema, outcomeSchema, treatmentCategorySchema } from '@imr/contracts';
import { type ZodError, z } from 'zod';
import { SearchInputError, type SearchInputErrorCode } from './errors.ts';

export const MAX_QUERY_LENGTH = 500;
export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;
const MAX_FILTER_VALUES = 20;

/** A real calendar day, YYYY-MM-DD (2013-02-30 is refused before PostgreSQL sees it). */
export const calendarDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((value) => {
    const date = new Date(`${value}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value) && value >= '1000';
  });

/** One value or several (HTTP query strings repeat a parameter); always an array after parsing. */
function oneOrMany<T extends z.ZodType>(schema: T) {
  return z
    .union([schema, z.array(schema).min(1).max(MAX_FILTER_VALUES)])
    .transform((value) => (Array.isArray(value) ? value : [value]) as z.output<T>[]);
}

const text = (max: number) =>
  z
    .string()
    .max(max)
    .refine((value) => !value.includes('\0'));

export const filterShape = {
  outcome: oneOrMany(outcomeSchema).optional(),
  category: oneOrMany(treatmentCategorySchema).optional(),
  citationBody: oneOrMany(citationBodySchema).optional(),
  /** Matched without case against the reviewer's certifications, subspecialties and specialties. */
  reviewerSpecialty: oneOrMany(text(100).trim().min(1)).optional(),
  /** Two-letter state of licensure (any case). */
  licensure: oneOrMany(
    z
      .string()
      .regex(/^[A-Za-z]{2}$/)
      .transform((s) => s.toUpperCase()),
  ).optional(),
  injuryFrom: calendarDate.optional(),
  injuryTo: calendarDate.optional(),
  decisionFrom: calendarDate.optional(),
  decisionTo: calendarDate.optional(),
};

export const filtersSchema = z.object(filterShape).strict();
export type Filters = z.output<typeof filtersSchema>;
export type FiltersInput = z.input<typeof filtersSchema>;

/**
 * Whether a query holds more negations in a row than any query needs: PostgreSQL's tsquery parser
 * has a fixed stack, and 33 `-` with nothing but punctuation or space between them (`- - -`,
 * `-(-(-(`) overflow it. Sixteen is already far past any real query. One pass, no backtracking.
 */
export function negationRun(query: string, limit = 16): boolean {
  let run = 0;
  for (const char of query) {
    if (char === '-') {
      if (++run >= limit) return true;
    } else if (/[\p{L}\p{N}]/u.test(char)) {
      run = 0;
    }
  }
  return false;
}

export const searchQuerySchema = z
  .object({
    /** websearch_to_tsquery syntax: words, "quoted phrases", or, -excluded. Empty lists by recency. */
    q: text(MAX_QUERY_LENGTH)
      .refine((value) => !negationRun(value))
      .trim()
      .default(''),
    limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(DEFAULT_PAGE_SIZE),
    cursor: z.string().max(1000).nullish(),
    ...filterShape,
  })
  .strict();
export type SearchQuery = z.input<typeof searchQuerySchema>;
export type ParsedSearchQuery = z.output<typeof searchQuerySchema>;

function codeFor(path: PropertyKey[]): SearchInputErrorCode {
  const field = path[0];
  if (field === 'q') return 'invalid_query';
  if (field === 'limit') return 'invalid_page_size';
  if (field === 'cursor') return 'invalid_cursor';
  return 'invalid_filter';
}

/** Parses with schema, or throws a SearchInputError naming the fields (never their values). */
export function parseInput<T extends z.ZodType>(schema: T, input: unknown): z.output<T> {
  const result = schema.safeParse(input ?? {});
  if (result.success) return result.data;
  const issues = (result.error as ZodError).issues;
  const fields = [...new Set(issues.map((issue) => issue.path.map(String).join('.') || '(input)'))];
  throw new SearchInputError(codeFor(issues[0]?.path ?? []), fields);
}

/** The filters out of a parsed query (everything but q, limit and cursor). */
export function filtersOf(query: ParsedSearchQuery): Filters {
  const { q: _q, limit: _limit, cursor: _cursor, ...filters } = query;
  return filters;
}
