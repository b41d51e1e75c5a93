/**
 * Whether every character of `text` is ASCII (below U+0080). Most letters are: then the scans for
 * mojibake, Unicode normalization and special spaces have nothing to find. Counting UTF-8 bytes is
 * native and about fifty times faster than a regex test for `[\u0080-\uffff]` on a letter.
 */
export function isAscii(text: string): boolean {
  return Buffer.byteLength(text, 'utf8') === text.length;
}

const NON_ASCII = /[^\0-\x7f]/g;

/**
 * Whether some non-ASCII character of `text` matches `char`, a class of characters from U+0080 up
 * (no g or y flag, one UTF-16 unit a match). Only the non-ASCII characters are tested: finding them
 * takes half the time of scanning a letter with a class of a few hundred characters, and a letter
 * holds few (a section sign, a curly quote).
 */
export function someNonAscii(text: string, char: RegExp): boolean {
  NON_ASCII.lastIndex = 0;
  for (let m = NON_ASCII.exec(text); m; m = NON_ASCII.exec(text)) if (char.test(m[0])) return true;
  return false;
}

/** What a text holds besides printable ASCII, line feeds and form feeds (`unusualCharacters`). */
export interface UnusualCharacters {
  /** Whether it holds ASCII control characters other than \n and \f (\r and tabs among them), or DEL. */
  controls: boolean;
  /** Its non-ASCII characters, in order. */
  nonAscii: string;
  /** Whether NFC is known to leave it as it is (false: not known). */
  nfc: boolean;
}

// One character a match: `[^\n\f -~]+` scans slower; a run is read on from its first character.
const UNUSUAL = /[^\n\f -~]/g;
const FIRST_UNUSUAL = /[^\n\f -~]/;
const ASCII_CHARS = /[\0-\x7f]+/g;
/** A character of a run: not printable ASCII, \n or \f. */
const isUnusual = (c: number) => (c < 32 ? c !== 10 && c !== 12 : c > 126);
/** More runs of non-ASCII characters than this are not tested for NFC one by one. */
const MAX_NFC_PIECES = 64;

/**
 * What the normalizer's character checks look at, found by one scan: mojibake's signs, characters to
 * clean and those NFC could change are all beyond printable ASCII, and a letter holds few such
 * characters (a section sign, a curly quote) or none. NFC can change only a run of non-ASCII
 * characters and the character before it (an ASCII character is a starter that nothing before it
 * combines with), so testing those pieces tells whether it changes the text.
 */
export function unusualCharacters(text: string): UnusualCharacters {
  let controls = false;
  const nonAscii: string[] = [];
  let nfc = true;
  let pieces = 0;
  // (A search without the g flag is the quicker scan where there is nothing unusual: most letters.)
  const first = text.search(FIRST_UNUSUAL);
  if (first < 0) return { controls, nonAscii: '', nfc };
  UNUSUAL.lastIndex = first;
  for (let m = UNUSUAL.exec(text); m; m = UNUSUAL.exec(text)) {
    let end = m.index + 1;
    while (end < text.length && isUnusual(text.charCodeAt(end))) end++;
    UNUSUAL.lastIndex = end;
    const run = text.slice(m.index, end);
    const chars = run.replace(ASCII_CHARS, '');
    if (chars.length < run.length) controls = true;
    if (!chars) continue;
    nonAscii.push(chars);
    if (nfc && ++pieces > MAX_NFC_PIECES) nfc = false;
    else if (nfc) {
      const piece = text.slice(Math.max(0, m.index - 1), m.index + run.length);
      nfc = piece.normalize('NFC') === piece;
    }
  }
  return { controls, nonAscii: nonAscii.join(''), nfc };
}
