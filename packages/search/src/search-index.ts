import type { Determination } from '@imr/contracts';
import type { SearchDatabase } from './database.ts';
import { getLetter, type LetterRecord } from './get-letter.ts';
import type { FiltersInput, SearchQuery } from './inputs.ts';
import { type IndexedSource, listSources } from './list-sources.ts';
import { migrate } from './migrate.ts';
import { openPgliteDatabase } from './pglite-database.ts';
import { openPostgresDatabase } from './postgres-database.ts';
import { type RemoveSourceResult, removeSource } from './remove.ts';
import { type SearchLimits, type SearchPage, search } from './search.ts';
import { type Stats, stats } from './stats.ts';
import { type LetterInput, type SourceRef, type UpsertOutcome, upsertLetters } from './upsert.ts';
import { UpsertBatcher } from './upsert-batcher.ts';

export interface OpenOptions {
  /** A PostgreSQL server (`postgres://...`); when absent, the embedded PGlite engine is used. */
  databaseUrl?: string | null;
  /** PGlite's directory (e.g. `.data/pglite`), or `memory://`. Required when there is no databaseUrl. */
  dataDir?: string | null;
  /**
   * Connections in the `pg` pool (server only). Default 10. A process that runs text searches opens a
   * second pool of the same size, for connections that start with the text settings (planner.ts).
   */
  poolSize?: number;
  /** Apply pending migrations on open. Default true. */
  migrate?: boolean;
  /** Letters one transaction of concurrent upsertLetter calls takes at most. Default 200. */
  maxBatch?: number;
}

/** The index stage's storage and every query over it. */
export class SearchIndex {
  readonly db: SearchDatabase;
  private readonly batcher: UpsertBatcher;
  private closing: Promise<void> | null = null;

  constructor(db: SearchDatabase, options: { maxBatch?: number } = {}) {
    this.db = db;
    this.batcher = new UpsertBatcher(db, options.maxBatch);
  }

  get engine() {
    return this.db.engine;
  }

  /** Applies pending migrations (idempotent; concurrent callers queue on an advisory lock). */
  migrate(): Promise<string[]> {
    return migrate(this.db);
  }

  /**
   * One letter. Calls made while others are being written share a transaction (see UpsertBatcher):
   * an index stage running many jobs at once writes in batches without waiting for a batch to fill.
   */
  upsertLetter(
    determination: Determination,
    source: SourceRef,
    meta: Omit<LetterInput, 'determination' | 'source'> = {},
  ): Promise<UpsertOutcome> {
    return this.batcher.upsert({ determination, source, ...meta });
  }

  /** Many letters in one transaction; one outcome per entry, in order. */
  upsertLetters(batch: readonly LetterInput[]): Promise<UpsertOutcome[]> {
    return upsertLetters(this.db, batch);
  }

  removeSource(source: Pick<SourceRef, 'bucket' | 'key'>): Promise<RemoveSourceResult> {
    return removeSource(this.db, source);
  }

  getLetter(id: string): Promise<LetterRecord | null> {
    return getLetter(this.db, id);
  }

  /** Limits default to counting, faceting and ranking at most 1,000 matches exactly. */
  search(query: SearchQuery, limits?: SearchLimits): Promise<SearchPage> {
    return search(this.db, query, limits);
  }

  /** Pages of every indexed letter's sources (for reprocessing). */
  listSources(options?: { since?: Date; pageSize?: number }): AsyncGenerator<IndexedSource[]> {
    return listSources(this.db, options);
  }

  stats(filters?: FiltersInput): Promise<Stats> {
    return stats(this.db, filters);
  }

  /** Writes the letters still waiting for a batch, then closes the database. Idempotent. */
  close(): Promise<void> {
    this.closing ??= this.batcher.flush().then(() => this.db.close());
    return this.closing;
  }
}

/** Opens the server named by databaseUrl, else PGlite in dataDir; migrates unless told not to. */
export async function openSearchDatabase(options: OpenOptions): Promise<SearchIndex> {
  let db: SearchDatabase;
  if (options.databaseUrl) db = await openPostgresDatabase(options.databaseUrl, options.poolSize);
  else if (options.dataDir) db = await openPgliteDatabase(options.dataDir);
  else throw new TypeError('openSearchDatabase needs a databaseUrl or a dataDir');
  const index = new SearchIndex(db, { maxBatch: options.maxBatch });
  if (options.migrate !== false) {
    try {
      await index.migrate();
    } catch (error) {
      await index.close();
      throw error;
    }
  }
  return index;
}
