import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SearchInputError } from './errors.ts';
import type { SearchQuery } from './inputs.ts';
import type { SearchIndex } from './search-index.ts';
import { ENGINES, openTestIndex } from './testing/databases.ts';
import { parsedSeedDeterminations } from './testing/fixtures.ts';

const seeds = await parsedSeedDeterminations();

const HOSTILE_TEXT = [
  "'; DROP TABLE letters; --",
  "ketamine' OR '1'='1",
  '$1) OR true --',
  'ketamine)) UNION SELECT id, id FROM letters --',
  '\\x27; SELECT pg_sleep(10); --',
  '!!! & | <-> :* ()',
  '"unterminated phrase',
  `${'a'.repeat(499)}`,
  'é"\'\\💥',
];

/** Expect either an empty or a well-formed result, or a SearchInputError; anything else fails. */
async function settle(run: () => Promise<unknown>): Promise<'ok' | string> {
  try {
    await run();
    return 'ok';
  } catch (error) {
    if (error instanceof SearchInputError) return error.code;
    throw error;
  }
}

describe.each(ENGINES)('hostile input (%s)', (engine) => {
  let index: SearchIndex;
  let dispose: () => Promise<void>;

  beforeAll(async () => {
    ({ index, dispose } = await openTestIndex(engine));
    await index.upsertLetters(
      seeds.map((s) => ({ determination: s.determination, source: { bucket: 'letters', key: s.name } })),
    );
  });
  afterAll(() => dispose());

  it('treats query text as words, never as SQL', async () => {
    for (const q of HOSTILE_TEXT) {
      const page = await index.search({ q });
      expect(page.hits.every((h) => typeof h.letterId === 'string')).toBe(true);
      expect(page.total).toBeLessThanOrEqual(18);
    }
    // Everything survived.
    expect((await index.stats()).letters).toBe(5);
  });

  it('passes hostile filter values as parameters or refuses them', async () => {
    for (const value of HOSTILE_TEXT) {
      expect((await index.search({ reviewerSpecialty: value.slice(0, 100) })).total).toBe(0);
      const attempts: SearchQuery[] = [
        { outcome: value as never },
        { category: [value as never] },
        { citationBody: value as never },
        { licensure: value },
        { injuryFrom: value },
        { decisionTo: value },
      ];
      for (const attempt of attempts) {
        expect(await settle(() => index.search(attempt))).toBe('invalid_filter');
        expect(await settle(() => index.stats(attempt as never))).toBe('invalid_filter');
      }
    }
    expect((await index.stats()).letters).toBe(5);
  });

  it('refuses impossible dates, NUL bytes, overlong queries, odd page sizes and unknown fields', async () => {
    expect(await settle(() => index.search({ injuryFrom: '2013-02-30' }))).toBe('invalid_filter');
    expect(await settle(() => index.search({ decisionFrom: '0000-01-01' }))).toBe('invalid_filter');
    expect(await settle(() => index.search({ q: 'keta\0mine' }))).toBe('invalid_query');
    expect(await settle(() => index.search({ reviewerSpecialty: 'a\0' }))).toBe('invalid_filter');
    expect(await settle(() => index.search({ q: 'a'.repeat(501) }))).toBe('invalid_query');
    for (const limit of [0, 101, 2.5, -1, Number.NaN, 'ten']) {
      expect(await settle(() => index.search({ limit: limit as number }))).toBe('invalid_page_size');
    }
    expect(await settle(() => index.search({ limit: '5' as unknown as number }))).toBe('ok');
    expect(await settle(() => index.search({ orderBy: 'id; DROP TABLE letters' } as never))).toBe(
      'invalid_filter',
    );
    expect(await settle(() => index.getLetter("' OR 1=1 --"))).toBe('invalid_letter_id');
    expect(await settle(() => index.removeSource({ bucket: '', key: 'x' }))).toBe('invalid_source');
  });

  it('refuses forged, foreign and malformed cursors', async () => {
    const first = await index.search({ q: 'cream', limit: 1 });
    expect(first.nextCursor).not.toBeNull();
    const cursor = first.nextCursor as string;
    expect(await settle(() => index.search({ q: 'cream', limit: 1, cursor }))).toBe('ok');
    // A cursor only continues its own search.
    expect(await settle(() => index.search({ q: 'ketamine', limit: 1, cursor }))).toBe('invalid_cursor');
    expect(await settle(() => index.search({ limit: 1, cursor }))).toBe('invalid_cursor');

    const [version, scope, order, , letterId, ordinal] = JSON.parse(
      Buffer.from(cursor, 'base64url').toString(),
    );
    const forge = (...tuple: unknown[]) => Buffer.from(JSON.stringify(tuple)).toString('base64url');
    const forged = [
      forge(version, scope, order, "0.1'::real OR 1=1 --", letterId, ordinal),
      forge(version, scope, order, '1e999', letterId, ordinal),
      forge(version, scope, order, '0.5', "x' OR '1'='1", ordinal),
      forge(version, scope, order, '0.5', letterId, -1),
      forge(version, scope, 'recency', '2013-13-45', letterId, ordinal),
      forge(2, scope, order, '0.5', letterId, ordinal),
      'not base64 at all!',
      Buffer.from('{"a":1}').toString('base64url'),
      'x'.repeat(1001),
    ];
    for (const bad of forged) {
      expect(await settle(() => index.search({ q: 'cream', limit: 1, cursor: bad }))).toBe('invalid_cursor');
    }
  });
});
