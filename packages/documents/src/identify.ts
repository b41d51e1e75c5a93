import { PipelineError } from '@imr/contracts';

export type ContentKind = 'pdf' | 'text';

/** How much of the start of an object is looked at to decide whether it is text. */
const SAMPLE_BYTES = 64 * 1024;
/** Some producers put junk before the header; readers accept it within the first KiB. */
const PDF_HEADER_WINDOW = 1024;
const PDF_HEADER = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-
const BOMS = [
  [0xef, 0xbb, 0xbf], // UTF-8
  [0xff, 0xfe], // UTF-16 LE
  [0xfe, 0xff], // UTF-16 BE
];
/** Share of control bytes (other than whitespace) that text may hold: binary data has about 10%. */
const MAX_CONTROL_SHARE = 0.01;

function startsWithAt(bytes: Uint8Array, prefix: number[], at: number): boolean {
  return prefix.every((b, i) => bytes[at + i] === b);
}

function hasPdfHeader(bytes: Uint8Array): boolean {
  const end = Math.min(bytes.length - PDF_HEADER.length, PDF_HEADER_WINDOW - PDF_HEADER.length);
  for (let at = 0; at <= end; at++) if (startsWithAt(bytes, PDF_HEADER, at)) return true;
  return false;
}

/** Tab, line feed, vertical tab, form feed, carriage return, space. */
function isWhitespace(b: number): boolean {
  return b === 0x20 || (b >= 0x09 && b <= 0x0d);
}

/** UTF-16 without a BOM: NULs in nearly every other byte (the high half of ASCII characters). */
function looksUtf16(sample: Uint8Array): boolean {
  const pairs = sample.length >> 1;
  if (pairs < 4) return false;
  let evenNuls = 0;
  let oddNuls = 0;
  for (let i = 0; i < pairs * 2; i += 2) {
    if (sample[i] === 0) evenNuls++;
    if (sample[i + 1] === 0) oddNuls++;
  }
  const [many, few] = [pairs * 0.4, pairs * 0.05];
  return (oddNuls > many && evenNuls < few) || (evenNuls > many && oddNuls < few);
}

/** Valid UTF-8 (a character cut in two at the end of the sample is allowed) without NULs. */
function looksUtf8(sample: Uint8Array): boolean {
  if (sample.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(sample, { stream: true });
    return true;
  } catch {
    return false;
  }
}

/**
 * Text in a single-byte encoding (Windows-1252, Latin-1, ...): no NULs and few control bytes. Any
 * byte above 0x7F is a letter or punctuation in some such encoding; the normalizer works out which.
 */
function looksSingleByte(sample: Uint8Array): boolean {
  let controls = 0;
  for (const b of sample) {
    if (b === 0) return false;
    if (b < 0x20 && !isWhitespace(b)) controls++;
  }
  return controls <= sample.length * MAX_CONTROL_SHARE;
}

function isBlank(bytes: Uint8Array): boolean {
  return bytes.every((b) => b === 0 || isWhitespace(b));
}

/**
 * What the bytes are, by their content and never by a file name: a PDF, or text in some
 * encoding. Empty (or whitespace-only) content and binary files are refused with their codes.
 */
export function identifyContent(bytes: Uint8Array): ContentKind {
  if (bytes.length === 0) throw new PipelineError('empty', 'the object has no bytes');
  if (hasPdfHeader(bytes)) return 'pdf';
  const bom = BOMS.find((b) => startsWithAt(bytes, b, 0));
  const sample = bytes.subarray(0, SAMPLE_BYTES);
  if (!bom && !looksUtf16(sample) && !looksUtf8(sample) && !looksSingleByte(sample)) {
    throw new PipelineError('unsupported_type', `${bytes.length} bytes that are neither a PDF nor text`);
  }
  if (isBlank(bytes.subarray(bom?.length ?? 0)))
    throw new PipelineError('empty', 'the text is only whitespace');
  return 'text';
}
