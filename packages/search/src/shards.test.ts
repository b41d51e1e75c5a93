import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SearchIndex } from './search-index.ts';
import { ENGINES, openTestIndex } from './testing/databases.ts';
import { syntheticDetermination } from './testing/synthetic.ts';

const LETTERS = 400;
const BROAD = 'pain or patient or treatment';

describe.each(ENGINES)('a text match read shard by shard (%s)', (engine) => {
  let index: SearchIndex;
  let dispose: () => Promise<void>;
  let decisions: number;

  /** Matches of BROAD counted straight from the table, among letters whose id matches `pattern`. */
  async function matchesAmong(pattern: string) {
    const { rows } = await index.db.query<{ total: number; letters: number }>(
      `SELECT count(*)::int AS total, count(DISTINCT letter_id)::int AS letters FROM decisions
       WHERE letter_id ~ $1 AND document @@ websearch_to_tsquery('english', $2)`,
      [pattern, BROAD],
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

  /** The scopes a text match reads, as id patterns, with their parts of the letters in 256ths. */
  const SCOPES: Array<[string, number]> = [
    ['^00', 1],
    ['^0[1-3]', 3],
    ['^0[4-9a-f]', 12],
    ...[...'123456789abcdef'].map((h): [string, number] => [`^${h}`, 16]),
  ];

  it('estimates from the scopes it read to the end, scaled by their part of the letters', async () => {
    const counts = await Promise.all(SCOPES.map(([pattern]) => matchesAmong(pattern)));
    // Found: every match of the first four scopes (shard 0 and shard 1), and one more after them.
    const exactLimit = counts.slice(0, 4).reduce((n, c) => n + c.total, 0);
    const last = counts.findIndex((c, i) => i >= 4 && c.total > 0);
    const read = counts.slice(0, last);
    const share = 256 / SCOPES.slice(0, last).reduce((n, [, part]) => n + part, 0);
    const page = await index.search({ q: BROAD }, { exactLimit });
    expect(page).toMatchObject({
      exact: false,
      total: Math.round(share * read.reduce((n, c) => n + c.total, 0)),
      letters: Math.round(share * read.reduce((n, c) => n + c.letters, 0)),
    });
  });

  it('counts the first scope to its end when its matches alone are more than exactLimit', async () => {
    const first = await matchesAmong('^00');
    expect(first.total).toBeGreaterThanOrEqual(2);
    const page = await index.search({ q: BROAD }, { exactLimit: first.total - 1 });
    expect(page).toMatchObject({ exact: false, total: 256 * first.total, letters: 256 * first.letters });
  });

  it('counts every match when they are no more than exactLimit', async () => {
    const all = await matchesAmong('');
    const page = await index.search({ q: BROAD }, { exactLimit: all.total });
    expect(page).toMatchObject({ exact: true, total: all.total, letters: all.letters });
  });
});
