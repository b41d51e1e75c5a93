import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { querySearch, TEXT_SETTINGS } from './planner.ts';
import type { SearchIndex } from './search-index.ts';
import { ENGINES, openTestIndex } from './testing/databases.ts';

const SHOW = `SELECT current_setting('enable_seqscan') AS seqscan, current_setting('work_mem') AS work_mem`;

describe.each(ENGINES)('search statements (%s)', (engine) => {
  let index: SearchIndex;
  let dispose: () => Promise<void>;

  beforeAll(async () => {
    ({ index, dispose } = await openTestIndex(engine));
  });
  afterAll(() => dispose());

  it('run a text match under the text settings, and every other statement as before', async () => {
    const before = await querySearch(index.db, 'filters', SHOW, []);
    expect(await querySearch(index.db, 'text', `${SHOW} WHERE $1::int = 1`, [1])).toEqual([
      { seqscan: 'off', work_mem: TEXT_SETTINGS.work_mem },
    ]);
    // Nothing of them stays on for a listing or a write afterwards, on any connection.
    const after = await Promise.all(
      Array.from({ length: 4 }, () => querySearch(index.db, 'filters', SHOW, [])),
    );
    expect(before).toMatchObject([{ seqscan: 'on' }]);
    expect(before).not.toEqual([{ seqscan: 'off', work_mem: TEXT_SETTINGS.work_mem }]);
    for (const rows of after) expect(rows).toEqual(before);
  });
});
