// npm run bench -- ftfy: encoding repair on ftfy's test cases, and normalize throughput on the seeds.
import { existsSync, readFileSync } from 'node:fs';
import { normalizeBytes, repairMojibake } from '@imr/parser';

const root = new URL('../../shared/', import.meta.url).pathname;
if (!existsSync(`${root}benchmarks/ftfy`)) {
  console.error(
    `ftfy cases not found at ${root}benchmarks/ftfy: the shared corpus must sit beside the repository`,
  );
  process.exit(1);
}
interface Case {
  label: string;
  original: string;
  fixed: string;
  'fixed-encoding'?: string;
  expect: string;
}
const load = (name: string): Case[] =>
  JSON.parse(readFileSync(`${root}benchmarks/ftfy/${name}.json`, 'utf8'));
const straight = (s: string) =>
  s.replace(/[\u2018\u2019\u201a\u201b]/g, "'").replace(/[\u201c\u201d\u201e\u201f]/g, '"');

/** Share of the cases that must be repaired that are, with the options normalize uses or ftfy's. */
function repairRate(options: { guessLostBytes?: boolean }, print: boolean): number {
  let repaired = 0;
  let total = 0;
  for (const file of ['in-the-wild', 'synthetic']) {
    const cases = load(file).filter((c) => c.expect === 'pass');
    const ok = cases.filter(
      (c) => straight(repairMojibake(c.original, options).text) === straight(c['fixed-encoding'] ?? c.fixed),
    );
    repaired += ok.length;
    total += cases.length;
    if (print) {
      console.log(
        `${file}: ${ok.length}/${cases.length} repaired (${((ok.length / cases.length) * 100).toFixed(1)}%)`,
      );
    }
  }
  return (repaired / total) * 100;
}
console.log(`in-the-wild + synthetic: ${repairRate({}, true).toFixed(1)}% repaired (target >= 90%)`);
// Normalize also guesses the byte lost in `â€�` (0x9D, as in `”`): ftfy's expectations keep `�`.
console.log(
  `  as normalize uses it (lost byte of \`â€�\` read as \`”\`): ${repairRate({ guessLostBytes: true }, false).toFixed(1)}% agree with ftfy's expectations`,
);
// Negative cases are text that only looks like mojibake: it must come out as it went in. (One of
// them also holds a stray C1 control, which ftfy's own expectation replaces; that case counts as
// left alone when it matches that expectation.)
const negatives = load('negative');
const leftAlone = negatives.filter(
  (c) =>
    repairMojibake(c.original).text === (c['fixed-encoding'] ?? c.fixed) &&
    repairMojibake(c.original, { guessLostBytes: true }).text === (c['fixed-encoding'] ?? c.fixed),
);
const unchanged = negatives.filter((c) => repairMojibake(c.original).text === c.original);
console.log(
  `negative: ${leftAlone.length}/${negatives.length} left alone (${((leftAlone.length / negatives.length) * 100).toFixed(1)}%, target 100%); ` +
    `${unchanged.length}/${negatives.length} byte-for-byte unchanged`,
);
for (const c of negatives.filter((n) => !leftAlone.includes(n))) console.log(`  changed: ${c.label}`);

// Throughput on the seeds, against a plain TextDecoder in the same process.
const seeds = [
  '000_a594974daae5dff3',
  '001_76d55e3afe68ea32',
  '002_f82ec10896ee3b83',
  '003_bb4913a5b984f6c8',
  '004_c56c88992780afee',
].map((n) => readFileSync(`${root}corpus/seeds/${n}.txt`));
const time = (fn: () => void, rounds: number) => {
  const start = process.hrtime.bigint();
  for (let i = 0; i < rounds; i++) fn();
  return Number(process.hrtime.bigint() - start) / 1e9;
};
const decoder = new TextDecoder();
const rounds = 400;
for (let warm = 0; warm < 50; warm++) for (const s of seeds) normalizeBytes(s);
const base = time(() => {
  for (const s of seeds) decoder.decode(s);
}, rounds);
const norm = time(() => {
  for (const s of seeds) normalizeBytes(s);
}, rounds);
const letters = rounds * seeds.length;
console.log(
  `normalizeBytes: ${(letters / norm).toFixed(0)} letters/s (${((norm / letters) * 1e3).toFixed(3)} ms/letter); ` +
    `TextDecoder baseline ${(letters / base).toFixed(0)} letters/s; normalize costs ${(norm / base).toFixed(1)}x a plain decode`,
);
