import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SearchIndex } from './search-index.ts';
import { compactDecisionCounts, statsCountedFromDecisions } from './stats.ts';
import { ENGINES, openTestIndex } from './testing/databases.ts';
import { syntheticDetermination } from './testing/synthetic.ts';

const source = (n: number, copy = 0) => ({ bucket: 'letters', key: `letters/${n}-${copy}.txt` });

describe.each(ENGINES)('stats over every letter, from decision_counts (%s)', (engine) => {
  let index: SearchIndex;
  let dispose: () => Promise<void>;

  beforeAll(async () => {
    ({ index, dispose } = await openTestIndex(engine));
  });
  afterAll(() => dispose());

  const rows = async () =>
    (await index.db.query<{ n: number }>('SELECT count(*)::int AS n FROM decision_counts')).rows[0]?.n;

  it('equal the counts of the decisions through inserts, rewrites, second sources and removals', async () => {
    expect(await index.stats()).toEqual(await statsCountedFromDecisions(index.db));
    // Two batches, then single letters (the index stage's group commit), some with a second source.
    const letters = Array.from({ length: 120 }, (_, n) => syntheticDetermination(n));
    await index.upsertLetters(letters.slice(0, 60).map((d, n) => ({ determination: d, source: source(n) })));
    await index.upsertLetters(
      letters.slice(60).map((d, n) => ({ determination: d, source: source(n + 60) })),
    );
    for (let n = 0; n < 10; n++) await index.upsertLetter(letters[n] as never, source(n, 1));
    expect(await index.stats()).toEqual(await statsCountedFromDecisions(index.db));

    // Letters extracted again with other outcomes and categories: their decisions are rewritten.
    for (let n = 20; n < 40; n++) {
      const before = letters[n] as ReturnType<typeof syntheticDetermination>;
      const after = {
        ...before,
        decisions: before.decisions.map((d) => ({
          ...d,
          outcome: d.outcome === 'upheld' ? ('overturned' as const) : ('upheld' as const),
        })),
      };
      await index.upsertLetter(after, source(n));
    }
    // Sources removed: a letter with another source stays; the others go, with their decisions.
    for (let n = 0; n < 15; n++) await index.removeSource(source(n));
    for (let n = 100; n < 120; n++) await index.removeSource(source(n));
    const stats = await index.stats();
    expect(stats).toEqual(await statsCountedFromDecisions(index.db));
    expect(stats.letters).toBe(120 - 5 - 20);
    expect(stats.byCategory.length).toBeGreaterThan(3);

    // Folded into one row per group, they still add up; a group with no decision left is gone.
    const before = (await rows()) as number;
    await compactDecisionCounts(index.db);
    expect(await rows()).toBeLessThan(before);
    expect(await index.stats()).toEqual(stats);
  });

  it('are folded by the writers, so that a backfill with no stats read leaves few rows to sum', async () => {
    const lastId = async () =>
      Number((await index.db.query<{ id: string }>('SELECT max(id) AS id FROM decision_counts')).rows[0]?.id);
    const appendedFrom = await lastId();
    // Four writers at once (one after the other on PGlite), batches of five new letters, no read.
    await Promise.all(
      [0, 1, 2, 3].map(async (lane) => {
        for (let batch = 0; batch < 15; batch++) {
          const from = 1_000 + (lane * 15 + batch) * 5;
          await index.upsertLetters(
            Array.from({ length: 5 }, (_, i) => ({
              determination: syntheticDetermination(from + i),
              source: source(from + i),
            })),
          );
        }
      }),
    );
    // Well past a few folds' worth of deltas, yet about one fold's worth of rows (512) and the groups.
    expect((await lastId()) - appendedFrom).toBeGreaterThan(1_200);
    expect(await rows()).toBeLessThan(700);
    expect(await index.stats()).toEqual(await statsCountedFromDecisions(index.db));
  });
});
