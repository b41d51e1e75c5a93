import chardet from 'chardet';
import iconv from 'iconv-lite';
import type { RepairLog } from './repairs.ts';
import { sequenceAt } from './utf8-bytes.ts';

interface Decoded {
  text: string;
  encoding: string;
  /** Bytes that were no UTF-8 in text that otherwise is, read as Windows-1252. */
  strayBytes: number;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
const lenientUtf8 = new TextDecoder('utf-8');

/** UTF-16 without a BOM shows as NULs in every other byte of mostly-ASCII text. */
function utf16ByNuls(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(bytes.length, 4096) & ~1;
  // Without any NUL (most text) there is nothing to count: a native search says so at once.
  if (n < 8 || bytes.subarray(0, n).indexOf(0) < 0) return null;
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

/** Windows-1252's character for each byte, decoded once: a codec lookup per stray byte is slow. */
const WINDOWS_1252 = iconv.decode(
  Buffer.from(Array.from({ length: 256 }, (_, byte) => byte)),
  'windows-1252',
);

/**
 * UTF-8 with a few stray bytes of another encoding (a Windows-1252 quote pasted into a UTF-8
 * letter): valid sequences as UTF-8, the stray bytes as Windows-1252. Null when the bytes hold
 * fewer valid multi-byte sequences than stray bytes: then they are no UTF-8 at all. The bytes are
 * counted first, so that text which is no UTF-8 is not decoded piece by piece for nothing.
 */
function mostlyUtf8(bytes: Uint8Array): { text: string; strayBytes: number } | null {
  let valid = 0;
  let stray = 0;
  for (let i = 0; i < bytes.length; i++) {
    if ((bytes[i] as number) < 0x80) continue;
    const n = sequenceAt(bytes, i);
    if (n) {
      valid++;
      i += n - 1;
    } else stray++;
  }
  if (valid < stray) return null;
  const parts: string[] = [];
  let start = 0;
  for (let i = 0; i < bytes.length; i++) {
    if ((bytes[i] as number) < 0x80) continue;
    const n = sequenceAt(bytes, i);
    if (n) {
      i += n - 1;
      continue;
    }
    parts.push(strictUtf8.decode(bytes.subarray(start, i)), WINDOWS_1252[bytes[i] as number] as string);
    start = i + 1;
  }
  parts.push(strictUtf8.decode(bytes.subarray(start)));
  return { text: parts.join(''), strayBytes: stray };
}

/** Single-byte encodings a detector's guess is taken for; anything else reads as Windows-1252. */
const SINGLE_BYTE = /^(?:windows-125[0-8]|iso-8859-(?:[2-9]|1[0-6])|koi8-[ru])$/;

/** A guess for bytes that are no UTF-8, from chardet (on the first 64 KiB), among single-byte encodings. */
function guessSingleByte(bytes: Uint8Array): string {
  const guess = (chardet.detect(bytes.subarray(0, 65536)) ?? '').toLowerCase();
  if (SINGLE_BYTE.test(guess) && guess !== 'windows-1252' && iconv.encodingExists(guess)) return guess;
  // Latin-1 and Windows-1252 share their letters; bytes 0x80-0x9F are Windows-1252's punctuation.
  return guess === 'iso-8859-1' && !bytes.some((b) => b >= 0x80 && b <= 0x9f) ? 'iso-8859-1' : 'windows-1252';
}

/**
 * Decodes bytes honestly: a BOM decides; then UTF-16 by its NUL pattern; valid UTF-8 is UTF-8
 * (also with a few stray bytes); anything else is read in the single-byte encoding chardet names,
 * Windows-1252 by default, with iconv-lite.
 */
export function decodeBytes(bytes: Uint8Array, hint: 'detect' | 'utf-8', log: RepairLog): Decoded {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    log.add('bom');
    return { text: lenientUtf8.decode(bytes.subarray(3)), encoding: 'utf-8', strayBytes: 0 };
  }
  for (const [b0, b1, encoding] of [[0xff, 0xfe, 'utf-16le'] as const, [0xfe, 0xff, 'utf-16be'] as const]) {
    if (bytes.length >= 2 && bytes[0] === b0 && bytes[1] === b1) {
      log.add('bom');
      return { text: iconv.decode(Buffer.from(bytes.subarray(2)), encoding), encoding, strayBytes: 0 };
    }
  }
  if (hint === 'utf-8') return { text: lenientUtf8.decode(bytes), encoding: 'utf-8', strayBytes: 0 };
  const utf16 = utf16ByNuls(bytes);
  if (utf16) return { text: iconv.decode(Buffer.from(bytes), utf16), encoding: utf16, strayBytes: 0 };
  try {
    return { text: strictUtf8.decode(bytes), encoding: 'utf-8', strayBytes: 0 };
  } catch {
    // not (all) UTF-8
  }
  const mixed = mostlyUtf8(bytes);
  if (mixed) return { ...mixed, encoding: 'utf-8' };
  const encoding = guessSingleByte(bytes);
  return { text: iconv.decode(Buffer.from(bytes), encoding), encoding, strayBytes: 0 };
}
