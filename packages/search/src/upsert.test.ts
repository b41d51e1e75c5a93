import { createHash } from 'node:crypto';
import type { Determination } from '@imr/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SearchInputError } from './errors.ts';
import type { SearchIndex } from './search-index.ts';
import { ENGINES, openTestIndex } from './testing/databases.ts';
import { seedDeterminations } from './testing/fixtures.ts';

const [seed0, seed1, seed2] = seedDeterminations().map((s) => s.determination) as [
  Determination,
  Determination,
  Determination,
];

/** A copy of a determination under another letter id (other bytes). */
function asLetter(determination: Determination, name: string): Determination {
  return { ...determination, letterId: createHash('sha256').update(name).digest('hex') };
}

function withVersion(determination: Determination, version: string, item?: string): Determination {
  const decisions = determination.decisions.map((d, i) => (i === 0 && item ? { ...d, item } : d));
  return { ...determination, decisions, extractor: { name: 'parser', version } };
}

describe.each(ENGINES)('writing letters (%s)', (engine) => {
  let index: SearchIndex;
  let dispose: () => Promise<void>;
  const count = async (table: string) =>
    (await index.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`)).rows[0]?.n;

  /** A letter's decision and citation rows (written and deleted by the writer: no foreign keys). */
  const rowsOf = async (letterId: string) =>
    (
      await index.db.query<{ decisions: number; citations: number }>(
        `SELECT (SELECT count(*)::int FROM decisions WHERE letter_id = $1) AS decisions,
           (SELECT count(*)::int FROM citations WHERE letter_id = $1) AS citations`,
        [letterId],
      )
    ).rows[0];

  beforeAll(async () => {
    ({ index, dispose } = await openTestIndex(engine));
  });
  afterAll(() => dispose());

  it('indexes a letter once however often it arrives', async () => {
    const letter = asLetter(seed0, 'idempotent');
    const source = { bucket: 'b', key: 'idempotent.txt', etag: '"e1"' };
    expect(await index.upsertLetter(letter, source)).toBe('inserted');
    expect(await index.upsertLetter(letter, source)).toBe('unchanged');
    // Key order does not make a determination different.
    const reordered = Object.fromEntries(Object.entries(letter).reverse()) as Determination;
    expect(await index.upsertLetter(reordered, source)).toBe('unchanged');
    const rows = await index.db.query<{ n: number }>('SELECT count(*)::int AS n FROM letters WHERE id = $1', [
      letter.letterId,
    ]);
    expect(rows.rows[0]?.n).toBe(1);
    const decisions = await index.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM decisions WHERE letter_id = $1',
      [letter.letterId],
    );
    expect(decisions.rows[0]?.n).toBe(seed0.decisions.length);
  });

  it('keeps one letter with two sources when the same bytes sit under two keys', async () => {
    const letter = asLetter(seed1, 'two-keys');
    expect(await index.upsertLetter(letter, { bucket: 'b', key: 'copy-1.txt' })).toBe('inserted');
    expect(await index.upsertLetter(letter, { bucket: 'b', key: 'copy-2.txt' })).toBe('unchanged');
    const stored = await index.getLetter(letter.letterId as string);
    expect(stored?.sources.map((s) => s.key)).toEqual(['copy-1.txt', 'copy-2.txt']);

    expect(await index.removeSource({ bucket: 'b', key: 'copy-1.txt' })).toEqual({
      sourceRemoved: true,
      letterRemoved: false,
      letterId: letter.letterId,
    });
    expect(await index.getLetter(letter.letterId as string)).not.toBeNull();
    expect(await index.removeSource({ bucket: 'b', key: 'copy-2.txt' })).toMatchObject({
      letterRemoved: true,
    });
    expect(await index.getLetter(letter.letterId as string)).toBeNull();
    expect(await index.search({ q: 'acupuncture', licensure: 'CA', category: 'acupuncture' })).toMatchObject({
      total: 0,
    });
    expect(await index.removeSource({ bucket: 'b', key: 'copy-2.txt' })).toEqual({
      sourceRemoved: false,
      letterRemoved: false,
      letterId: null,
    });
  });

  it('moves a key whose content changed to the new letter and drops the old one', async () => {
    const before = asLetter(seed2, 'content-v1');
    const after = asLetter(seed2, 'content-v2');
    const key = { bucket: 'b', key: 'changing.txt' };
    await index.upsertLetter(before, { ...key, etag: '"v1"' });
    expect(await index.upsertLetter(after, { ...key, etag: '"v2"' })).toBe('inserted');
    expect(await index.getLetter(before.letterId as string)).toBeNull();
    expect((await index.getLetter(after.letterId as string))?.sources).toEqual([{ ...key, etag: '"v2"' }]);
    expect(await rowsOf(before.letterId as string)).toEqual({ decisions: 0, citations: 0 });
  });

  it('drops a letter that a later entry of the same batch takes its only key from', async () => {
    const first = asLetter(seed2, 'in-batch-v1');
    const second = asLetter(seed2, 'in-batch-v2');
    const key = { bucket: 'b', key: 'in-batch.txt' };
    expect(
      await index.upsertLetters([
        { determination: first, source: key },
        { determination: second, source: key },
      ]),
    ).toEqual(['inserted', 'inserted']);
    expect(await index.getLetter(first.letterId as string)).toBeNull();
    expect(await rowsOf(first.letterId as string)).toEqual({ decisions: 0, citations: 0 });
    expect((await index.getLetter(second.letterId as string))?.sources).toEqual([{ ...key, etag: null }]);
  });

  it('replaces an older extraction with a newer one, never the reverse', async () => {
    const id = 'versions';
    const source = { bucket: 'b', key: 'versions.txt' };
    const v1 = withVersion(asLetter(seed0, id), '1.2.0', 'Original item');
    const v2 = withVersion(asLetter(seed0, id), '1.10.0', 'Better item');
    const old = withVersion(asLetter(seed0, id), '1.9.9', 'Stale item');
    expect(await index.upsertLetter(v1, source)).toBe('inserted');
    expect(await index.upsertLetter(v2, source)).toBe('updated');
    expect(await index.upsertLetter(old, source)).toBe('skipped-older');
    const stored = await index.getLetter(v1.letterId as string);
    expect(stored?.extractorVersion).toBe('1.10.0');
    expect(stored?.determination.decisions[0]?.item).toBe('Better item');
    // The decisions were replaced as a whole: the old item is no longer searchable.
    expect((await index.search({ q: 'original item' })).total).toBe(0);
    expect((await index.search({ q: '"better item"' })).hits.map((h) => h.letterId)).toEqual([v1.letterId]);
    const decisions = await index.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM decisions WHERE letter_id = $1',
      [v1.letterId],
    );
    expect(decisions.rows[0]?.n).toBe(seed0.decisions.length);
  });

  it('applies a batch in order and reports each entry', async () => {
    const a = withVersion(asLetter(seed1, 'batch-a'), '2.0.0');
    const aNewer = withVersion(asLetter(seed1, 'batch-a'), '2.1.0', 'Changed');
    const b = asLetter(seed2, 'batch-b');
    const outcomes = await index.upsertLetters([
      { determination: a, source: { bucket: 'b', key: 'batch-a.txt' } },
      { determination: b, source: { bucket: 'b', key: 'batch-b.txt' } },
      { determination: a, source: { bucket: 'b', key: 'batch-a.txt' } },
      { determination: aNewer, source: { bucket: 'b', key: 'batch-a-copy.txt' } },
      { determination: a, source: { bucket: 'b', key: 'batch-a.txt' } },
    ]);
    expect(outcomes).toEqual(['inserted', 'inserted', 'unchanged', 'updated', 'skipped-older']);
    const stored = await index.getLetter(a.letterId as string);
    expect(stored?.extractorVersion).toBe('2.1.0');
    expect(stored?.sources.map((s) => s.key)).toEqual(['batch-a-copy.txt', 'batch-a.txt']);
  });

  it('takes the letter id from the caller when the determination has none', async () => {
    const letterId = createHash('sha256').update('given-id').digest('hex');
    const letter = { ...seed0, letterId: null };
    expect(await index.upsertLetter(letter, { bucket: 'b', key: 'given.txt' }, { letterId })).toBe(
      'inserted',
    );
    expect(await index.getLetter(letterId)).not.toBeNull();
    await expect(index.upsertLetter(letter, { bucket: 'b', key: 'none.txt' })).rejects.toMatchObject({
      code: 'invalid_letter_id',
    });
  });

  it('refuses invalid letters and sources before writing anything', async () => {
    const letters = await count('letters');
    const invalid = { ...asLetter(seed0, 'invalid'), layout: 'unknown' } as unknown as Determination;
    await expect(
      index.upsertLetters([
        { determination: asLetter(seed0, 'valid-in-bad-batch'), source: { bucket: 'b', key: 'ok.txt' } },
        { determination: invalid, source: { bucket: 'b', key: 'bad.txt' } },
      ]),
    ).rejects.toBeInstanceOf(SearchInputError);
    await expect(
      index.upsertLetter(asLetter(seed0, 'nul-key'), { bucket: 'b', key: 'a\0b' }),
    ).rejects.toMatchObject({ code: 'invalid_source' });
    await expect(
      index.upsertLetter(withVersion(asLetter(seed0, 'bad-version'), 'latest'), {
        bucket: 'b',
        key: 'v.txt',
      }),
    ).rejects.toMatchObject({ code: 'invalid_determination' });
    // Counts beyond PostgreSQL's integer range are refused here, not by SQL.
    const huge = {
      ...asLetter(seed1, 'huge'),
      decisions: [
        { ...seed1.decisions[0], treatment: { ...seed1.decisions[0]?.treatment, sessions: 2 ** 40 } },
      ],
    } as Determination;
    await expect(index.upsertLetter(huge, { bucket: 'b', key: 'huge.txt' })).rejects.toMatchObject({
      code: 'invalid_determination',
    });
    expect(await count('letters')).toBe(letters);
  });
});
