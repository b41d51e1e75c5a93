import { type UnusualCharacters, unusualCharacters } from './ascii.ts';
import type { RepairLog } from './repairs.ts';

const LIGATURES: Record<string, string> = {
  '\ufb00': 'ff',
  '\ufb01': 'fi',
  '\ufb02': 'fl',
  '\ufb03': 'ffi',
  '\ufb04': 'ffl',
  '\ufb05': 'st',
  '\ufb06': 'st',
};

/**
 * Anything the clean-up changes; text without any of it (most letters) is left as it is, fast. ASCII:
 * control characters other than \n and \f (\r and tabs among them), DEL. Above: C1 controls, special
 * spaces and line separators, soft hyphens, zero-width characters, ligatures.
 */
const NON_ASCII_NEEDS_CLEANING =
  /[\u0080-\u00a0\u00ad\u2000-\u200d\u2028\u2029\u202f\u205f\u2060\u3000\ufb00-\ufb06\ufeff]/;
const needsCleaning = (characters: UnusualCharacters) =>
  characters.controls || NON_ASCII_NEEDS_CLEANING.test(characters.nonAscii);

/** Replaces every match, counting the replacements under a repair name. */
function replaceCounted(
  text: string,
  pattern: RegExp,
  by: string | ((c: string) => string),
  name: string,
  log: RepairLog,
) {
  let count = 0;
  const out = text.replace(pattern, (c) => {
    count++;
    return typeof by === 'string' ? by : by(c);
  });
  log.add(name, count);
  return out;
}

/**
 * Character-level clean-up: line endings to LF (also vertical tabs and Unicode line separators,
 * the manual line breaks of word processors), NFC, ligatures spelled out, non-breaking and other
 * fixed-width spaces to plain spaces, tabs to spaces, zero-width characters, soft hyphens and
 * control characters removed (form feeds are kept: they mark page breaks for the layout step).
 */
export function cleanCharacters(
  input: string,
  log: RepairLog,
  characters: UnusualCharacters = unusualCharacters(input),
): string {
  let text = input;
  let unusual = characters;
  if (!unusual.nfc) {
    text = input.normalize('NFC');
    if (text !== input) unusual = unusualCharacters(text);
  }
  if (!needsCleaning(unusual)) return text;
  text = replaceCounted(text, /\r\n?/g, '\n', 'crlf', log);
  text = text.replaceAll('\v', '\n').replaceAll('\u2028', '\n').replaceAll('\u2029', '\n\n');
  text = replaceCounted(text, /[\ufb00-\ufb06]/g, (c) => LIGATURES[c] ?? c, 'ligature', log);
  text = replaceCounted(text, /[\u00a0\u2000-\u200a\u202f\u205f\u3000]/g, ' ', 'nbsp', log);
  // A soft hyphen at a line end marks a word the line broke: the word goes on on the next line.
  text = replaceCounted(text, /\u00ad\n/g, '', 'dehyphenate', log);
  text = replaceCounted(text, /[\u200b-\u200d\u2060\ufeff\u00ad]/g, '', 'zero-width', log);
  text = text.replace(/\t/g, ' ');
  // C0 controls except \n and \f, DEL, C1 controls (what survives of them after mojibake repair).
  return replaceCounted(text, /[^\P{Cc}\n\f]/gu, '', 'control-char', log);
}
