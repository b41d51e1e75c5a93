import { fileURLToPath } from 'node:url';
import { type RunnerOption, runner } from 'node-pg-migrate';
import type { SearchDatabase } from './database.ts';

/** The versioned SQL files, applied in the order of their numeric prefix. */
export const MIGRATIONS_DIR = fileURLToPath(new URL('../migrations', import.meta.url));
export const MIGRATIONS_TABLE = 'search_migrations';
/** Advisory lock key held while migrating, so that processes starting together migrate one at a time. */
export const MIGRATION_LOCK_ID = 0x1_3a7c_5e0d;

const silent = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };

/**
 * Applies the pending migrations with node-pg-migrate over one held connection (a pooled `pg`
 * client, or PGlite through a small adapter). A second process waits on the advisory lock, then finds
 * nothing left to do. Returns the names of the migrations applied.
 */
export async function migrate(db: SearchDatabase): Promise<string[]> {
  return db.withSession(async (client) => {
    const applied = await runner({
      dbClient: client as unknown as Extract<RunnerOption, { dbClient: unknown }>['dbClient'],
      dir: MIGRATIONS_DIR,
      migrationsTable: MIGRATIONS_TABLE,
      direction: 'up',
      checkOrder: true,
      advisoryLockMode: 'wait',
      lockValue: MIGRATION_LOCK_ID,
      logger: silent,
    });
    return applied.map((m) => m.name);
  });
}
