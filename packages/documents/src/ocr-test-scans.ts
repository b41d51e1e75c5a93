// Scans made at run time for tests and benchmarks (no scan is committed): a PDF printed and scanned,
// as a fax or office scanner would, with Debian's poppler-utils and img2pdf.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDeflate } from 'node:zlib';
import PDFDocument from 'pdfkit';

function inTemp<T>(work: (dir: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'imr-scan-'));
  try {
    return work(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Each page of `pdf` as a grey JPEG at `dpi` (`pdftoppm -r 150 -gray -jpeg`), in page order. */
export function scanPages(pdf: Uint8Array, dpi = 150, format: 'jpeg' | 'png' | 'tiff' = 'jpeg'): Buffer[] {
  return inTemp((dir) => {
    writeFileSync(join(dir, 'in.pdf'), pdf);
    execFileSync('pdftoppm', ['-r', String(dpi), '-gray', `-${format}`, 'in.pdf', 'page'], { cwd: dir });
    return readdirSync(dir)
      .filter((f) => f.startsWith('page-'))
      .sort((a, b) => Number(/\d+/.exec(a)?.[0]) - Number(/\d+/.exec(b)?.[0]))
      .map((f) => readFileSync(join(dir, f)));
  });
}

/** An image-only PDF of `pdf`: its pages scanned (see scanPages), then put together by `img2pdf`. */
export function scanPdf(pdf: Uint8Array, dpi = 150): Buffer {
  return inTemp((dir) => {
    const names = scanPages(pdf, dpi).map((jpeg, i) => {
      const name = `p${String(i).padStart(4, '0')}.jpg`;
      writeFileSync(join(dir, name), jpeg);
      return name;
    });
    return execFileSync('img2pdf', [...names], { cwd: dir, maxBuffer: 256 * 1024 * 1024 });
  });
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = (crcTable[(c ^ b) & 0xff] as number) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/**
 * A valid white grey PNG of `width` × `height` pixels: a 30,000 × 30,000 one (900 megapixels) is
 * about a megabyte, since its rows compress to nothing — a decompression bomb for an image decoder.
 * Its rows are compressed as a stream, never held at once.
 */
export async function blankPng(width: number, height: number): Promise<Buffer> {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 0, 0, 0, 0], 8); // 8-bit grey, deflate, no filter, no interlace
  const row = Buffer.alloc(width + 1, 0xff);
  row[0] = 0; // filter: none
  const deflate = createDeflate({ level: 1, memLevel: 9 });
  const out: Buffer[] = [];
  deflate.on('data', (b: Buffer) => out.push(b));
  const ended = new Promise((resolve, reject) => deflate.on('end', resolve).on('error', reject));
  const rowsPerWrite = Math.max(1, Math.floor((4 * 1024 * 1024) / row.length));
  const block = Buffer.concat(Array.from({ length: rowsPerWrite }, () => row));
  for (let y = 0; y < height; y += rowsPerWrite) {
    const n = Math.min(rowsPerWrite, height - y);
    if (!deflate.write(n === rowsPerWrite ? block : block.subarray(0, n * row.length))) {
      await new Promise((resolve) => deflate.once('drain', resolve));
    }
  }
  deflate.end();
  await ended;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', Buffer.concat(out)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Each page of `pdf` as a grey bitmap at `dpi` (`pdftoppm -gray`, binary PGM), in page order. */
function greyPages(pdf: Uint8Array, dpi: number): { width: number; height: number; pixels: Buffer }[] {
  return inTemp((dir) => {
    writeFileSync(join(dir, 'in.pdf'), pdf);
    execFileSync('pdftoppm', ['-r', String(dpi), '-gray', 'in.pdf', 'page'], { cwd: dir });
    return readdirSync(dir)
      .filter((f) => f.endsWith('.pgm'))
      .sort((a, b) => Number(/\d+/.exec(a)?.[0]) - Number(/\d+/.exec(b)?.[0]))
      .map((f) => {
        const pgm = readFileSync(join(dir, f));
        const head = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(pgm.subarray(0, 64).toString('latin1'));
        if (!head) throw new Error('pdftoppm wrote no binary PGM');
        const [width, height] = [Number(head[1]), Number(head[2])];
        return { width, height, pixels: pgm.subarray(head[0].length, head[0].length + width * height) };
      });
  });
}

/**
 * A multi-page TIFF of `pdf` scanned at `dpi` (8-bit grey, uncompressed, one strip a page), as a
 * fax server or a scanner's "scan to TIFF" would send a letter. Little-endian, each page's
 * directory after its pixels.
 */
export function scanTiff(pdf: Uint8Array, dpi = 150): Buffer {
  const pages = greyPages(pdf, dpi);
  const parts: Buffer[] = [];
  let offset = 8;
  const header = Buffer.from([0x49, 0x49, 0x2a, 0, 0, 0, 0, 0]);
  parts.push(header);
  let previousNext = 4; // where the previous directory's "next" offset is written
  const patches: [number, number][] = [];
  for (const page of pages) {
    const pixelsAt = offset;
    parts.push(page.pixels);
    offset += page.pixels.length + (page.pixels.length % 2);
    if (page.pixels.length % 2) parts.push(Buffer.alloc(1));
    const resolutionAt = offset;
    const resolution = Buffer.alloc(8);
    resolution.writeUInt32LE(dpi, 0);
    resolution.writeUInt32LE(1, 4);
    parts.push(resolution);
    offset += 8;
    const entries: [number, number, number, number][] = [
      [256, 4, 1, page.width],
      [257, 4, 1, page.height],
      [258, 3, 1, 8], // bits per sample
      [259, 3, 1, 1], // no compression
      [262, 3, 1, 1], // black is zero
      [273, 4, 1, pixelsAt], // strip offsets
      [277, 3, 1, 1], // samples per pixel
      [278, 4, 1, page.height], // rows per strip
      [279, 4, 1, page.pixels.length], // strip byte counts
      [282, 5, 1, resolutionAt], // x resolution
      [283, 5, 1, resolutionAt], // y resolution
      [296, 3, 1, 2], // inches
    ];
    const ifd = Buffer.alloc(2 + entries.length * 12 + 4);
    ifd.writeUInt16LE(entries.length, 0);
    entries.forEach(([tag, type, count, value], i) => {
      const at = 2 + i * 12;
      ifd.writeUInt16LE(tag, at);
      ifd.writeUInt16LE(type, at + 2);
      ifd.writeUInt32LE(count, at + 4);
      if (type === 3) ifd.writeUInt16LE(value, at + 8);
      else ifd.writeUInt32LE(value, at + 8);
    });
    patches.push([previousNext, offset]);
    previousNext = offset + 2 + entries.length * 12;
    parts.push(ifd);
    offset += ifd.length;
  }
  const tiff = Buffer.concat(parts);
  for (const [at, value] of patches) tiff.writeUInt32LE(value, at);
  return tiff;
}

/** A one-page PDF of `points` × `points` with one line drawn on it: a page too large to render for OCR. */
export function hugePagePdf(points: number): Promise<Buffer> {
  const doc = new PDFDocument({ size: [points, points] });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  doc.on('data', (c: Buffer) => chunks.push(c));
  doc.moveTo(10, 10).lineTo(100, 100).stroke();
  doc.end();
  return done;
}
