import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FiltersInput, SearchQuery } from './inputs.ts';
import { querySearch } from './planner.ts';
import { search } from './search.ts';
import type { SearchIndex } from './search-index.ts';
import { ENGINES, openTestIndex } from './testing/databases.ts';
import { type RecordedStatement, recordingDatabase } from './testing/recording.ts';
import { syntheticLetters } from './testing/synthetic.ts';

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
    await index.upsertLetters(syntheticLetters(LETTERS));
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
    ['^[1-3]', 48],
    ['^[4-7]', 64],
    ['^[89ab]', 64],
    ['^[c-f]', 64],
  ];

  it('estimates from the scopes it read to the end, scaled by their part of the letters', async () => {
    const counts = await Promise.all(SCOPES.map(([pattern]) => matchesAmong(pattern)));
    // Found: every match of the first four scopes (ids from 00 to 3f), and one more after them.
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
    // The page's statement stops inside the first scope: the estimate reads the rest of it.
    const first = await matchesAmong('^00');
    expect(first.total).toBeGreaterThanOrEqual(3);
    const page = await index.search({ q: BROAD }, { exactLimit: 1 });
    expect(page).toMatchObject({ exact: false, total: 256 * first.total, letters: 256 * first.letters });
  });

  it('counts every match when they are no more than exactLimit', async () => {
    const all = await matchesAmong('');
    const page = await index.search({ q: BROAD }, { exactLimit: all.total });
    expect(page).toMatchObject({ exact: true, total: all.total, letters: all.letters });
  });

  /** Every hit of a query, as `letterId/ordinal`, paged through with its cursor. */
  async function everyHit(query: SearchQuery): Promise<Set<string>> {
    const hits = new Set<string>();
    let cursor: string | undefined;
    do {
      const page = await index.search({ ...query, limit: 100, cursor }, { exactLimit: null });
      for (const hit of page.hits) hits.add(`${hit.letterId}/${hit.ordinal}`);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return hits;
  }

  it('checks each filter beside a text match as a listing does, a missing value included', async () => {
    const text = await everyHit({ q: BROAD });
    const filters: FiltersInput[] = [
      { outcome: 'upheld' },
      { category: ['medication', 'physical-therapy'] },
      { citationBody: 'ODG' },
      { reviewerSpecialty: 'Pain Medicine' },
      { licensure: 'TX' },
      { injuryFrom: '2010-01-01' },
      { injuryTo: '2010-01-01' },
      { decisionFrom: '2014-01-01', decisionTo: '2014-12-31' },
    ];
    for (const filter of filters) {
      const listed = await everyHit(filter);
      const both = [...text].filter((hit) => listed.has(hit));
      expect(both.length, JSON.stringify(filter)).toBeGreaterThan(0);
      expect(both.length, JSON.stringify(filter)).toBeLessThan(text.size);
      expect([...(await everyHit({ q: BROAD, ...filter }))].sort(), JSON.stringify(filter)).toEqual(
        both.sort(),
      );
    }
  });

  it('reads each scope through its own partial index, never the table', async () => {
    const { db: spy, statements } = recordingDatabase(index.db);
    const filters: FiltersInput = {
      outcome: 'upheld',
      category: ['medication', 'physical-therapy'],
      citationBody: 'MTUS',
      reviewerSpecialty: 'Pain Medicine',
      licensure: 'CA',
      decisionFrom: '2010-01-01',
    };
    await search(spy, { q: BROAD, ...filters }, { exactLimit: 1 });
    // One text statement, under the text settings.
    expect(statements.filter((s) => s.options?.settings)).toHaveLength(1);
    expect(statements).toHaveLength(1);
    const { sql, params } = statements[0] as RecordedStatement;
    const [row] = await querySearch<{ 'QUERY PLAN': unknown }>(
      index.db,
      'text',
      `EXPLAIN (FORMAT JSON) ${sql}`,
      [...params],
    );
    const plan = row?.['QUERY PLAN'];
    const nodes: Array<Record<string, unknown>> = [];
    const walk = (node: Record<string, unknown>) => {
      nodes.push(node);
      for (const child of (node.Plans as Array<Record<string, unknown>> | undefined) ?? []) walk(child);
    };
    walk((typeof plan === 'string' ? JSON.parse(plan) : plan)[0].Plan);
    const indexes = nodes.filter((n) => n['Node Type'] === 'Bitmap Index Scan').map((n) => n['Index Name']);
    expect(new Set(indexes)).toEqual(
      new Set([
        'decisions_match_00_idx',
        'decisions_match_01_03_idx',
        'decisions_match_04_0f_idx',
        'decisions_match_1_3_idx',
        'decisions_match_4_7_idx',
        'decisions_match_8_b_idx',
        'decisions_match_c_f_idx',
      ]),
    );
    // The query is parsed once a statement (an InitPlan's value: `$n` before PostgreSQL 17), not once
    // a row it tests or ranks.
    const conditions = nodes
      .filter((n) => n['Node Type'] === 'Bitmap Index Scan')
      .map((n) => n['Index Cond']);
    // Each part's index also holds the filters but the dates, and intersects them with the match.
    expect(conditions).toHaveLength(7);
    for (const condition of conditions) {
      expect(condition).toMatch(/^\(\(document @@ (\$\d+|\(InitPlan \d+\)\.col1)\) AND /);
      for (const filter of [
        'ARRAY[outcome] && ',
        'ARRAY[category] && ',
        "(citation_bodies || '{}'::text[]) && ",
        "(specialty_keys || '{}'::text[]) && ",
        "(licensure || '{}'::text[]) && ",
      ]) {
        expect(condition).toContain(filter);
      }
      expect(condition).not.toContain('date');
    }
    // The page's own rows are read by primary key; no part of the table is read in full.
    expect(nodes.filter((n) => n['Node Type'] === 'Seq Scan').map((n) => n['Relation Name'])).toEqual([]);
  });
});
