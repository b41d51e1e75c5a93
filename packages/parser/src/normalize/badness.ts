/**
 * Does text look like UTF-8 read in the wrong code page? Mojibake leaves tell-tale pairs: the
 * character of a UTF-8 lead byte (`Ã`, `â`, `Ð`, `√`) followed by characters of continuation
 * bytes (`©`, `€`, `™`), in places real text does not put them (between letters, after a
 * lowercase letter, in runs). Character sets are derived from the code-page tables.
 */
import { isAscii, someNonAscii } from './ascii.ts';
import { type Codepage, CP437, CP1250, CP1251, CP1252, CP1257, MACROMAN } from './codepages.ts';

const unique = (chars: string) => [...new Set(chars)].filter(Boolean);
const escaped = (chars: string) =>
  unique(chars)
    .map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
    .join('');
const anyOf = (chars: string) => `[${escaped(chars)}]`;
const without = (chars: string, drop: string) =>
  unique(chars)
    .filter((c) => !drop.includes(c))
    .join('');
const lettersOf = (chars: string) =>
  unique(chars)
    .filter((c) => /\p{L}/u.test(c))
    .join('');

/** Punctuation real text puts next to letters, and `¥`, which a `Ã` before it leaves ambiguous. */
const ORDINARY = '\u2018\u2019\u201c\u201d\u2026\u2013\u2014\u2022\u00a0\u2122\u00a5';
const C1 = '[\\u0080-\\u009f]';

/** Continuation characters that are neither letters nor ordinary punctuation. */
const symbols = (page: Codepage) => without(page.continuation, ORDINARY + lettersOf(page.continuation));
const cont = (page: Codepage) => anyOf(page.continuation);

/** A lead letter and a symbol between letters or digits, or after a lowercase letter. */
function leadThenSymbol(page: Codepage): string {
  const pair = `${anyOf(lettersOf(page.lead2))}${anyOf(symbols(page))}`;
  return `${pair}(?=[\\p{L}\\p{N}])|(?<=\\p{Ll})${pair}`;
}

const W = CP1252;
const QUOTES = '\u2018\u2019\u201c\u201d';

const PATTERNS = [
  // C1 control characters: Latin-1 readings of Windows-1252 bytes.
  C1,
  // `Â` and `Ã` (UTF-8 leads of Latin-1 letters) before a continuation character; a quote after
  // them counts only when no lowercase letter follows (`Ã’s` is a plural, `HÃ”TEL` is not).
  `[ÂÃ](?:${anyOf(without(W.continuation, `${QUOTES}\u00a5`))}|${anyOf(QUOTES)}(?!\\p{Ll}))`,
  // `Ã ` for `à` whose no-break space became a space, after a lowercase word or at the start.
  '(?<=^|[a-z] ?)[ÃÂ] ',
  // `â` and two continuations: General Punctuation and the symbol blocks (`â€™`, `â„¢`, `âœ”`).
  `â${cont(W)}{2}`,
  // Other three- and four-byte leads with at least one symbol among their continuations.
  `${anyOf(W.lead3)}(?:${anyOf(symbols(W))}${cont(W)}|${cont(W)}${anyOf(symbols(W))})`,
  `${anyOf(W.lead4)}${cont(W)}{0,2}${anyOf(symbols(W))}`,
  leadThenSymbol(W),
  leadThenSymbol(CP1250),
  leadThenSymbol(CP1251),
  // Hebrew in Windows-1252: `×` before each continuation.
  `×${cont(W)}×`,
  // Windows-1251: General Punctuation (`вЂ™`), Cyrillic runs (`РґРѕ`), Latin letters before a
  // Cyrillic lead and continuation (`rГ©gion`, `signiп¬Ѓcantly`).
  `вЂ${cont(CP1251)}`,
  `[ВГРС]${cont(CP1251)}[ВГРС]`,
  `(?<=[A-Za-z])[ВГРС]${anyOf(symbols(CP1251))}`,
  `(?<=[A-Za-z])${anyOf(CP1251.lead3)}${cont(CP1251)}{2}`,
  `${anyOf(CP1251.lead3)}${anyOf(symbols(CP1251))}${cont(CP1251)}`,
  // Windows-1250: three-byte leads with a symbol among their continuations (`ć‚Łč€…`).
  `${anyOf(CP1250.lead3)}(?:${anyOf(symbols(CP1250))}${cont(CP1250)}|${cont(CP1250)}${anyOf(symbols(CP1250))})`,
  // Windows-1257: a lead before a continuation letter inside a word (`ÄÆdomu`).
  `Ä${cont(CP1257)}(?=\\p{Ll})`,
  // MacRoman: `√` for 0xC3 (`√©`), `‚Ä` for General Punctuation, Latin Extended after a letter
  // (`ƒÅ`, `≈°`), Hebrew and Arabic runs.
  `√${anyOf(without(MACROMAN.continuation, 'πΩ'))}`,
  `‚${cont(MACROMAN)}{2}`,
  `(?<=\\p{L})[ƒ≈]${cont(MACROMAN)}`,
  `◊${cont(MACROMAN)}◊`,
  `[ÿŸ]${cont(MACROMAN)}[ÿŸ]`,
  `[Œœ]${cont(MACROMAN)}[Œœ]`,
  // Code page 437: box-drawing leads of Cyrillic before a letter-like continuation (`╨┐╤Ç`).
  `[╨╤]${anyOf(CP437.continuation)}`,
  // Sequences that lost a byte: a lead, maybe continuations, then U+FFFD or `?`.
  `${anyOf(W.lead2 + W.lead3 + W.lead4 + CP1250.lead2)}${anyOf(W.continuation + CP1250.continuation)}{0,2}\\ufffd`,
  '[ÂÃ]\\?|â€\\?',
];

/** Characters some pattern must match: text without any of them is clean, found by one fast scan. */
const FIRST = new RegExp(
  anyOf(
    '\u0080\u0081\u0082\u0083\u0084\u0085\u0086\u0087\u0088\u0089\u008a\u008b\u008c\u008d\u008e\u008f' +
      '\u0090\u0091\u0092\u0093\u0094\u0095\u0096\u0097\u0098\u0099\u009a\u009b\u009c\u009d\u009e\u009f' +
      W.lead2 +
      W.lead3 +
      W.lead4 +
      CP1250.lead2 +
      CP1250.lead3 +
      CP1251.lead2 +
      CP1251.lead3 +
      '√‚ƒ≈◊ÿŸŒœ╨╤',
  ),
);
const BAD = new RegExp(PATTERNS.join('|'), 'mu');
const BAD_ALL = new RegExp(PATTERNS.join('|'), 'gmu');

/**
 * Whether some of these characters (a text's non-ASCII ones) are ones mojibake is made of: text without
 * any of them shows no sign of it.
 */
export const mayShowMojibake = (nonAscii: string): boolean => FIRST.test(nonAscii);

/** Whether text shows any sign of mojibake. */
export function isBad(text: string): boolean {
  return !isAscii(text) && someNonAscii(text, FIRST) && BAD.test(text);
}

/** How many signs of mojibake text shows. */
export function badness(text: string): number {
  if (isAscii(text) || !someNonAscii(text, FIRST)) return 0;
  BAD_ALL.lastIndex = 0;
  let count = 0;
  while (BAD_ALL.exec(text)) count++;
  return count;
}

/** The circumflex and caron are modifier letters that code pages hold. */
const ODD = /(?![\u02c6\u02c7])[\p{Lm}\p{Co}\p{Cn}\p{Cs}]/gu;

/** Characters real text rarely holds: modifier letters, private-use and unassigned code points. */
export function oddness(text: string): number {
  return text.match(ODD)?.length ?? 0;
}
