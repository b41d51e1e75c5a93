import { join, resolve } from 'node:path';
import type { Config } from '@imr/config';
import { openSearchDatabase, type SearchIndex } from '@imr/search';

/** The configured index: PostgreSQL when DATABASE_URL is set, else PGlite under IMR_DATA_DIR; migrated on open. */
export function openSearch(config: Pick<Config, 'DATABASE_URL' | 'IMR_DATA_DIR'>): Promise<SearchIndex> {
  return openSearchDatabase(
    config.DATABASE_URL
      ? { databaseUrl: config.DATABASE_URL }
      : { dataDir: join(resolve(config.IMR_DATA_DIR), 'pglite') },
  );
}
