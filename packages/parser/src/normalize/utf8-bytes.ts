/**
 * Byte-level steps for reading mis-decoded text back as UTF-8: the no-break space a copy turned into
 * a plain space, sequences that lost a byte, surrogate pairs encoded one by one (CESU-8).
 */
import { LOST_BYTE } from './codepages.ts';

const QUESTION = 0x3f;
const SPACE = 0x20;
const NBSP_BYTE = 0xa0;

/** Continuation bytes a UTF-8 lead byte needs, 0 when the byte is no lead. */
export function continuationCount(lead: number): number {
  if (lead >= 0xc2 && lead <= 0xdf) return 1;
  if (lead >= 0xe0 && lead <= 0xef) return 2;
  if (lead >= 0xf0 && lead <= 0xf4) return 3;
  return 0;
}

const isContinuation = (b: number | undefined) => b !== undefined && b >= 0x80 && b <= 0xbf;

/**
 * Length of the well-formed UTF-8 sequence at `i` (no overlong forms, no surrogates, nothing above
 * U+10FFFF), or 0 when none starts there.
 */
export function sequenceAt(bytes: Uint8Array, i: number): number {
  const lead = bytes[i] as number;
  const n = continuationCount(lead);
  if (!n || i + n >= bytes.length) return 0;
  const second = bytes[i + 1] as number;
  const low = lead === 0xe0 ? 0xa0 : lead === 0xf0 ? 0x90 : 0x80;
  const high = lead === 0xed ? 0x9f : lead === 0xf4 ? 0x8f : 0xbf;
  if (second < low || second > high) return 0;
  for (let k = 2; k <= n; k++) if (!isContinuation(bytes[i + k])) return 0;
  return n + 1;
}

/** Two-byte leads whose sequence with 0xA0 is a common character: NBSP, à, Š, Π, Р, ـ. */
const NBSP_LEADS = new Set([0xc2, 0xc3, 0xc5, 0xce, 0xd0, 0xd9]);

/** After `à` written as `Ã ` the space stays a space, except before these (`às`, `àquele`, `à  x`). */
function aGraveTakesSpace(bytes: Uint8Array, at: number): boolean {
  const rest = String.fromCharCode(...bytes.subarray(at, at + 5));
  return rest.startsWith(' ') || rest.startsWith('s ') || /^qu(?:el[ae]|ilo)/.test(rest);
}

/**
 * A no-break space (byte 0xA0) inside a UTF-8 sequence often became a plain space: put it back
 * where the sequence is otherwise complete. `Ã ` (for `à`) keeps its following space.
 */
export function restoreNbsp(bytes: Uint8Array): Uint8Array {
  if (!bytes.includes(SPACE)) return bytes;
  const out: number[] = [];
  for (let i = 0; i < bytes.length; i++) {
    const lead = bytes[i] as number;
    const n = continuationCount(lead);
    let space = -1;
    let complete = n > 0 && (n > 1 || NBSP_LEADS.has(lead));
    for (let k = 1; complete && k <= n; k++) {
      const b = bytes[i + k];
      if (b === SPACE && space < 0) space = i + k;
      else if (!isContinuation(b)) complete = false;
    }
    if (!complete || space < 0) {
      out.push(lead);
      continue;
    }
    for (let k = 0; k <= n; k++) out.push(i + k === space ? NBSP_BYTE : (bytes[i + k] as number));
    if (lead === 0xc3 && n === 1 && !aGraveTakesSpace(bytes, i + 2)) out.push(SPACE);
    i += n;
  }
  return Uint8Array.from(out);
}

/**
 * A UTF-8 sequence that lost bytes on the way (written as 0x1A by a sloppy code page, or as `?`)
 * becomes U+FFFD's own UTF-8 bytes, the honest rendering of what it was.
 */
export function markLostSequences(bytes: Uint8Array): Uint8Array {
  if (!bytes.includes(LOST_BYTE) && !bytes.includes(QUESTION)) return bytes;
  const out: number[] = [];
  for (let i = 0; i < bytes.length; i++) {
    const lead = bytes[i] as number;
    const n = continuationCount(lead);
    let lost = false;
    let whole = n > 0;
    for (let k = 1; whole && k <= n; k++) {
      const b = bytes[i + k];
      const questionMayBeLost = b === QUESTION && (n > 1 || lead === 0xc2 || lead === 0xc3);
      if (b === LOST_BYTE || questionMayBeLost) lost = true;
      else if (!isContinuation(b)) whole = false;
    }
    if (whole && lost) {
      out.push(0xef, 0xbf, 0xbd);
      i += n;
    } else out.push(lead);
  }
  return Uint8Array.from(out);
}

/** Surrogate pairs encoded as two three-byte sequences (CESU-8) become one four-byte sequence. */
export function joinSurrogatePairs(bytes: Uint8Array): Uint8Array {
  if (!bytes.includes(0xed)) return bytes;
  const out: number[] = [];
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes.subarray(i, i + 6);
    const pair =
      b.length === 6 &&
      b[0] === 0xed &&
      (b[1] as number) >= 0xa0 &&
      (b[1] as number) <= 0xaf &&
      isContinuation(b[2]) &&
      b[3] === 0xed &&
      (b[4] as number) >= 0xb0 &&
      (b[4] as number) <= 0xbf &&
      isContinuation(b[5]);
    if (!pair) {
      out.push(bytes[i] as number);
      continue;
    }
    const high = 0xd000 | (((b[1] as number) & 0x3f) << 6) | ((b[2] as number) & 0x3f);
    const low = 0xd000 | (((b[4] as number) & 0x3f) << 6) | ((b[5] as number) & 0x3f);
    const code = 0x10000 + ((high - 0xd800) << 10) + (low - 0xdc00);
    out.push(
      0xf0 | (code >> 18),
      0x80 | ((code >> 12) & 0x3f),
      0x80 | ((code >> 6) & 0x3f),
      0x80 | (code & 0x3f),
    );
    i += 5;
  }
  return Uint8Array.from(out);
}

const strict = new TextDecoder('utf-8', { fatal: true });

/** Strict UTF-8, or null. */
export function decodeUtf8(bytes: Uint8Array): string | null {
  try {
    return strict.decode(bytes);
  } catch {
    return null;
  }
}
