import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { search } from './search.ts';
import type { SearchIndex } from './search-index.ts';
import { ENGINES, openTestIndex } from './testing/databases.ts';
import { recordingDatabase } from './testing/recording.ts';
import { syntheticLetters } from './testing/synthetic.ts';

const LETTERS = 300;

/** The statement that counts a listing's matches up to exactLimit + 1 (search.ts, listingCountsSql). */
const isCount = ({ sql }: { sql: string }) => sql.includes('WITH d AS MATERIALIZED');
const isSample = ({ sql }: { sql: string }) => sql.includes('TABLESAMPLE');

describe.each(ENGINES)("a listing's counts (%s)", (engine) => {
  let index: SearchIndex;
  let dispose: () => Promise<void>;
  let decisions: number;

  beforeAll(async () => {
    ({ index, dispose } = await openTestIndex(engine));
    await index.upsertLetters(syntheticLetters(LETTERS));
    // The sample is sized from the row count ANALYZE records.
    await index.db.query('ANALYZE decisions');
    const { rows } = await index.db.query<{ n: number }>('SELECT count(*)::int AS n FROM decisions');
    decisions = rows[0]?.n as number;
  });
  afterAll(() => dispose());

  const sampleRows = () => Math.round(decisions / 3);

  it('stand on the sample, without counting, when it finds matches on many pages and reaches far past the limit', async () => {
    const { db, statements } = recordingDatabase(index.db);
    const page = await search(db, {}, { exactLimit: 5, sampleRows: sampleRows() });
    expect(page.exact).toBe(false);
    expect(page.total).toBeGreaterThanOrEqual(50);
    expect(page.total).toBeLessThan(decisions * 2);
    expect(page.letters).toBeLessThanOrEqual(page.total);
    expect(statements.filter(isSample)).toHaveLength(1);
    expect(statements.filter(isCount)).toHaveLength(0);
  });

  it('are counted exactly when the sample cannot settle them and the matches stay within the limit', async () => {
    const query = { outcome: 'overturned' as const, category: 'dme' as const };
    const exact = await search(index.db, query, { exactLimit: null });
    expect(exact.total).toBeGreaterThan(0);
    const { db, statements } = recordingDatabase(index.db);
    const page = await search(db, query, { exactLimit: exact.total, sampleRows: sampleRows() });
    expect(page).toEqual(exact);
    expect(statements.filter(isCount)).toHaveLength(1);
  });

  it("are the sample's estimate when the count runs past the limit", async () => {
    // The whole listing: about `decisions` matches, under ten times a limit of a fifth of them.
    const limits = { exactLimit: Math.round(decisions / 5), sampleRows: sampleRows() };
    const { db, statements } = recordingDatabase(index.db);
    const page = await search(db, {}, limits);
    expect(page.exact).toBe(false);
    expect(page.total).toBeGreaterThan(limits.exactLimit);
    expect(statements.filter(isCount)).toHaveLength(1);
    // The estimate is the sample's: the same as a search that settles on it without counting.
    const settled = await search(index.db, {}, { exactLimit: 1, sampleRows: limits.sampleRows });
    expect({ ...page, total: 0 }).toEqual({ ...settled, total: 0 });
  });
});
