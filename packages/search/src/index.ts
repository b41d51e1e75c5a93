export type { Engine, Queryable, SearchDatabase } from './database.ts';
export { SEARCH_INPUT_ERROR_CODES, SearchInputError, type SearchInputErrorCode } from './errors.ts';
export type { LetterRecord, LetterSource } from './get-letter.ts';
export {
  DEFAULT_PAGE_SIZE,
  type Filters,
  type FiltersInput,
  MAX_PAGE_SIZE,
  MAX_QUERY_LENGTH,
  type SearchQuery,
} from './inputs.ts';
export type { IndexedSource } from './list-sources.ts';
export { MIGRATIONS_DIR } from './migrate.ts';
export type { RemoveSourceResult } from './remove.ts';
export {
  DEFAULT_EXACT_LIMIT,
  DEFAULT_SAMPLE_ROWS,
  type Facets,
  type SearchHit,
  type SearchLimits,
  type SearchPage,
} from './search.ts';
export { type OpenOptions, openSearchDatabase, SearchIndex } from './search-index.ts';
export { formatSnippet, type SnippetPart } from './snippet.ts';
export type { OutcomeCounts, Stats, StatsGroup } from './stats.ts';
export type { LetterInput, SourceRef, UpsertOutcome } from './upsert.ts';
