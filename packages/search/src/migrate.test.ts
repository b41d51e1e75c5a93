import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS_TABLE } from './migrate.ts';
import { openSearchDatabase } from './search-index.ts';
import { createTestDatabase, ENGINES } from './testing/databases.ts';
import { seedDeterminations } from './testing/fixtures.ts';

const ALL = [
  '0001_letters_decisions_citations',
  '0002_decision_filter_columns',
  '0003_write_path_and_filter_keys',
  '0004_decision_counts',
  '0005_dated_listing_and_folded_counts',
  '0006_sharded_text_index',
  '0007_filtered_text_index',
];

const applied = async (index: Awaited<ReturnType<typeof openSearchDatabase>>) =>
  (await index.db.query<{ name: string }>(`SELECT name FROM ${MIGRATIONS_TABLE} ORDER BY id`)).rows.map(
    (r) => r.name,
  );

describe('migrations', () => {
  it('apply once on a server even when two processes start together', async () => {
    const database = await createTestDatabase('postgres');
    try {
      const [a, b] = await Promise.all([
        openSearchDatabase({ ...database.location, migrate: false }),
        openSearchDatabase({ ...database.location, migrate: false }),
      ]);
      const [ranA, ranB] = await Promise.all([a.migrate(), b.migrate()]);
      // One of them applied everything; the other waited on the lock and found nothing to do.
      expect([...ranA, ...ranB]).toEqual(ALL);
      expect(await a.migrate()).toEqual([]);
      expect(await applied(a)).toEqual(ALL);
      await Promise.all([a.close(), b.close(), a.close()]);
    } finally {
      await database.drop();
    }
  });

  it('persist with PGlite in a data directory across reopenings', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'imr-search-'));
    try {
      const [seed] = seedDeterminations();
      const first = await openSearchDatabase({ dataDir: join(dir, 'pglite') });
      expect(first.engine).toBe('pglite');
      await first.upsertLetter(seed!.determination, { bucket: 'b', key: 'k' });
      await first.close();
      await first.close();

      const second = await openSearchDatabase({ dataDir: join(dir, 'pglite') });
      expect(await second.migrate()).toEqual([]);
      expect(await applied(second)).toEqual(ALL);
      expect((await second.search({ q: 'ketamine' })).letters).toBe(1);
      await second.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it.each(ENGINES)('0007 stops on a part index left invalid (%s), and the index works on', async (engine) => {
    const database = await createTestDatabase(engine);
    // One connection: the one the failed migration used is the one every later listing gets.
    const index = await openSearchDatabase({ ...database.location, poolSize: 1 });
    try {
      // As if 0007 were pending and an operator's hand-run CONCURRENTLY build of one part had failed.
      await index.db.query(`DELETE FROM ${MIGRATIONS_TABLE} WHERE name = '0007_filtered_text_index'`);
      await index.db.query(
        `UPDATE pg_index SET indisvalid = false WHERE indexrelid = 'decisions_match_4_7_idx'::regclass`,
      );
      await expect(index.migrate()).rejects.toThrow(/decisions_match_\*_idx is invalid/);
      expect(await applied(index)).toEqual(ALL.slice(0, -1));

      // The failed migration left nothing behind on the connection the index goes on using.
      expect((await index.search({ q: 'ketamine' })).total).toBe(0);
      expect((await index.search({})).total).toBe(0);
      await index.db.query('DROP INDEX decisions_match_4_7_idx');
      expect(await index.migrate()).toEqual(['0007_filtered_text_index']);
      expect(await applied(index)).toEqual(ALL);
    } finally {
      await index.close();
      await database.drop();
    }
  });

  it('needs a database to open', async () => {
    await expect(openSearchDatabase({})).rejects.toThrow(/databaseUrl or a dataDir/);
  });

  it('reports an unreachable server as database_unavailable', async () => {
    await expect(
      openSearchDatabase({ databaseUrl: 'postgres://postgres@127.0.0.1:1/none' }),
    ).rejects.toMatchObject({
      code: 'database_unavailable',
      permanent: false,
    });
  });
});
