import { PipelineError } from '@imr/contracts';

export type ImageFormat = 'png' | 'jpeg' | 'tiff';

export interface ImageInfo {
  format: ImageFormat;
  /** Each page's size in pixels (a TIFF may hold several pages; PNG and JPEG hold one). */
  pages: { width: number; height: number }[];
}

/** A TIFF with more pages than this is no letter; its page chain is not followed further. */
const MAX_TIFF_PAGES = 10_000;

const corrupt = (format: ImageFormat, why: string) =>
  new PipelineError('image_corrupt', `the ${format.toUpperCase()} image ${why}`);

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  return prefix.every((b, i) => bytes[i] === b);
}

function png(bytes: Uint8Array): ImageInfo {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // Signature (8), then the IHDR chunk: length (4), type (4), width (4), height (4).
  if (bytes.length < 24 || view.getUint32(12) !== 0x49484452) throw corrupt('png', 'has no header');
  const width = view.getUint32(16);
  const height = view.getUint32(20);
  // Chunks must chain to IEND inside the file: a truncated PNG ends before it.
  let at = 8;
  for (;;) {
    if (at + 12 > bytes.length) throw corrupt('png', 'is truncated');
    const length = view.getUint32(at);
    const type = view.getUint32(at + 4);
    if (type === 0x49454e44) break; // IEND
    at += 12 + length;
  }
  if (!width || !height) throw corrupt('png', 'has no pixels');
  return { format: 'png', pages: [{ width, height }] };
}

function jpeg(bytes: Uint8Array): ImageInfo {
  // A complete JPEG ends with EOI (FF D9), perhaps followed by padding.
  const tail = bytes.subarray(Math.max(0, bytes.length - 64));
  let ended = false;
  for (let i = tail.length - 2; i >= 0 && !ended; i--) ended = tail[i] === 0xff && tail[i + 1] === 0xd9;
  if (!ended) throw corrupt('jpeg', 'is truncated');
  let at = 2;
  while (at + 4 <= bytes.length) {
    if (bytes[at] !== 0xff) throw corrupt('jpeg', 'has a broken marker');
    const marker = bytes[at + 1] as number;
    if (marker === 0xff) {
      at++;
      continue;
    }
    const length = ((bytes[at + 2] as number) << 8) | (bytes[at + 3] as number);
    // Start of frame (C0–CF, except DHT C4, JPG C8, DAC CC): precision, height, width.
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      if (at + 9 > bytes.length) break;
      const height = ((bytes[at + 5] as number) << 8) | (bytes[at + 6] as number);
      const width = ((bytes[at + 7] as number) << 8) | (bytes[at + 8] as number);
      if (!width || !height) throw corrupt('jpeg', 'has no pixels');
      return { format: 'jpeg', pages: [{ width, height }] };
    }
    if (marker === 0xda || length < 2) break;
    at += 2 + length;
  }
  throw corrupt('jpeg', 'has no frame header');
}

const TIFF_WIDTH = 256;
const TIFF_HEIGHT = 257;
const TIFF_STRIP_OFFSETS = 273;
const TIFF_STRIP_BYTES = 279;
const TIFF_TILE_OFFSETS = 324;
const TIFF_TILE_BYTES = 325;
/** Bytes of each TIFF field type (SHORT, LONG, ...), by type number. */
const TIFF_TYPE_BYTES: Record<number, number> = {
  1: 1,
  2: 1,
  3: 2,
  4: 4,
  5: 8,
  6: 1,
  7: 1,
  8: 2,
  9: 4,
  10: 8,
};

function tiff(bytes: Uint8Array): ImageInfo {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const little = bytes[0] === 0x49;
  const u16 = (at: number) => view.getUint16(at, little);
  const u32 = (at: number) => view.getUint32(at, little);
  const inside = (at: number, length: number) => at >= 8 && length >= 0 && at + length <= bytes.length;
  const pages: ImageInfo['pages'] = [];
  const seen = new Set<number>();
  let ifd = u32(4);
  while (ifd !== 0) {
    if (seen.has(ifd) || pages.length >= MAX_TIFF_PAGES) throw corrupt('tiff', 'has a looping page chain');
    seen.add(ifd);
    if (!inside(ifd, 2)) throw corrupt('tiff', 'is truncated');
    const count = u16(ifd);
    if (!inside(ifd, 2 + count * 12 + 4)) throw corrupt('tiff', 'is truncated');
    let width = 0;
    let height = 0;
    const data: Record<number, { type: number; count: number; at: number }> = {};
    for (let i = 0; i < count; i++) {
      const entry = ifd + 2 + i * 12;
      const tag = u16(entry);
      const type = u16(entry + 2);
      const n = u32(entry + 4);
      const size = (TIFF_TYPE_BYTES[type] ?? 1) * n;
      const at = size <= 4 ? entry + 8 : u32(entry + 8);
      if (size > 4 && !inside(at, size)) throw corrupt('tiff', 'is truncated');
      const value = (k: number) => (type === 3 ? u16(at + 2 * k) : u32(at + 4 * k));
      if (tag === TIFF_WIDTH) width = value(0);
      else if (tag === TIFF_HEIGHT) height = value(0);
      else if ((type === 3 || type === 4) && n > 0) data[tag] = { type, count: n, at };
    }
    if (!width || !height) throw corrupt('tiff', 'has a page without a size');
    // Every strip (or tile) of the page must lie inside the file: a truncated TIFF loses its last ones.
    for (const [offsets, lengths] of [
      [TIFF_STRIP_OFFSETS, TIFF_STRIP_BYTES],
      [TIFF_TILE_OFFSETS, TIFF_TILE_BYTES],
    ] as const) {
      const o = data[offsets];
      const l = data[lengths];
      if (!o || !l) continue;
      const read = (f: { type: number; at: number }, k: number) =>
        f.type === 3 ? u16(f.at + 2 * k) : u32(f.at + 4 * k);
      for (let k = 0; k < Math.min(o.count, l.count); k++) {
        if (!inside(read(o, k), read(l, k))) throw corrupt('tiff', 'is truncated');
      }
    }
    pages.push({ width, height });
    ifd = u32(ifd + 2 + count * 12);
  }
  if (!pages.length) throw corrupt('tiff', 'has no pages');
  return { format: 'tiff', pages };
}

/**
 * Whether the bytes are an image file a scan may come as (PNG, JPEG, TIFF), by their signature,
 * and each page's size in pixels, read from the headers without decoding any pixel. Null for
 * anything else. A damaged or truncated image fails with `image_corrupt` (every TIFF strip and the
 * PNG's chunk chain must lie inside the file; a JPEG must end with its end-of-image marker).
 */
export function identifyImage(bytes: Uint8Array): ImageInfo | null {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return png(bytes);
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return jpeg(bytes);
  if (startsWith(bytes, [0x49, 0x49, 0x2a, 0x00]) || startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2a])) {
    if (bytes.length < 8) throw corrupt('tiff', 'is truncated');
    return tiff(bytes);
  }
  return null;
}
