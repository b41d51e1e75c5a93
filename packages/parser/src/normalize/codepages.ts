import iconv from 'iconv-lite';

/**
 * A single-byte code page that UTF-8 bytes are commonly mis-decoded with, read from iconv-lite's
 * own tables. "Sloppy" pages read their undefined bytes as the C1 control of the same value (what
 * many decoders do) and write U+FFFD, the mark of a byte lost on the way, as 0x1A.
 */
export interface Codepage {
  name: string;
  /** Code point -> byte, for the non-ASCII characters the page can write. */
  byteOf: Map<number, number>;
  /** What bytes 0x80-0xBF (UTF-8 continuation bytes) decode to. */
  continuation: string;
  /** What the UTF-8 lead bytes decode to: 0xC2-0xDF (two-byte), 0xE0-0xEF (three-byte), 0xF0-0xF4. */
  lead2: string;
  lead3: string;
  lead4: string;
  sloppy: boolean;
}

export const LOST_BYTE = 0x1a;

function load(name: string, sloppy: boolean): Codepage {
  const chars: string[] = [];
  const byteOf = new Map<number, number>();
  for (let byte = 0x80; byte <= 0xff; byte++) {
    let ch = iconv.decode(Buffer.from([byte]), name);
    if (ch === '\ufffd') {
      if (!sloppy) {
        chars.push('');
        continue;
      }
      ch = String.fromCharCode(byte);
    }
    chars.push(ch);
    byteOf.set(ch.charCodeAt(0), byte);
  }
  const range = (from: number, to: number) => chars.slice(from - 0x80, to - 0x80 + 1).join('');
  return {
    name,
    byteOf,
    continuation: range(0x80, 0xbf),
    lead2: range(0xc2, 0xdf),
    lead3: range(0xe0, 0xef),
    lead4: range(0xf0, 0xf4),
    sloppy,
  };
}

export const LATIN1 = load('iso-8859-1', false);
export const CP1252 = load('windows-1252', true);
export const CP1251 = load('windows-1251', true);
export const CP1250 = load('windows-1250', true);
const LATIN2 = load('iso-8859-2', false);
export const MACROMAN = load('macintosh', false);
export const CP437 = load('cp437', false);
export const CP1257 = load('windows-1257', true);

/** The order mis-decodings are tried in: the most common first. */
export const CODEPAGES: readonly Codepage[] = [
  LATIN1,
  CP1252,
  CP1251,
  CP1250,
  LATIN2,
  MACROMAN,
  CP437,
  CP1257,
];

/** Writes text in a code page; null when a character has no byte there. */
export function encodeIn(text: string, page: Codepage): Uint8Array | null {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) out[i] = code;
    else if (code === 0xfffd && page.sloppy) out[i] = LOST_BYTE;
    else {
      const byte = page.byteOf.get(code);
      if (byte === undefined) return null;
      out[i] = byte;
    }
  }
  return out;
}
