import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SearchIndex } from './search-index.ts';
import { ENGINES, openTestIndex } from './testing/databases.ts';
import { syntheticDetermination } from './testing/synthetic.ts';

const LETTERS = 400;
const BROAD = 'pain or patient or treatment';
const LIMITS = { exactLimit: 10 };

describe.each(ENGINES)('a text match read shard by shard (%s)', (engine) => {
  let index: SearchIndex;
  let dispose: () => Promise<void>;
  let decisions: number;

  /** Matches of BROAD counted straight from the table, among letters whose id starts with `prefix`. */
  async function matchesAmong(prefix: string) {
    const { rows } = await index.db.query<{ total: number; letters: number }>(
      `SELECT count(*)::int AS total, count(DISTINCT letter_id)::int AS letters FROM decisions
       WHERE starts_with(letter_id, $1) AND document @@ websearch_to_tsquery('english', $2)`,
      [prefix, BROAD],
    );
    return rows[0] as { total: number; letters: number };
  }

  beforeAll(async () => {
    ({ index, dispose } = await openTestIndex(engine));
    await index.upsertLetters(
      Array.from({ length: LETTERS }, (_, n) => ({
        determination: syntheticDetermination(n),
        source: { bucket: 'letters', key: `${n}.txt` },
      })),
    );
    // The estimate picks its sample from the row count ANALYZE records.
    await index.db.query('ANALYZE decisions');
    const { rows } = await index.db.query<{ n: number }>('SELECT count(*)::int AS n FROM decisions');
    decisions = rows[0]?.n as number;
  });
  afterAll(() => dispose());

  it('finds every match once: the sample is read first, and not again with the rest of its shard', async () => {
    const all = await matchesAmong('');
    const page = await index.search({ q: BROAD }, { exactLimit: null });
    expect(page).toMatchObject({ exact: true, total: all.total, letters: all.letters });
    expect(all.total).toBeGreaterThan(decisions / 2);
  });

  it('estimates from the letters whose id starts with 0: a sixteenth of the table', async () => {
    // 16 x sampleRows decisions fit in the table, 256 x do not.
    const page = await index.search({ q: BROAD }, { ...LIMITS, sampleRows: Math.floor(decisions / 16) });
    const sample = await matchesAmong('0');
    expect(sample.total).toBeGreaterThan(0);
    expect(page).toMatchObject({ exact: false, total: 16 * sample.total, letters: 16 * sample.letters });
  });

  it('estimates from the letters whose id starts with 00 when the table holds 256 samples', async () => {
    const page = await index.search({ q: BROAD }, { ...LIMITS, sampleRows: Math.floor(decisions / 256) });
    const sample = await matchesAmong('00');
    expect(page.exact).toBe(false);
    // At least the exactLimit + 1 matches already found.
    expect(page.total).toBe(Math.max(256 * sample.total, LIMITS.exactLimit + 1));
  });

  it('counts every match when the table is smaller than sixteen samples', async () => {
    const page = await index.search({ q: BROAD }, { ...LIMITS, sampleRows: decisions });
    expect(page).toMatchObject({ exact: true, total: (await matchesAmong('')).total });
  });
});
