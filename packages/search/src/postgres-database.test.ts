import { describe, expect, it } from 'vitest';
import { querySearch, TEXT_SETTINGS } from './planner.ts';
import { openSearchDatabase } from './search-index.ts';
import { createTestDatabase, openTestIndex } from './testing/databases.ts';
import { syntheticLetters } from './testing/synthetic.ts';

describe('the PostgreSQL connection', () => {
  it('plans without JIT: search statements read bounded rows the planner cannot always see', async () => {
    const { index, dispose } = await openTestIndex('postgres');
    try {
      const { rows } = await index.db.query<{ jit: string }>('SHOW jit');
      expect(rows[0]?.jit).toBe('off');
    } finally {
      await dispose();
    }
  });

  it('prepares text searches once a connection and plans them generically, never per call', async () => {
    const database = await createTestDatabase('postgres');
    // One connection: the statements the searches prepared are the ones this session lists.
    const index = await openSearchDatabase({ ...database.location, poolSize: 1 });
    try {
      await index.upsertLetters(syntheticLetters(20));
      for (const q of ['pain', 'therapy', 'pain']) await index.search({ q }, { exactLimit: null });
      // (Text searches run on connections opened with their settings: asked on one of those.)
      const { rows } = await index.db.query<{ name: string; generic_plans: number; custom_plans: number }>(
        `SELECT name, generic_plans::int, custom_plans::int FROM pg_prepared_statements ORDER BY name`,
        [],
        { settings: TEXT_SETTINGS },
      );
      // One statement, whatever the words, planned once.
      expect(rows).toHaveLength(1);
      for (const row of rows) {
        expect(row.name).toMatch(/^imr_[0-9a-f]{32}$/);
        expect(row).toMatchObject({ generic_plans: 3, custom_plans: 0 });
      }
    } finally {
      await index.close();
      await database.drop();
    }
  });

  it('applies the text settings in a transaction where the connection cannot start with them', async () => {
    const database = await createTestDatabase('postgres');
    // `options` in the URL replaces the pool's own start-up options (as a pooler that drops them would).
    const url = new URL(database.location.databaseUrl as string);
    url.searchParams.set('options', '-c jit=off');
    const index = await openSearchDatabase({ databaseUrl: url.toString() });
    try {
      const show = `SELECT current_setting('enable_seqscan') AS seqscan, current_setting('plan_cache_mode') AS plans`;
      expect(await querySearch(index.db, 'text', show, [])).toEqual([
        { seqscan: 'off', plans: 'force_generic_plan' },
      ]);
      expect(await querySearch(index.db, 'filters', show, [])).toEqual([{ seqscan: 'on', plans: 'auto' }]);
      expect((await index.search({ q: 'ketamine' })).total).toBe(0);
    } finally {
      await index.close();
      await database.drop();
    }
  });
});
