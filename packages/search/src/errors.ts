/** Why an input to the index was refused before it reached SQL. */
export const SEARCH_INPUT_ERROR_CODES = [
  'invalid_query',
  'invalid_filter',
  'invalid_page_size',
  'invalid_cursor',
  'invalid_letter_id',
  'invalid_source',
  'invalid_determination',
] as const;
export type SearchInputErrorCode = (typeof SEARCH_INPUT_ERROR_CODES)[number];

/**
 * An input the index refuses: a bad query, filter, cursor or letter. Callers map it to a 400 (HTTP)
 * or a usage error (CLI). The message names fields, never values.
 */
export class SearchInputError extends Error {
  readonly code: SearchInputErrorCode;
  /** Paths of the offending fields, e.g. ['filters', 'outcome']. */
  readonly fields: string[];

  constructor(code: SearchInputErrorCode, fields: string[] = [], options?: { cause?: unknown }) {
    super(fields.length ? `${code}: ${fields.join(', ')}` : code, options);
    this.name = 'SearchInputError';
    this.code = code;
    this.fields = fields;
  }
}
