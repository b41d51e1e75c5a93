/** Numbers written as digits or as English words ("six visits"). */
const WORDS: Record<string, number> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  eighteen: 18,
  twenty: 20,
  twenty_four: 24,
  thirty: 30,
  a_dozen: 12,
  once: 1,
  twice: 2,
};

/** Alternation matching any number word, longest first (for use inside a RegExp). */
export const NUMBER_WORD = Object.keys(WORDS)
  .map((w) => w.replace('_', '[ -]'))
  .sort((a, b) => b.length - a.length)
  .join('|');

/** A count from digits or a number word; null when it is not a safe non-negative integer. */
export function toCount(token: string): number | null {
  const t = token.trim().toLowerCase();
  if (/^\d{1,6}$/.test(t)) return Number.parseInt(t, 10);
  const word = WORDS[t.replace(/[ -]/g, '_')];
  return word ?? null;
}
