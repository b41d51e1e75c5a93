import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SearchDatabase } from './database.ts';
import { SearchInputError } from './errors.ts';
import type { SearchIndex } from './search-index.ts';
import { ENGINES, openTestIndex } from './testing/databases.ts';
import { syntheticDetermination } from './testing/synthetic.ts';
import { UpsertBatcher } from './upsert-batcher.ts';

/** The index's database, counting the transactions it is asked for. */
function counting(db: SearchDatabase): SearchDatabase & { transactions: number } {
  const counted = Object.create(db) as SearchDatabase & { transactions: number };
  counted.transactions = 0;
  counted.transaction = (fn) => {
    counted.transactions++;
    return db.transaction(fn);
  };
  return counted;
}

const letter = (n: number, namespace: string) => ({
  determination: syntheticDetermination(n, { namespace }),
  source: { bucket: 'b', key: `${namespace}/${n}.txt` },
});

describe.each(ENGINES)('batched upserts (%s)', (engine) => {
  let index: SearchIndex;
  let dispose: () => Promise<void>;
  const letters = async (namespace: string) =>
    (
      await index.db.query<{ n: number }>('SELECT count(*)::int AS n FROM letter_sources WHERE key LIKE $1', [
        `${namespace}/%`,
      ])
    ).rows[0]?.n;

  beforeAll(async () => {
    ({ index, dispose } = await openTestIndex(engine));
  });
  afterAll(() => dispose());

  it('writes letters that arrive together in one transaction, each caller with its outcome', async () => {
    const db = counting(index.db);
    const batcher = new UpsertBatcher(db);
    const outcomes = await Promise.all(
      Array.from({ length: 40 }, (_, n) => batcher.upsert(letter(n, 'together'))),
    );
    expect(outcomes).toEqual(Array(40).fill('inserted'));
    expect(db.transactions).toBe(1);
    expect(await letters('together')).toBe(40);
    // The same letters again: nothing to write, each told so.
    expect(await Promise.all([0, 1, 2].map((n) => batcher.upsert(letter(n, 'together'))))).toEqual([
      'unchanged',
      'unchanged',
      'unchanged',
    ]);
  });

  it('takes at most maxBatch letters a transaction', async () => {
    const db = counting(index.db);
    const batcher = new UpsertBatcher(db, 10);
    await Promise.all(Array.from({ length: 30 }, (_, n) => batcher.upsert(letter(n, 'bounded'))));
    expect(db.transactions).toBe(3);
    expect(await letters('bounded')).toBe(30);
  });

  it('puts letters that arrive during a write into the next transaction', async () => {
    const db = counting(index.db);
    let release = () => {};
    let started = () => {};
    const writing = new Promise<void>((resolve) => {
      started = resolve;
    });
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const transaction = db.transaction;
    db.transaction = async (fn) => {
      started();
      await gate;
      return transaction(fn);
    };
    const batcher = new UpsertBatcher(db);
    const first = [0, 1, 2].map((n) => batcher.upsert(letter(n, 'meanwhile')));
    await writing;
    const later = [3, 4, 5, 6].map((n) => batcher.upsert(letter(n, 'meanwhile')));
    release();
    await Promise.all([...first, ...later]);
    expect(db.transactions).toBe(2);
    expect(await letters('meanwhile')).toBe(7);
  });

  it('fails an invalid letter alone, before it joins a batch', async () => {
    const batcher = new UpsertBatcher(index.db);
    const broken = letter(1, 'invalid');
    broken.determination = {
      ...broken.determination,
      decisions: [{ ...broken.determination.decisions[0]!, rationale: 'lost \ud800 half' }],
    };
    const results = await Promise.allSettled([
      batcher.upsert(letter(0, 'invalid')),
      batcher.upsert(broken),
      batcher.upsert(letter(2, 'invalid')),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    const reason = (results[1] as PromiseRejectedResult).reason;
    expect(reason).toBeInstanceOf(SearchInputError);
    expect(reason).toMatchObject({ code: 'invalid_determination' });
    expect(await letters('invalid')).toBe(2);
  });

  it('writes a batch the database refuses letter by letter, so only the refused letter fails', async () => {
    const refused = letter(1, 'refused');
    const caseNumber = refused.determination.caseNumber as string;
    // A server-side rule this one letter breaks (a check constraint would do the same).
    await index.db.query(`CREATE FUNCTION refuse_case() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.case_number = '${caseNumber}' THEN RAISE EXCEPTION 'refused'; END IF; RETURN NEW; END $$`);
    await index.db.query(
      'CREATE TRIGGER refuse_case BEFORE INSERT ON letters FOR EACH ROW EXECUTE FUNCTION refuse_case()',
    );
    try {
      const db = counting(index.db);
      const batcher = new UpsertBatcher(db);
      const results = await Promise.allSettled(
        [letter(0, 'refused'), refused, letter(2, 'refused')].map((l) => batcher.upsert(l)),
      );
      expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
      expect(String((results[1] as PromiseRejectedResult).reason)).toMatch(/refused/);
      // The batch, then each letter on its own.
      expect(db.transactions).toBe(4);
      expect(await letters('refused')).toBe(2);
    } finally {
      await index.db.query('DROP TRIGGER refuse_case ON letters');
      await index.db.query('DROP FUNCTION refuse_case()');
    }
  });

  it('finishes the letters handed in before close', async () => {
    const { index: own, dispose: disposeOwn } = await openTestIndex(engine);
    try {
      const pending = Array.from({ length: 5 }, (_, n) =>
        own.upsertLetter(letter(n, 'closing').determination, letter(n, 'closing').source),
      );
      await own.close();
      expect(await Promise.all(pending)).toEqual(Array(5).fill('inserted'));
    } finally {
      await disposeOwn();
    }
  });

  it('refuses a batch size that is not a positive integer', () => {
    expect(() => new UpsertBatcher(index.db, 0)).toThrow(RangeError);
    expect(() => new UpsertBatcher(index.db, 1.5)).toThrow(RangeError);
  });
});
