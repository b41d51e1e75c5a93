import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PipelineError } from '@imr/contracts';
import { beforeAll, describe, expect, it } from 'vitest';
import { OcrReader, tsvConfidence } from './ocr-reader.ts';
import { blankPng, hugePagePdf, scanPages, scanPdf, scanTiff } from './ocr-test-scans.ts';

/**
 * The OCR reader on scans made here from a real letter (../shared/corpus/real/000.pdf, two pages:
 * 150 dpi grey JPEG pages put together by img2pdf), with Debian's tesseract, and on hostile images.
 */
const REAL = fileURLToPath(new URL('../../../../shared/corpus/real/', import.meta.url));

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'ok';
  } catch (err) {
    if (PipelineError.is(err)) return err.code;
    throw err;
  }
}

describe('OcrReader', () => {
  const reader = new OcrReader();
  let letter: Buffer;
  let scan: Buffer;
  beforeAll(() => {
    letter = readFileSync(`${REAL}000.pdf`);
    scan = scanPdf(letter);
  });

  it('reads a scanned PDF page by page: its text, pages and the words’ mean confidence', async () => {
    const read = await reader.read(scan, 'pdf');
    expect(read.pages).toBe(2);
    expect(read.engine).toMatch(/^tesseract \d+\.\d+/);
    expect(read.meanConfidence).toBeGreaterThan(80);
    expect(read.meanConfidence).toBeLessThanOrEqual(100);
    expect(read.text.split('\f')).toHaveLength(2);
    expect(read.text).toContain('CM16-0213037');
    expect(read.text).toMatch(/Date Assigned:\s*11\/09\/2016/);
    expect(read.text).toMatch(/MRI of the right shoulder without contrast/);
  });

  it('reads image files: a PNG page, a JPEG page and a multi-page TIFF', async () => {
    const [png] = scanPages(letter, 150, 'png') as [Buffer];
    const [jpeg] = scanPages(letter, 150, 'jpeg') as [Buffer];
    for (const image of [png, jpeg]) {
      const read = await reader.read(image, 'image');
      expect(read.pages).toBe(1);
      expect(read.text).toContain('CM16-0213037');
    }
    const tiff = await reader.read(scanTiff(letter), 'image');
    expect(tiff.pages).toBe(2);
    expect(tiff.text.split('\f')).toHaveLength(2);
    expect(tiff.text).toMatch(/MRI of the cervical spine/);
  });

  it('ends hostile images with their codes before any decoder sees them', async () => {
    const bomb = await blankPng(30_000, 30_000);
    expect(await codeOf(reader.read(bomb, 'image'))).toBe('image_too_large');
    const tiff = scanTiff(letter);
    expect(await codeOf(reader.read(tiff.subarray(0, tiff.length >> 1), 'image'))).toBe('image_corrupt');
    // A PDF whose page would render to more pixels than the limit (200 × 200 inches).
    expect(await codeOf(reader.read(await hugePagePdf(200 * 72), 'pdf'))).toBe('image_too_large');
  });

  it('applies its limits, each with its own code', async () => {
    expect(await codeOf(new OcrReader({ limits: { maxPages: 1 } }).read(scan, 'pdf'))).toBe(
      'ocr_too_many_pages',
    );
    expect(await codeOf(new OcrReader({ limits: { pageTimeoutMs: 50 } }).read(scan, 'pdf'))).toBe(
      'ocr_timeout',
    );
    expect(await codeOf(new OcrReader({ limits: { maxMemoryMb: 100 } }).read(scan, 'pdf'))).toBe(
      'ocr_memory',
    );
    expect(await codeOf(new OcrReader({ limits: { maxTextBytes: 100 } }).read(scan, 'pdf'))).toBe(
      'too_large',
    );
  });

  it('finds no readable text in a blank scan: no_text_layer', async () => {
    expect(await codeOf(reader.read(await blankPng(1275, 1650), 'image'))).toBe('no_text_layer');
  });

  it('takes the mean confidence of recognised words only', () => {
    const tsv = [
      'level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext',
      '1\t1\t0\t0\t0\t0\t0\t0\t100\t100\t-1\t',
      '5\t1\t1\t1\t1\t1\t0\t0\t10\t10\t90.5\tCase',
      '5\t1\t1\t1\t1\t2\t0\t0\t10\t10\t70.5\tNumber:',
      '5\t1\t1\t1\t1\t3\t0\t0\t10\t10\t95\t ',
    ].join('\n');
    expect(tsvConfidence(tsv)).toEqual([161, 2]);
  });
});
