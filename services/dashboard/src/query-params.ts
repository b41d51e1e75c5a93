/**
 * Turns a URL's query string into the plain object the search package validates: repeated
 * parameters become arrays (?category=a&category=b), single ones stay strings. Validation and
 * limits live in one place, the search package's zod schemas.
 */
export function queryObject(url: URL, allowed: readonly string[]): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const key of new Set(url.searchParams.keys())) {
    if (!allowed.includes(key)) continue;
    const values = url.searchParams.getAll(key);
    out[key] = values.length === 1 ? (values[0] as string) : values;
  }
  return out;
}

export const FILTER_PARAMS = [
  'outcome',
  'category',
  'citationBody',
  'reviewerSpecialty',
  'licensure',
  'injuryFrom',
  'injuryTo',
  'decisionFrom',
  'decisionTo',
] as const;

export const SEARCH_PARAMS = ['q', 'limit', 'cursor', ...FILTER_PARAMS] as const;
