import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Engine } from '../database.ts';
import { openSearchDatabase, type SearchIndex } from '../search-index.ts';

export const ENGINES: readonly Engine[] = ['pglite', 'postgres'];

/** The PostgreSQL server tests use: DATABASE_URL, else the local server with trust auth. */
export const SERVER_URL = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestDatabase {
  /** Connection URL (server) or PGlite data dir. */
  location: { databaseUrl?: string; dataDir?: string };
  /** Drops the database (server); nothing for in-memory PGlite. */
  drop(): Promise<void>;
}

async function admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: SERVER_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** A fresh, empty database: a new `imr_test_<random>` on the server, or in-memory PGlite. */
export async function createTestDatabase(engine: Engine): Promise<TestDatabase> {
  if (engine === 'pglite') return { location: { dataDir: 'memory://' }, drop: async () => {} };
  const name = `imr_test_${randomBytes(6).toString('hex')}`;
  // The name is ours (hex), never input: identifiers cannot be bound as parameters.
  await admin((client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(SERVER_URL);
  url.pathname = `/${name}`;
  return {
    location: { databaseUrl: url.toString() },
    drop: () =>
      admin((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => {}),
  };
}

/** A migrated index over a fresh database; `dispose` closes it and drops the database. */
export async function openTestIndex(
  engine: Engine,
): Promise<{ index: SearchIndex; dispose(): Promise<void> }> {
  const database = await createTestDatabase(engine);
  const index = await openSearchDatabase(database.location);
  return {
    index,
    async dispose() {
      await index.close();
      await database.drop();
    },
  };
}
