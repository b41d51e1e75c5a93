import { determinationSchema } from '@imr/contracts';
import { describe, expect, it } from 'vitest';
import { seedLetters, testLetters } from '../../test-letters/load.ts';
import { normalizeBytes } from '../normalize/index.ts';
import { compareWithExpected } from './expected.ts';
import { extractDetermination } from './extract-determination.ts';

const seeds = seedLetters();
const written = testLetters();

describe('seed letters', () => {
  it('are all there', () => {
    expect(seeds).toHaveLength(5);
  });

  it.each(seeds)('$name gives 100% of its expected fields', (seed) => {
    const determination = extractDetermination(normalizeBytes(seed.bytes), { source: { path: seed.name } });
    expect(determinationSchema.safeParse(determination).error).toBeUndefined();
    expect(determination.layout).toBe('imr-final-determination');
    const score = compareWithExpected(determination, seed.expected);
    expect(score.mismatches).toEqual([]);
    expect(score.matched).toBe(score.checked);
    expect(score.checked).toBeGreaterThan(20);
  });
});

describe('hand-written letters of layouts 2 and 3', () => {
  it('cover three letters per layout', () => {
    expect(written.filter((l) => l.name.startsWith('maximus-'))).toHaveLength(3);
    expect(written.filter((l) => l.name.startsWith('professional-'))).toHaveLength(3);
  });

  it.each(written)('$name gives 100% of its expected fields', (letter) => {
    const determination = extractDetermination(normalizeBytes(letter.bytes));
    expect(determinationSchema.safeParse(determination).error).toBeUndefined();
    const layout = letter.name.startsWith('maximus-') ? 'maximus-imr' : 'medical-professional-review';
    expect(determination.layout).toBe(layout);
    const score = compareWithExpected(determination, letter.expected);
    expect(score.mismatches).toEqual([]);
    expect(score.matched).toBe(score.checked);
  });
});
