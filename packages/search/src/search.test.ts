import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SearchIndex } from './search-index.ts';
import { ENGINES, openTestIndex } from './testing/databases.ts';
import { parsedSeedDeterminations, type SeedLetter } from './testing/fixtures.ts';

const seeds = await parsedSeedDeterminations();
const idOf = (prefix: string) =>
  (seeds.find((s) => s.name.startsWith(prefix)) as SeedLetter).determination.letterId;

describe.each(ENGINES)('search over the seeds (%s)', (engine) => {
  let index: SearchIndex;
  let dispose: () => Promise<void>;

  beforeAll(async () => {
    ({ index, dispose } = await openTestIndex(engine));
    const outcomes = await index.upsertLetters(
      seeds.map((s) => ({
        determination: s.determination,
        source: { bucket: 'letters', key: `${s.name}.txt` },
      })),
    );
    expect(outcomes).toEqual(seeds.map(() => 'inserted'));
  });
  afterAll(() => dispose());

  it('finds exactly the two letters that dispute ketamine cream', async () => {
    const page = await index.search({ q: 'ketamine' });
    expect(new Set(page.hits.map((h) => h.letterId))).toEqual(new Set([idOf('000'), idOf('002')]));
    expect(page.letters).toBe(2);
    expect(page.hits.every((h) => /ketamine/i.test(h.item))).toBe(true);
    const highlighted = page.hits.flatMap((h) =>
      h.snippet.filter((p) => p.match).map((p) => p.text.toLowerCase()),
    );
    expect(highlighted).toContain('ketamine');
  });

  it('finds the overturned physical therapy decision by outcome and category', async () => {
    const page = await index.search({ outcome: 'overturned', category: 'physical-therapy' });
    expect(page.hits).toHaveLength(1);
    expect(page.hits[0]).toMatchObject({
      letterId: idOf('003'),
      ordinal: 1,
      outcome: 'overturned',
      category: 'physical-therapy',
      sessions: 6,
    });
    expect(page.total).toBe(1);
    expect(page.nextCursor).toBeNull();
  });

  it('supports websearch syntax: phrases, or, exclusion', async () => {
    const phrase = await index.search({ q: '"spine surgeon"' });
    expect(phrase.hits.map((h) => h.item)).toEqual(['Follow Up with Spine Surgeon']);
    // Stemming: "behavioral" and "behavior" are one lexeme.
    // Titles and rationales alike: seed 003's rationale quotes the "Cognitive Behavioral Therapy" guideline.
    const stemmed = await index.search({ q: '"cognitive behavioral therapy"' });
    expect(stemmed.hits.map((h) => h.item).sort()).toEqual([
      '6 sessions of cognitive behavioral therapy',
      'Chronic pain psychology evaluation and six sessions of treatment',
      'FOLLOW UP VISITS WITH THE PSYCHOLOGIST (COGNITIVE BEHAVIOR THERAPY) #12',
    ]);
    const either = await index.search({ q: 'percocet or morphine' });
    expect(new Set(either.hits.map((h) => h.letterId))).toEqual(new Set([idOf('002'), idOf('004')]));
    const excluded = await index.search({ q: 'cream -ketamine' });
    expect(excluded.hits.map((h) => h.item).sort()).toEqual(['CAPSAICIN 0.075% CREAM QTY: 1', 'Pain Cream']);
  });

  it('ranks a match in the item title above a match in the diagnoses only', async () => {
    // "depression" is only a diagnosis (weight A with the item) in 000 and 002; "psychologist" is in 000's item.
    const page = await index.search({ q: 'psychologist or depression' });
    expect(page.hits[0]?.item).toMatch(/PSYCHOLOGIST/);
    const ranks = page.hits.map((h) => h.rank as number);
    expect(ranks).toEqual([...ranks].sort((a, b) => b - a));
  });

  it('counts facets for the current query and filters', async () => {
    const all = await index.search({});
    expect(all.total).toBe(18);
    expect(all.letters).toBe(5);
    expect(all.facets.outcome).toEqual({ upheld: 17, overturned: 1 });
    expect(all.facets.category).toMatchObject({ medication: 9, psychotherapy: 3, 'physical-therapy': 2 });
    expect(all.facets.citationBody).toEqual({ MTUS: 17, ODG: 1, ACOEM: 1 });
    const medication = await index.search({ q: 'cream', category: 'medication' });
    expect(medication.facets.category).toEqual({ medication: 4 });
    expect(medication.facets.outcome).toEqual({ upheld: 4 });
  });

  it('filters by citation body, reviewer specialty, licensure and injury dates', async () => {
    const acoem = await index.search({ citationBody: 'ACOEM' });
    expect(acoem.hits.map((h) => h.item)).toEqual(['Follow Up with Spine Surgeon']);
    const psychiatry = await index.search({ reviewerSpecialty: 'psychiatry' });
    expect(new Set(psychiatry.hits.map((h) => h.letterId))).toEqual(new Set([idOf('003')]));
    const texas = await index.search({ licensure: ['tx'] });
    expect(new Set(texas.hits.map((h) => h.letterId))).toEqual(new Set([idOf('000'), idOf('004')]));
    const injured = await index.search({ injuryFrom: '2011-01-01', injuryTo: '2011-12-31' });
    expect(new Set(injured.hits.map((h) => h.letterId))).toEqual(new Set([idOf('001'), idOf('003')]));
    const none = await index.search({ decisionFrom: '2020-01-01' });
    expect(none.total).toBe(0);
  });

  it('pages through every hit exactly once, with and without a query', async () => {
    for (const query of [{ q: 'therapy or cream or mg or follow' }, {}]) {
      const first = await index.search({ ...query, limit: 100 });
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page = await index.search({ ...query, limit: 4, cursor });
        expect(page.hits.length).toBeLessThanOrEqual(4);
        seen.push(...page.hits.map((h) => `${h.letterId}:${h.ordinal}`));
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen).toEqual(first.hits.map((h) => `${h.letterId}:${h.ordinal}`));
      expect(new Set(seen).size).toBe(first.total);
    }
  });

  it('computes overturn rates', async () => {
    const stats = await index.stats();
    expect(stats.letters).toBe(5);
    expect(stats.totals).toMatchObject({ decisions: 18, upheld: 17, overturned: 1, undecided: 0 });
    expect(stats.totals.overturnRate).toBeCloseTo(1 / 18);
    expect(stats.byCategory.find((g) => g.key === 'physical-therapy')).toMatchObject({
      decisions: 2,
      overturned: 1,
      overturnRate: 0.5,
    });
    expect(stats.byGuideline.find((g) => g.key === 'MTUS')).toMatchObject({ decisions: 17, overturned: 1 });
    expect(stats.byReviewerSpecialty.find((g) => g.key === 'Psychiatry')).toMatchObject({
      decisions: 2,
      overturnRate: 0.5,
    });
    // No decision dates in the fixtures: every decision falls in the year it was indexed.
    expect(stats.byYear).toEqual([
      expect.objectContaining({ key: String(new Date().getUTCFullYear()), decisions: 18 }),
    ]);
    const filtered = await index.stats({ licensure: 'CA' });
    expect(filtered.letters).toBe(3);
    expect(filtered.byGuideline.find((g) => g.key === 'ACOEM')?.decisions).toBe(1);
  });

  it('returns a letter with its sources and its whole determination', async () => {
    const letter = await index.getLetter(idOf('003') as string);
    expect(letter?.sources).toEqual([{ bucket: 'letters', key: `${seeds[3]?.name}.txt`, etag: null }]);
    expect(letter?.determination.decisions).toHaveLength(2);
    expect(letter?.determination).not.toHaveProperty('source');
    // The decisions' texts are stored once, as decision columns, and joined back.
    for (const seed of seeds) {
      const { source: _source, ...determination } = seed.determination;
      expect((await index.getLetter(determination.letterId as string))?.determination).toEqual(determination);
    }
    expect(await index.getLetter('0'.repeat(64))).toBeNull();
  });

  it('counts exactly up to the limit', async () => {
    // The estimate sizes its sample from the row count ANALYZE recorded.
    await index.db.query('ANALYZE decisions');
    const exact = await index.search({ q: 'therapy or cream or mg or follow' }, { exactLimit: null });
    const bounded = await index.search(
      { q: 'therapy or cream or mg or follow' },
      { exactLimit: exact.total },
    );
    expect(bounded).toEqual(exact);
    expect(bounded.exact).toBe(true);
  });

  it('estimates beyond the limit, from a sample, and ranks the first matches found', async () => {
    const exact = await index.search({}, { exactLimit: null });
    const estimated = await index.search({}, { exactLimit: 3, sampleRows: 4 });
    expect(exact).toMatchObject({ exact: true, total: 18, letters: 5 });
    expect(estimated.exact).toBe(false);
    expect(estimated.total).toBeGreaterThanOrEqual(4);
    expect(estimated.letters).toBeLessThanOrEqual(estimated.total);
    expect(estimated.hits).toEqual(exact.hits);

    const ranked = await index.search(
      { q: 'therapy or cream or mg or follow', limit: 100 },
      { exactLimit: 3, sampleRows: 4 },
    );
    expect(ranked.exact).toBe(false);
    expect(ranked.hits).toHaveLength(3);
    const ranks = ranked.hits.map((h) => h.rank as number);
    expect(ranks).toEqual([...ranks].sort((a, b) => b - a));
  });

  it("a listing's sample as large as the table is an exact count", async () => {
    const page = await index.search({ outcome: 'upheld' }, { exactLimit: 1, sampleRows: 1_000 });
    const exact = await index.search({ outcome: 'upheld' }, { exactLimit: null });
    expect(page.exact).toBe(true);
    expect({ total: page.total, letters: page.letters, facets: page.facets }).toEqual({
      total: exact.total,
      letters: exact.letters,
      facets: exact.facets,
    });
  });
});
