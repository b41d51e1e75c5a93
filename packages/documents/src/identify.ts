import { PipelineError } from '@imr/contracts';

export type ContentKind = 'pdf' | 'text';

const SAMPLE = 64 * 1024;
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  return prefix.every((b, i) => bytes[i] === b);
}

/** Finds `%PDF-` in the first KiB (some producers put junk before it). */
function hasPdfHeader(bytes: Uint8Array): boolean {
  const end = Math.min(bytes.length - 4, 1024);
  for (let i = 0; i < end; i++) {
    if (
      bytes[i] === 0x25 &&
      bytes[i + 1] === 0x50 &&
      bytes[i + 2] === 0x44 &&
      bytes[i + 3] === 0x46 &&
      bytes[i + 4] === 0x2d
    ) {
      return true;
    }
  }
  return false;
}

function isWhitespace(b: number): boolean {
  return b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d || b === 0x0c || b === 0x0b;
}

/** UTF-16 text without a BOM: NULs in every other byte of mostly-ASCII text. */
function looksUtf16(sample: Uint8Array): boolean {
  const n = sample.length & ~1;
  if (n < 8) return false;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i += 2) {
    if (sample[i] === 0) even++;
    if (sample[i + 1] === 0) odd++;
  }
  const pairs = n / 2;
  return (odd > pairs * 0.4 && even < pairs * 0.05) || (even > pairs * 0.4 && odd < pairs * 0.05);
}

/** Text in some single-byte or UTF-8 encoding: no NULs and few control bytes. */
function looksText(sample: Uint8Array): boolean {
  let controls = 0;
  for (const b of sample) {
    if (b === 0) return false;
    if (b < 0x20 && !isWhitespace(b)) controls++;
  }
  if (controls > sample.length * 0.01) return false;
  try {
    // A sample may cut a multi-byte character in two: drop up to 3 trailing bytes before checking.
    strictUtf8.decode(sample.subarray(0, Math.max(0, sample.length - (sample.length === SAMPLE ? 3 : 0))));
    return true;
  } catch {
    // Not UTF-8: plausible single-byte text (Windows-1252, Latin-1) is mostly printable ASCII.
    let ascii = 0;
    for (const b of sample) if ((b >= 0x20 && b < 0x7f) || isWhitespace(b)) ascii++;
    return ascii >= sample.length * 0.85;
  }
}

/**
 * What the bytes are, by their content and never by a file name: a PDF, or text in some
 * encoding. Empty (or whitespace-only) content and binary files are refused with their codes.
 */
export function identifyContent(bytes: Uint8Array): ContentKind {
  if (bytes.length === 0) throw new PipelineError('empty', 'the object has no content');
  if (hasPdfHeader(bytes)) return 'pdf';
  const boms = [
    [0xef, 0xbb, 0xbf],
    [0xff, 0xfe],
    [0xfe, 0xff],
  ];
  const bom = boms.find((b) => startsWith(bytes, b));
  const sample = bytes.subarray(0, SAMPLE);
  if (bom || looksUtf16(sample)) {
    const body = bytes.subarray(bom?.length ?? 0);
    if (body.every((b) => b === 0 || isWhitespace(b))) throw new PipelineError('empty', 'the text is empty');
    return 'text';
  }
  if (!looksText(sample)) throw new PipelineError('unsupported_type', 'the object is neither a PDF nor text');
  if (bytes.every(isWhitespace)) throw new PipelineError('empty', 'the text is only whitespace');
  return 'text';
}
