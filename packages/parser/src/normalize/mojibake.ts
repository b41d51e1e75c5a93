import iconv from 'iconv-lite';

/**
 * Characters a UTF-8 byte >= 0x80 turns into when the bytes are read as Windows-1252 (or, for the
 * five bytes Windows-1252 leaves undefined, as Latin-1), mapped back to that byte. Built from
 * iconv-lite's own table.
 */
const BYTE_OF = (() => {
  const map = new Map<number, number>();
  for (let b = 0x80; b <= 0xff; b++) {
    const ch = iconv.decode(Buffer.from([b]), 'windows-1252');
    const code = ch.codePointAt(0) as number;
    map.set(code === 0xfffd ? b : code, b);
    map.set(b, b); // Latin-1 reading of the same byte (C1 controls and 0xA0-0xFF)
  }
  return map;
})();

/** Lead bytes of a UTF-8 multi-byte sequence and how many continuation bytes follow. */
function sequenceLength(lead: number): number {
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  return 0;
}

const strict = new TextDecoder('utf-8', { fatal: true });

/**
 * A decoded character is plausible when it is a letter, mark, number, punctuation, symbol or
 * space outside the C1 controls: what real text contains.
 */
const PLAUSIBLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S}\p{Zs}]$/u;

/**
 * Whether a decoded character is a believable repair, given its UTF-8 length and what follows the
 * mojibake run. Real text also contains `Å™`, `Ã’s`, `Brontë…”`: those stay.
 * - 2 bytes led by Â/Ã (U+0080-U+00FF): symbols and accented Latin letters, the bulk of real
 *   mojibake; an uppercase letter made from a punctuation byte (`Ã’` -> `Ò`) only inside a word.
 * - 2 bytes with other leads (Latin Extended, Greek, Cyrillic...): only when a letter follows.
 * - 3 bytes: only general punctuation and symbols (lead â, U+2000-U+2FFF): ’ “ ” – — … € ™.
 * - 4 bytes: only emoji.
 */
function believable(decoded: string, lead: number, second: number, next: string | undefined): boolean {
  const code = decoded.codePointAt(0) as number;
  const nextIsLetter = next !== undefined && /\p{L}/u.test(next);
  if (lead === 0xc2) return true;
  if (lead === 0xc3) {
    const punctuationByte = second >= 0x80 && second <= 0x9f;
    return !punctuationByte || (code >= 0xc0 && code <= 0xde && nextIsLetter && next === next.toUpperCase());
  }
  if (lead < 0xe0) {
    // Polish, Czech, Baltic, Greek, Cyrillic, Hebrew, Arabic letters; never IPA, never from a
    // no-break space (`Ä` + NBSP is Finnish text).
    const alphabet = (code >= 0x100 && code <= 0x17f) || (code >= 0x370 && code <= 0x6ff);
    return alphabet && second !== 0xa0 && nextIsLetter;
  }
  if (lead === 0xe2) return code >= 0x2000 && code <= 0x2fff;
  if (lead === 0xf0) return code >= 0x1f000 && code <= 0x1faff;
  return false;
}

/**
 * Repairs UTF-8 that was decoded as Windows-1252/Latin-1 (and re-encoded): `Â§` -> `§`,
 * `â€™` -> `’`, `Ã©` -> `é`. Only runs that re-encode to valid UTF-8 multi-byte characters are
 * replaced, and only when every character they become is plausible, so clean text is left alone.
 * Repeats (up to three times) for text that was double-encoded more than once.
 */
export function repairMojibake(text: string): { text: string; count: number } {
  let current = text;
  let total = 0;
  for (let pass = 0; pass < 3; pass++) {
    const { text: next, count } = repairOnce(current);
    if (!count) break;
    current = next;
    total += count;
  }
  return { text: current, count: total };
}

function repairOnce(text: string): { text: string; count: number } {
  // Fast path: nothing in the Latin-1/C1 range or Windows-1252 specials means nothing to repair.
  if (
    !/[\u0080-\u00ff\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013-\u203a\u20ac\u2122]/.test(
      text,
    )
  ) {
    return { text, count: 0 };
  }
  const chars = Array.from(text);
  const out: string[] = [];
  let count = 0;
  let i = 0;
  while (i < chars.length) {
    const lead = BYTE_OF.get(chars[i]?.codePointAt(0) as number);
    const len = lead === undefined ? 0 : sequenceLength(lead);
    if (len && i + len <= chars.length) {
      const bytes = new Uint8Array(len);
      bytes[0] = lead as number;
      let ok = true;
      for (let k = 1; k < len; k++) {
        const b = BYTE_OF.get(chars[i + k]?.codePointAt(0) as number);
        if (b === undefined || b < 0x80 || b > 0xbf) {
          ok = false;
          break;
        }
        bytes[k] = b;
      }
      if (ok) {
        let decoded: string | null = null;
        try {
          decoded = strict.decode(bytes);
        } catch {
          decoded = null;
        }
        if (
          decoded &&
          PLAUSIBLE.test(decoded) &&
          believable(decoded, lead as number, bytes[1] as number, chars[i + len])
        ) {
          out.push(decoded);
          count++;
          i += len;
          continue;
        }
      }
    }
    out.push(chars[i] as string);
    i++;
  }
  return { text: out.join(''), count };
}
