import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { PipelineError } from '@imr/contracts';
import iconv from 'iconv-lite';
import PDFDocument from 'pdfkit';
import { afterAll, describe, expect, it } from 'vitest';
import { identifyContent } from './identify.ts';
import { PdfTextExtractor } from './pdf-text-extractor.ts';

const HOSTILE = new URL('../../../../shared/corpus/hostile-pdf/', import.meta.url).pathname;
const LETTER =
  'HOW THE IMR FINAL DETERMINATION WAS MADE\nKetamine 5% cream 60gm apply TID: Upheld\nDecision rationale: the request is not medically necessary.';

function pdf(options: PDFKit.PDFDocumentOptions, draw: (doc: PDFKit.PDFDocument) => void): Promise<Buffer> {
  return new Promise((resolve) => {
    const doc = new PDFDocument({ ...options, info: { CreationDate: new Date(0) } });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    draw(doc);
    doc.end();
  });
}
const letterPdf = (options: PDFKit.PDFDocumentOptions = {}, pages = 1) =>
  pdf(options, (doc) => {
    for (let p = 1; p <= pages; p++) {
      if (p > 1) doc.addPage();
      doc.text(`${LETTER}\nPage ${p} of ${pages}`);
    }
  });

const codeOf = async (promise: Promise<unknown>) => {
  try {
    await promise;
    return 'ok';
  } catch (err) {
    expect(PipelineError.is(err)).toBe(true);
    return (err as PipelineError).code;
  }
};

const extractor = new PdfTextExtractor({ limits: { timeoutMs: 5_000 } });
afterAll(() => extractor.close());

describe('identifyContent', () => {
  const text = 'The patient’s request for §9792.20 review.';
  it.each([
    ['utf-8', Buffer.from(text)],
    ['utf-8 with BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)])],
    ['utf-16le with BOM', iconv.encode(text, 'utf-16le', { addBOM: true })],
    ['utf-16be with BOM', iconv.encode(text, 'utf-16be', { addBOM: true })],
    ['utf-16le without BOM', iconv.encode(text, 'utf-16le')],
    ['windows-1252', iconv.encode(text, 'windows-1252')],
  ])('%s is text', (_label, bytes) => {
    expect(identifyContent(bytes)).toBe('text');
  });

  it('finds a PDF by its bytes, whatever it is called', async () => {
    expect(identifyContent(await letterPdf())).toBe('pdf');
  });

  it.each([
    [
      'PNG',
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]),
    ],
    ['ZIP', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0, 8, 0, 0, 0, 0x21, 0])],
    ['random', Buffer.from(Array.from({ length: 512 }, (_, i) => (i * 7919) % 256))],
  ])('%s is unsupported_type', (_label, bytes) => {
    expect(() => identifyContent(bytes)).toThrow(expect.objectContaining({ code: 'unsupported_type' }));
  });

  it.each([
    ['no bytes', Buffer.alloc(0)],
    ['whitespace', Buffer.from(' \n\t \r\n')],
    ['a BOM alone', Buffer.from([0xef, 0xbb, 0xbf])],
  ])('%s is empty', (_label, bytes) => {
    expect(() => identifyContent(bytes)).toThrow(expect.objectContaining({ code: 'empty' }));
  });
});

describe('PdfTextExtractor', () => {
  it('extracts the text layer, pages separated by form feeds', async () => {
    const { text, pages } = await extractor.extract(await letterPdf({}, 2));
    expect(pages).toBe(2);
    expect(text.split('\f')).toHaveLength(2);
    expect(text).toContain('Ketamine 5% cream 60gm apply TID: Upheld');
  });

  it('refuses a PDF that needs a password, and reads one that only restricts permissions', async () => {
    expect(
      await codeOf(extractor.extract(await letterPdf({ userPassword: 'secret', ownerPassword: 'owner' }))),
    ).toBe('pdf_encrypted');
    const restricted = await letterPdf({
      ownerPassword: 'owner',
      permissions: { copying: false, modifying: false },
    });
    expect(restricted.includes('/Encrypt')).toBe(true);
    expect((await extractor.extract(restricted)).text).toContain('IMR FINAL DETERMINATION');
  });

  it('refuses a scan (no text layer), a truncated file, too many pages and a slow document with codes', async () => {
    const scan = await pdf({}, (doc) => {
      for (let y = 72; y < 600; y += 14) doc.rect(72, y, 300 + (y % 150), 8).fill('#222');
    });
    expect(await codeOf(extractor.extract(scan))).toBe('no_text_layer');
    const whole = await letterPdf();
    expect(await codeOf(extractor.extract(whole.subarray(0, Math.floor(whole.length / 3))))).toBe(
      'pdf_corrupt',
    );
    const limited = new PdfTextExtractor({ limits: { maxPages: 1 } });
    const hasty = new PdfTextExtractor({ limits: { timeoutMs: 1 } });
    try {
      expect(await codeOf(limited.extract(await letterPdf({}, 3)))).toBe('pdf_too_complex');
      expect(await codeOf(hasty.extract(await letterPdf({}, 3)))).toBe('pdf_timeout');
    } finally {
      await limited.close();
      await hasty.close();
    }
  });

  it('ends every hostile PDF (qpdf test suite) as text or a pdf code, keeps working, and bounds memory', async () => {
    if (!existsSync(HOSTILE)) throw new Error(`hostile PDF corpus not found at ${HOSTILE}`);
    const files = readdirSync(HOSTILE).filter((f) => f.endsWith('.pdf'));
    expect(files.length).toBeGreaterThan(50);
    const before = process.memoryUsage().rss;
    const outcomes: Record<string, number> = {};
    for (const file of files) {
      const code = await codeOf(extractor.extract(readFileSync(`${HOSTILE}${file}`)));
      outcomes[code] = (outcomes[code] ?? 0) + 1;
      expect(
        ['ok', 'pdf_corrupt', 'pdf_encrypted', 'pdf_timeout', 'pdf_too_complex', 'no_text_layer'],
        file,
      ).toContain(code);
    }
    const growthMb = (process.memoryUsage().rss - before) / 1024 / 1024;
    console.log(`hostile corpus: ${JSON.stringify(outcomes)}; RSS growth ${growthMb.toFixed(0)} MB`);
    expect(growthMb).toBeLessThan(400);
    expect((await extractor.extract(await letterPdf())).text).toContain('Upheld');
  }, 180_000);
});
