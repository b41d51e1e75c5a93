import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PipelineError } from '@imr/contracts';
import { beforeAll, describe, expect, it } from 'vitest';
import { identifyImage } from './ocr-image.ts';
import { blankPng, scanPages, scanTiff } from './ocr-test-scans.ts';

const REAL = fileURLToPath(new URL('../../../../shared/corpus/real/', import.meta.url));

const codeOf = (bytes: Uint8Array) => {
  try {
    identifyImage(bytes);
    return 'ok';
  } catch (err) {
    if (PipelineError.is(err)) return err.code;
    throw err;
  }
};

describe('identifyImage', () => {
  let jpeg: Buffer;
  let png: Buffer;
  let tiff: Buffer;
  beforeAll(() => {
    const pdf = readFileSync(`${REAL}000.pdf`);
    [jpeg] = scanPages(pdf, 100, 'jpeg') as [Buffer];
    [png] = scanPages(pdf, 100, 'png') as [Buffer];
    tiff = scanTiff(pdf, 100);
  });

  it('reads the pages and pixels of PNG, JPEG and multi-page TIFF from their headers', async () => {
    expect(identifyImage(png)).toEqual({ format: 'png', pages: [{ width: 850, height: 1100 }] });
    expect(identifyImage(jpeg)).toEqual({ format: 'jpeg', pages: [{ width: 850, height: 1100 }] });
    expect(identifyImage(tiff)).toEqual({
      format: 'tiff',
      pages: [
        { width: 850, height: 1100 },
        { width: 850, height: 1100 },
      ],
    });
    expect(identifyImage(await blankPng(30_000, 30_000))?.pages).toEqual([{ width: 30_000, height: 30_000 }]);
  });

  it('is null for what is no image: PDF, text, other binary', () => {
    expect(identifyImage(Buffer.from('%PDF-1.7\n'))).toBeNull();
    expect(identifyImage(Buffer.from('Case Number: CM16-0213037\n'))).toBeNull();
    expect(identifyImage(Buffer.from([0x50, 0x4b, 3, 4, 0, 0]))).toBeNull();
  });

  it('refuses truncated and damaged images with image_corrupt', () => {
    expect(codeOf(tiff.subarray(0, Math.floor(tiff.length / 2)))).toBe('image_corrupt');
    expect(codeOf(tiff.subarray(0, tiff.length - 10))).toBe('image_corrupt');
    expect(codeOf(tiff.subarray(0, 6))).toBe('image_corrupt');
    expect(codeOf(png.subarray(0, png.length - 100))).toBe('image_corrupt');
    expect(codeOf(jpeg.subarray(0, jpeg.length - 100))).toBe('image_corrupt');
    expect(codeOf(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1]))).toBe(
      'image_corrupt',
    );
    // A page chain that loops back on itself.
    const looping = Buffer.from(tiff);
    looping.writeUInt32LE(looping.readUInt32LE(4), looping.readUInt32LE(4) + 2 + 12 * 12);
    expect(codeOf(looping)).toBe('image_corrupt');
    expect(codeOf(tiff)).toBe('ok');
  });
});
