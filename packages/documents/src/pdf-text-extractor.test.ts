import { PipelineError } from '@imr/contracts';
import { afterAll, describe, expect, it } from 'vitest';
import { PdfTextExtractor } from './pdf-text-extractor.ts';
import { LETTER_LINES, letterPdf, onePagePdf, scanPdf } from './test-pdfs.ts';

/** 'ok' or the PipelineError code a promise ends with. */
async function outcome(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'ok';
  } catch (err) {
    if (!PipelineError.is(err)) throw err;
    return err.code;
  }
}

/** Runs `work` while sampling the process's RSS; returns its growth over the start in MB. */
async function peakRssGrowthMb(work: () => Promise<unknown>): Promise<number> {
  const start = process.memoryUsage.rss();
  let peak = start;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 10);
  try {
    await work();
  } finally {
    clearInterval(timer);
  }
  return (Math.max(peak, process.memoryUsage.rss()) - start) / 1024 / 1024;
}

const extractor = new PdfTextExtractor({ limits: { timeoutMs: 10_000 } });
afterAll(() => extractor.close());

describe('PdfTextExtractor', () => {
  it('extracts the text layer: lines joined with newlines, pages with form feeds', async () => {
    const { text, pages } = await extractor.extract(await letterPdf({}, 3));
    expect(pages).toBe(3);
    const pageTexts = text.split('\f');
    expect(pageTexts).toHaveLength(3);
    pageTexts.forEach((page, i) => {
      expect(page.split('\n').filter((line) => line.trim())).toEqual([...LETTER_LINES, `Page ${i + 1} of 3`]);
    });
  });

  it('reads documents given at the same time, more of them than threads', async () => {
    const pdfs = await Promise.all([1, 2, 3, 4, 5].map((pages) => letterPdf({}, pages)));
    const results = await Promise.all(pdfs.map((pdf) => extractor.extract(pdf)));
    expect(results.map((r) => r.pages)).toEqual([1, 2, 3, 4, 5]);
  });

  it('refuses a PDF that needs a password with pdf_encrypted', async () => {
    const locked = await letterPdf({ userPassword: 'secret', ownerPassword: 'owner' });
    expect(await outcome(extractor.extract(locked))).toBe('pdf_encrypted');
  });

  it('reads a PDF that only has an owner password (permission restrictions)', async () => {
    const restricted = await letterPdf({
      ownerPassword: 'owner',
      permissions: { copying: false, modifying: false, printing: 'lowResolution' },
    });
    expect(restricted.includes('/Encrypt')).toBe(true);
    expect((await extractor.extract(restricted)).text).toContain(LETTER_LINES[1]);
  });

  it('refuses a PDF without text (a scan) with no_text_layer', async () => {
    expect(await outcome(extractor.extract(await scanPdf()))).toBe('no_text_layer');
  });

  it('refuses truncated and garbled PDFs with pdf_corrupt', async () => {
    const whole = await letterPdf({}, 2);
    expect(await outcome(extractor.extract(whole.subarray(0, Math.floor(whole.length / 3))))).toBe(
      'pdf_corrupt',
    );
    expect(await outcome(extractor.extract(Buffer.from('%PDF-1.7\nnothing else here\n')))).toBe(
      'pdf_corrupt',
    );
  });

  it('refuses more pages than maxPages with pdf_too_complex', async () => {
    const limited = new PdfTextExtractor({ limits: { maxPages: 1 } });
    try {
      expect(await outcome(limited.extract(await letterPdf({}, 3)))).toBe('pdf_too_complex');
      expect((await limited.extract(await letterPdf({}, 1))).pages).toBe(1);
    } finally {
      await limited.close();
    }
  });

  it('fails with pdf_timeout past timeoutMs', async () => {
    const hasty = new PdfTextExtractor({ limits: { timeoutMs: 1 } });
    try {
      expect(await outcome(hasty.extract(await letterPdf({}, 3)))).toBe('pdf_timeout');
      expect(await outcome(hasty.extract(await letterPdf({}, 3)))).toBe('pdf_timeout');
    } finally {
      await hasty.close();
    }
  });

  it('fails with pdf_too_complex when a page exhausts the thread heap, and reads the next document', async () => {
    // 400,000 text objects on one page: pdf.js keeps an object for each.
    const crowded = await onePagePdf('BT /F1 1 Tf 10 10 Td (ab) Tj ET\n'.repeat(1000), 400);
    const small = new PdfTextExtractor({ limits: { maxMemoryMb: 32, timeoutMs: 20_000 } });
    try {
      expect(await outcome(small.extract(crowded))).toBe('pdf_too_complex');
      expect((await small.extract(await letterPdf())).text).toContain(LETTER_LINES[0]);
    } finally {
      await small.close();
    }
  });

  it('stops a decompression bomb (memory outside the heap) with pdf_too_complex, and spares a document read beside it', async () => {
    // 768 MB of spaces in a stream of under 1 MB; pdf.js inflates it whole, outside the JS heap.
    const bomb = await onePagePdf(' '.repeat(1024 * 1024), 768);
    const letter = await letterPdf({}, 2);
    const small = new PdfTextExtractor({ limits: { maxMemoryMb: 64, timeoutMs: 20_000 } });
    try {
      let outcomes: string[] = [];
      const growth = await peakRssGrowthMb(async () => {
        outcomes = await Promise.all([outcome(small.extract(bomb)), outcome(small.extract(letter))]);
      });
      expect(outcomes).toEqual(['pdf_too_complex', 'ok']);
      // Two documents may grow the process by 2 x (2 x 64 + 64) MB; sampling adds some slack.
      expect(growth).toBeLessThan(600);
    } finally {
      await small.close();
    }
  });

  it("stops a document at the process's memory ceiling (the container's limit), below its own allowance", async () => {
    // Alone, this document may grow the process by 2 x 256 + 64 MB; the ceiling is far nearer.
    const bomb = await onePagePdf(' '.repeat(1024 * 1024), 768);
    const ceilingMb = Math.round(process.memoryUsage.rss() / 1024 / 1024) + 200;
    const capped = new PdfTextExtractor({ limits: { maxMemoryMb: 256, memoryCeilingMb: ceilingMb } });
    try {
      let error: unknown;
      const growth = await peakRssGrowthMb(async () => {
        error = await capped.extract(bomb).catch((err: unknown) => err);
      });
      expect(error).toMatchObject({ code: 'pdf_too_complex' });
      expect((error as Error).message).toContain(`memory ceiling of ${ceilingMb} MB`);
      expect(growth).toBeLessThan(400);
      expect(await outcome(capped.extract(await letterPdf()))).toBe('ok');
    } finally {
      await capped.close();
    }
  });

  it('refuses a PDF whose text is longer than any letter with too_large', async () => {
    const wordy = new PdfTextExtractor({ limits: { maxTextBytes: 100 } });
    try {
      const error = await wordy.extract(await letterPdf({}, 2)).catch((err: unknown) => err);
      expect(error).toMatchObject({ code: 'too_large', message: "the PDF's text is over 100 bytes" });
    } finally {
      await wordy.close();
    }
  });

  it('closes idempotently and refuses work afterwards with internal', async () => {
    const closing = new PdfTextExtractor();
    const pending = outcome(closing.extract(await letterPdf()));
    await Promise.all([closing.close(), closing.close()]);
    expect(await pending).toBe('internal');
    expect(await outcome(closing.extract(await letterPdf()))).toBe('internal');
  });
});
