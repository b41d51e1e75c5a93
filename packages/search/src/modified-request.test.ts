import { createHash } from 'node:crypto';
import type { Determination } from '@imr/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SearchIndex } from './search-index.ts';
import { ENGINES, openTestIndex } from './testing/databases.ts';
import { seedDeterminations } from './testing/fixtures.ts';

const seed = seedDeterminations()[1]!.determination;
const REQUEST = { original: 'Acupuncture #12', authorized: 'Acupuncture #6' };

function letter(name: string, decisions: Determination['decisions']): Determination {
  return { ...seed, letterId: createHash('sha256').update(name).digest('hex'), decisions };
}

describe.each(ENGINES)("a decision's modified request (%s)", (engine) => {
  let index: SearchIndex;
  let dispose: () => Promise<void>;
  beforeAll(async () => {
    ({ index, dispose } = await openTestIndex(engine));
  });
  afterAll(() => dispose());

  it('is stored and read back with its letter, null for a plain heading', async () => {
    const [first, ...rest] = seed.decisions;
    const modified = letter('modified', [{ ...first!, item: 'Acupuncture #6', request: REQUEST }, ...rest]);
    expect(await index.upsertLetter(modified, { bucket: 'b', key: 'modified.txt' })).toBe('inserted');
    const stored = await index.getLetter(modified.letterId!);
    expect(stored?.determination.decisions.map((d) => d.request)).toEqual([REQUEST, ...rest.map(() => null)]);
    expect(stored?.determination.decisions[0]?.item).toBe('Acupuncture #6');
  });

  it('reads as null in letters stored before the field existed', async () => {
    // A determination written by an earlier extractor: its decisions have no `request` at all.
    const old = letter(
      'before-request',
      seed.decisions.map(({ request: _r, ...d }) => d as Determination['decisions'][number]),
    );
    expect(await index.upsertLetter(old, { bucket: 'b', key: 'old.txt' })).toBe('inserted');
    // And a row as an earlier version of the index wrote it, without the key in its JSON.
    await index.db.query(
      `UPDATE letters SET determination = jsonb_set(determination, '{decisions}',
         (SELECT jsonb_agg(d - 'request') FROM jsonb_array_elements(determination->'decisions') d))
       WHERE id = $1`,
      [old.letterId],
    );
    const raw = await index.db.query<{ keys: boolean }>(
      `SELECT bool_or(d ? 'request') AS keys FROM letters, jsonb_array_elements(determination->'decisions') d
       WHERE id = $1`,
      [old.letterId],
    );
    expect(raw.rows[0]?.keys).toBe(false);
    const stored = await index.getLetter(old.letterId!);
    expect(stored?.determination.decisions.map((d) => d.request)).toEqual(seed.decisions.map(() => null));
  });
});
