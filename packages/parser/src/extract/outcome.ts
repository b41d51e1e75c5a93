import type { Outcome } from '@imr/contracts';

/** Outcomes as letters state them: a word after the item title, or prose about medical necessity. */

const WORDS: Record<string, Outcome> = {
  upheld: 'upheld',
  uphold: 'upheld',
  upholds: 'upheld',
  overturned: 'overturned',
  overturn: 'overturned',
  overturns: 'overturned',
};

/** The outcome a word names; undefined when the word is not an outcome word this parser knows. */
export function outcomeOfWord(word: string): Outcome | undefined {
  return WORDS[word.toLowerCase()];
}

/** "is/was/were (not) medically necessary (and appropriate)". */
export const NECESSITY =
  /\s+(?:is|was|were|are)\s+(not\s+)?medically\s+(?:necessary|indicated)\b(?:\s+(?:and|or)\s+appropriate)?/i;

/** The outcome prose gives: not necessary means the denial is upheld. */
export function outcomeOfProse(text: string): Outcome | undefined {
  const m = NECESSITY.exec(text);
  if (!m) return undefined;
  return m[1] ? 'upheld' : 'overturned';
}
