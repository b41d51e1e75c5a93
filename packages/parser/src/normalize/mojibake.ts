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

/** Two-character Latin-1 pairs that are common in real text and must never be "repaired". */
function looksLikeRealPair(first: number, second: number): boolean {
  // A lead that is a lowercase or accented letter followed by a symbol like ® ™ ¹ is usually text,
  // except for the classic mojibake leads Ã (C3), Â (C2), Å (C5), Ä (C4), Ð/Ñ (Cyrillic), Ø/Ù (Hebrew/Arabic).
  const classicLead =
    first === 0xc3 ||
    first === 0xc2 ||
    first === 0xc5 ||
    first === 0xc4 ||
    (first >= 0xd0 && first <= 0xd9) ||
    first === 0xce ||
    first === 0xcf;
  if (classicLead) return false;
  // Other two-byte leads: only when the continuation is a C1 control or a Windows-1252 special,
  // which real Latin-1 text does not put after a letter.
  return !(second >= 0x80 && second <= 0x9f);
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
      if (ok && len === 2 && looksLikeRealPair(bytes[0] as number, bytes[1] as number)) ok = false;
      if (ok) {
        let decoded: string | null = null;
        try {
          decoded = strict.decode(bytes);
        } catch {
          decoded = null;
        }
        if (decoded && PLAUSIBLE.test(decoded)) {
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
