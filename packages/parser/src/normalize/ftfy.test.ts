import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { repairMojibake } from './mojibake.ts';
import { normalizeText } from './normalize.ts';

/**
 * ftfy's own mojibake test cases (../shared/benchmarks/ftfy beside the repository; `npm run bench --
 * ftfy` measures the same): every case must come out as ftfy expects, the negative ones (text that only
 * looks like mojibake) included.
 */
interface Case {
  label: string;
  original: string;
  fixed: string;
  'fixed-encoding'?: string;
}

const DIR = fileURLToPath(new URL('../../../../../shared/benchmarks/ftfy/', import.meta.url));
const load = (name: string): Case[] => {
  if (!existsSync(DIR))
    throw new Error(`ftfy cases not found at ${DIR}: the shared corpus must sit beside the repository`);
  return JSON.parse(readFileSync(`${DIR}${name}.json`, 'utf8'));
};
/** What ftfy expects of the encoding repair (its `fixed` also straightens quotes and more). */
const expected = (c: Case) => c['fixed-encoding'] ?? c.fixed;
const straight = (s: string) =>
  s.replace(/[\u2018\u2019\u201a\u201b]/g, "'").replace(/[\u201c\u201d\u201e\u201f]/g, '"');
/** normalizeText also re-flows: runs of spaces and no-break spaces become one space. */
const spaced = (s: string) => s.replace(/[ \u00a0]+/g, ' ').trim();

const negative = load('negative');
const C1 = 'Mostly negative: we only need to fix C1 control characters';

describe("ftfy's negative cases", () => {
  it('are all there', () => {
    expect(negative).toHaveLength(31);
    expect(negative.map((c) => c.label)).toContain(C1);
  });

  it.each(negative.map((c) => [c.label, c] as const))('%s: comes out as ftfy expects', (_label, c) => {
    for (const guessLostBytes of [false, true]) {
      expect(repairMojibake(c.original, { guessLostBytes }).text).toBe(expected(c));
    }
    expect(normalizeText(c.original).text).toBe(spaced(expected(c)));
  });

  it('the C1 case: the stray U+0085 becomes the ellipsis Windows-1252 writes with 0x85, and nothing else changes', () => {
    const c = negative.find((n) => n.label === C1)!;
    expect(c.original).toContain('parl\u00e9\u0085 Tu sais');
    expect(repairMojibake(c.original)).toEqual({ text: c.original.replace('\u0085', '\u2026'), count: 1 });
    expect(repairMojibake(c.original).text).toBe(expected(c));
  });

  it('every other negative case is left byte for byte as it was', () => {
    for (const c of negative.filter((n) => n.label !== C1)) {
      expect(expected(c), c.label).toBe(c.original);
      expect(repairMojibake(c.original), c.label).toEqual({ text: c.original, count: 0 });
    }
  });
});

describe("ftfy's mojibake cases", () => {
  it.each(['in-the-wild', 'synthetic'])('%s: every case is repaired', (name) => {
    const failed = load(name)
      .filter((c) => straight(repairMojibake(c.original).text) !== straight(expected(c)))
      .map((c) => c.label);
    expect(failed).toEqual([]);
  });
});
