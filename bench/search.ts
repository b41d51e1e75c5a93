// Search index benchmark: batched indexing throughput and query latency on a PostgreSQL server.
//   npm run bench -- search        (BENCH_LETTERS=100000, BENCH_BATCH=500, BENCH_CONCURRENCY=2)
// Creates a database imr_test_<random> on DATABASE_URL's server (default: local, user postgres) and
// drops it afterwards. Indexing is measured three ways on the first BENCH_BASELINE_LETTERS letters,
// each in a fresh database: one letter a transaction, four at a time (the baseline); single-letter
// calls sixteen at a time, as the index stage makes them, coalesced by the index (group commit);
// then all BENCH_LETTERS in explicit batches. The queries run twice: with unbounded exact counting
// and ranking (BENCH_BASELINE_RUNS times) and with the default limits.
import { performance } from 'node:perf_hooks';
import type { Determination } from '@imr/contracts';
import {
  DEFAULT_EXACT_LIMIT,
  openSearchDatabase,
  type SearchIndex,
  type SearchLimits,
  type SearchQuery,
} from '@imr/search';
import { createTestDatabase, syntheticDetermination } from '@imr/search/testing';
import { percentile, QUICK, report } from './lib/report.ts';

const LETTERS = Number(process.env.BENCH_LETTERS ?? (QUICK ? 10_000 : 100_000));
const BATCH = Number(process.env.BENCH_BATCH ?? 500);
/** Letters generated ahead at a time (their JSON is held until they are indexed). */
const WINDOW = 50_000;
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 2);
const RUNS = Number(process.env.BENCH_QUERY_RUNS ?? 10);
const BASELINE_RUNS = Number(process.env.BENCH_BASELINE_RUNS ?? 3);
const BASELINE_LETTERS = Math.min(LETTERS, Number(process.env.BENCH_BASELINE_LETTERS ?? 3_000));
const TARGET_RATE = 2_000;
const TARGET_P95_MS = 50;

const QUERIES: SearchQuery[] = [
  { q: 'ketamine' },
  { q: 'ketamine cream', outcome: 'upheld' },
  { q: '"physical therapy"', category: 'physical-therapy' },
  { q: 'opioid or tramadol', outcome: 'overturned' },
  { q: 'acupuncture -chiropractic' },
  { outcome: 'overturned', category: 'physical-therapy' },
  { q: 'lumbar radiculopathy', citationBody: 'ODG' },
  { q: 'epidural injection', reviewerSpecialty: 'Pain Medicine' },
  { q: 'functional improvement', licensure: 'TX' },
  { q: 'gabapentin', decisionFrom: '2014-01-01', decisionTo: '2014-12-31' },
  { q: 'MRI', category: 'imaging', injuryFrom: '2005-01-01' },
  { q: 'depression', category: 'psychotherapy' },
  {},
  { licensure: 'CA', decisionFrom: '2015-01-01' },
  { q: 'carpal tunnel release', outcome: 'overturned' },
  { q: '"TENS unit"', category: 'dme' },
  { q: 'wean taper opioid' },
  { q: 'spinal stenosis', citationBody: ['MTUS', 'ACOEM'] },
  { q: 'trial failed', reviewerSpecialty: 'Psychiatry', outcome: 'upheld' },
  { q: 'fentanyl', limit: 50 },
];

const at = (sorted: number[], p: number) => percentile(sorted, p) as number;

async function runQueries(
  label: string,
  limits: SearchLimits,
  runs: number,
): Promise<{ p50Ms: number; p95Ms: number }> {
  const all: number[] = [];
  console.log(`\n${QUERIES.length} queries (hits + facets), ${label}, ${runs} runs each after one warm-up:`);
  for (const query of QUERIES) {
    let page = await index.search(query, limits);
    const times: number[] = [];
    for (let run = 0; run < runs; run++) {
      const t0 = performance.now();
      page = await index.search(query, limits);
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    all.push(...times);
    const total = `${page.exact ? '' : '~'}${page.total}`;
    console.log(
      `  p50 ${at(times, 50).toFixed(1).padStart(6)} ms  p95 ${at(times, 95).toFixed(1).padStart(6)} ms` +
        `  ${total.padStart(8)} hits  ${JSON.stringify(query)}`,
    );
  }
  all.sort((a, b) => a - b);
  const p95 = at(all, 95);
  console.log(
    `all queries: p50 ${at(all, 50).toFixed(1)} ms, p95 ${p95.toFixed(1)} ms ` +
      `(target p95 <= ${TARGET_P95_MS} ms: ${p95 <= TARGET_P95_MS ? 'met' : 'MISSED'})`,
  );
  return { p50Ms: Math.round(10 * at(all, 50)) / 10, p95Ms: Math.round(10 * p95) / 10 };
}

const source = (n: number) => ({ bucket: 'bench', key: `letters/${n}.txt`, etag: `"${n}"` });

/** Letters per second of `upsert` over the first BASELINE_LETTERS letters, `concurrency` calls at a time. */
async function singleLetterRate(
  concurrency: number,
  upsert: (index: SearchIndex, n: number, determination: Determination) => Promise<unknown>,
): Promise<number> {
  const scratch = await createTestDatabase('postgres');
  const index = await openSearchDatabase({ ...scratch.location, poolSize: concurrency + 2 });
  try {
    const letters = Array.from({ length: BASELINE_LETTERS }, (_, n) =>
      JSON.stringify(syntheticDetermination(n)),
    );
    let next = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < letters.length) {
          const n = next++;
          await upsert(index, n, JSON.parse(letters[n] as string));
        }
      }),
    );
    return BASELINE_LETTERS / ((performance.now() - started) / 1000);
  } finally {
    await index.close();
    await scratch.drop();
  }
}

const baselineRate = await singleLetterRate(4, (index, n, determination) =>
  index.upsertLetters([{ determination, source: source(n) }]),
);
console.log(
  `baseline: ${BASELINE_LETTERS} letters, one a transaction, 4 at a time: ${Math.round(baselineRate)} letters/s`,
);
const coalescedRate = await singleLetterRate(16, (index, n, determination) =>
  index.upsertLetter(determination, source(n)),
);
console.log(
  `index stage: ${BASELINE_LETTERS} single-letter calls, 16 at a time, coalesced: ${Math.round(coalescedRate)} letters/s ` +
    `(${(coalescedRate / baselineRate).toFixed(1)}x the baseline)`,
);

const database = await createTestDatabase('postgres');
const index = await openSearchDatabase({ ...database.location, poolSize: CONCURRENCY + 2 });
// Interrupted (Ctrl-C, a CI timeout): drop the database all the same.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void index
      .close()
      .finally(() => database.drop())
      .finally(() => process.exit(130));
  });
}
try {
  console.log(`indexing ${LETTERS} synthetic letters, batches of ${BATCH}, ${CONCURRENCY} at a time`);
  // The letters are generated ahead, as the JSON a queue would deliver, a window at a time (a
  // million letters at once would not fit in the heap): the timer measures the index (parsing,
  // validation, writing), not the generator.
  let seconds = 0;
  let generatingSeconds = 0;
  let decisions = 0;
  for (let windowStart = 0; windowStart < LETTERS; windowStart += WINDOW) {
    const windowEnd = Math.min(LETTERS, windowStart + WINDOW);
    const generating = performance.now();
    const batches: Array<{ from: number; json: string }> = [];
    for (let from = windowStart; from < windowEnd; from += BATCH) {
      const determinations = [];
      for (let n = from; n < Math.min(windowEnd, from + BATCH); n++) {
        const determination = syntheticDetermination(n);
        decisions += determination.decisions.length;
        determinations.push(determination);
      }
      batches.push({ from, json: JSON.stringify(determinations) });
    }
    generatingSeconds += (performance.now() - generating) / 1000;
    let next = 0;
    const started = performance.now();
    const worker = async () => {
      while (next < batches.length) {
        const { from, json } = batches[next++] as { from: number; json: string };
        const determinations: Determination[] = JSON.parse(json);
        await index.upsertLetters(
          determinations.map((determination, i) => ({ determination, source: source(from + i) })),
        );
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    seconds += (performance.now() - started) / 1000;
    if (LETTERS > WINDOW) console.log(`  ${windowEnd} letters indexed (${seconds.toFixed(0)} s)`);
  }
  console.log(`generated in ${generatingSeconds.toFixed(1)} s (not timed)`);
  const rate = LETTERS / seconds;
  console.log(
    `indexed ${LETTERS} letters (${decisions} decisions) in ${seconds.toFixed(1)} s: ${Math.round(rate)} letters/s ` +
      `(${(rate / baselineRate).toFixed(1)}x the baseline; target >= ${TARGET_RATE}: ${rate >= TARGET_RATE ? 'met' : 'MISSED'})`,
  );

  const vacuumStarted = performance.now();
  await index.db.query('VACUUM ANALYZE');
  console.log(`VACUUM ANALYZE ${((performance.now() - vacuumStarted) / 1000).toFixed(1)} s`);

  // Re-indexing the same letters writes nothing.
  const again = performance.now();
  const outcomes = await index.upsertLetters(
    Array.from({ length: Math.min(BATCH, LETTERS) }, (_, n) => ({
      determination: syntheticDetermination(n),
      source: source(n),
    })),
  );
  const unchanged = outcomes.filter((o) => o === 'unchanged').length;
  console.log(
    `re-index of ${outcomes.length}: ${unchanged} unchanged in ${(performance.now() - again).toFixed(0)} ms`,
  );

  await runQueries('unbounded exact counts and ranking (before)', { exactLimit: null }, BASELINE_RUNS);
  const queries = await runQueries(`default limits (exact up to ${DEFAULT_EXACT_LIMIT} matches)`, {}, RUNS);

  const statsStarted = performance.now();
  await index.stats();
  const statsMs = performance.now() - statsStarted;
  console.log(`stats (all letters): ${statsMs.toFixed(0)} ms`);
  report({ search: { letters: LETTERS, queries, statsMs: Math.round(statsMs) } });
} finally {
  await index.close();
  await database.drop();
}
