import chardet from 'chardet';
import iconv from 'iconv-lite';
import type { RepairLog } from './repairs.ts';

export interface Decoded {
  text: string;
  encoding: string;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
const lenientUtf8 = new TextDecoder('utf-8');

/** UTF-16 without a BOM shows as NULs in every other byte of mostly-ASCII text. */
function utf16ByNuls(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(bytes.length, 4096) & ~1;
  if (n < 8) return null;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenNul++;
    if (bytes[i + 1] === 0) oddNul++;
  }
  const pairs = n / 2;
  if (oddNul > pairs * 0.4 && evenNul < pairs * 0.05) return 'utf-16le';
  if (evenNul > pairs * 0.4 && oddNul < pairs * 0.05) return 'utf-16be';
  return null;
}

/** Single-byte encodings chardet may name for Western text; Windows-1252 is their practical superset. */
const WESTERN = new Set(['iso-8859-1', 'windows-1252', 'iso-8859-15', 'ascii']);

/**
 * Decodes bytes honestly: a BOM decides; then UTF-16 by its NUL pattern; valid UTF-8 is UTF-8;
 * anything else goes to chardet, decoded with iconv-lite (Western single-byte guesses as
 * Windows-1252, which also covers Latin-1's printable range).
 */
export function decodeBytes(bytes: Uint8Array, hint: 'detect' | 'utf-8', log: RepairLog): Decoded {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    log.add('bom');
    return { text: lenientUtf8.decode(bytes.subarray(3)), encoding: 'utf-8' };
  }
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    log.add('bom');
    return { text: iconv.decode(Buffer.from(bytes.subarray(2)), 'utf-16le'), encoding: 'utf-16le' };
  }
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    log.add('bom');
    return { text: iconv.decode(Buffer.from(bytes.subarray(2)), 'utf-16be'), encoding: 'utf-16be' };
  }
  if (hint === 'utf-8') return { text: lenientUtf8.decode(bytes), encoding: 'utf-8' };
  const utf16 = utf16ByNuls(bytes);
  if (utf16) return { text: iconv.decode(Buffer.from(bytes), utf16), encoding: utf16 };
  try {
    return { text: strictUtf8.decode(bytes), encoding: 'utf-8' };
  } catch {
    // not UTF-8: ask the detector
  }
  const guess = (chardet.detect(bytes) ?? 'windows-1252').toLowerCase();
  const encoding =
    WESTERN.has(guess) || !iconv.encodingExists(guess) || guess.startsWith('utf') ? 'windows-1252' : guess;
  return { text: iconv.decode(Buffer.from(bytes), encoding), encoding };
}
