import type { RepairLog } from './repairs.ts';

// Both patterns start at the `?`, and the character before it is tested apart: a pattern that starts
// with \p{L} or [\s(] is tried at every letter or space of the text, one that starts with `?` only
// where there is one (rare).
/** `patient?s`, `claimant?s`, `don?t`: a letter, the `?`, and a contraction's ending. */
const LOST_APOSTROPHE = /\?(?:s|t|d|ll|re|ve|m)\b/g;
/** ` ?time to produce`: an opening quote before a word, after a space, a parenthesis or at a line start. */
const LOST_OPENING_QUOTE = /\?(?=\p{L})/gu;
const LETTER = /^\p{L}$/u;
/** What an opening quote follows (a line terminator, after which a line starts, is white space too). */
const BEFORE_OPENING_QUOTE = /[\s(]/;

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;

/** Where the letter before `at` starts (it may take two units), or -1 when no letter comes before it. */
function letterBefore(text: string, at: number): number {
  const pair = at >= 2 && isLowSurrogate(text.charCodeAt(at - 1)) && isHighSurrogate(text.charCodeAt(at - 2));
  const start = at - (pair ? 2 : 1);
  return start >= 0 && LETTER.test(text.slice(start, at)) ? start : -1;
}

/**
 * Where a lost apostrophe or quote became `?` and the fix is unambiguous: `patient?s` ->
 * `patient's`, ` ?time to` -> ` "time to`. A `?` that ends a word before a space or the end of a
 * line is a real question and stays.
 */
export function repairLostQuotes(text: string, log: RepairLog): string {
  if (!text.includes('?')) return text;
  let count = 0;
  // A letter serves one repair at most: after `a?s` the `s` is no letter before a second `?s`.
  let repaired = 0;
  const apostrophes = text.replace(LOST_APOSTROPHE, (ending: string, at: number) => {
    const letter = letterBefore(text, at);
    if (letter < 0 || letter < repaired) return ending;
    repaired = at + ending.length;
    count++;
    return `'${ending.slice(1)}`;
  });
  const out = apostrophes.replace(LOST_OPENING_QUOTE, (mark: string, at: number) => {
    if (at > 0 && !BEFORE_OPENING_QUOTE.test(apostrophes[at - 1] as string)) return mark;
    count++;
    return '"';
  });
  log.add('lost-quote', count);
  return out;
}
