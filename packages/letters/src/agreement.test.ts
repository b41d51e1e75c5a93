import { compareWithExpected, extractDetermination } from '@imr/parser';
import { expect, it } from 'vitest';
import { generateCorpus } from './generate.ts';

it('agrees with the extractor on at least 98% of expected fields over 300 letters', () => {
  let checked = 0;
  let matched = 0;
  const missed = new Map<string, number>();
  for (const letter of generateCorpus(300, { seed: 3 })) {
    const determination = extractDetermination({
      text: letter.text,
      encoding: 'utf-8',
      repairs: [],
      warnings: [],
    });
    const result = compareWithExpected(determination, letter.expected);
    checked += result.checked;
    matched += result.matched;
    for (const m of result.mismatches) {
      const field = m.slice(0, m.indexOf(':')).replace(/\[\d+\]/g, '[]');
      missed.set(field, (missed.get(field) ?? 0) + 1);
    }
  }
  // Field names and counts only: the mismatch messages quote letter text.
  console.log(
    `extractor agreement on 300 synthetic letters: ${((matched / checked) * 100).toFixed(2)}% of ${checked} fields; missed: ${JSON.stringify(Object.fromEntries(missed))}`,
  );
  expect(matched / checked).toBeGreaterThanOrEqual(0.98);
});
