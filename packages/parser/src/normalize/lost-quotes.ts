import type { RepairLog } from './repairs.ts';

/** `patient?s`, `claimant?s`, `don?t`: a letter, the `?`, and a contraction's ending. */
const LOST_APOSTROPHE = /(\p{L})\?(s|t|d|ll|re|ve|m)\b/gu;
/** ` ?time to produce`: an opening quote before a word, after a space, a parenthesis or at a line start. */
const LOST_OPENING_QUOTE = /(^|[\s(])\?(\p{L})/gmu;

/**
 * Where a lost apostrophe or quote became `?` and the fix is unambiguous: `patient?s` ->
 * `patient's`, ` ?time to` -> ` "time to`. A `?` that ends a word before a space or the end of a
 * line is a real question and stays.
 */
export function repairLostQuotes(text: string, log: RepairLog): string {
  if (!text.includes('?')) return text;
  let count = 0;
  const out = text
    .replace(LOST_APOSTROPHE, (_m, a: string, b: string) => {
      count++;
      return `${a}'${b}`;
    })
    .replace(LOST_OPENING_QUOTE, (_m, a: string, b: string) => {
      count++;
      return `${a}"${b}`;
    });
  log.add('lost-quote', count);
  return out;
}
