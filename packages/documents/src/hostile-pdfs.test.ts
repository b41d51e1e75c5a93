import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PipelineError } from '@imr/contracts';
import { expect, it } from 'vitest';
import { PdfTextExtractor } from './pdf-text-extractor.ts';
import { LETTER_LINES, letterPdf } from './test-pdfs.ts';

/** 85 damaged PDFs from qpdf's test suite, shared beside the repository (`../shared` from its root). */
const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const HOSTILE = join(REPO_ROOT, '..', 'shared', 'corpus', 'hostile-pdf');
const PDF_CODES = ['pdf_corrupt', 'pdf_encrypted', 'pdf_timeout', 'pdf_too_complex', 'no_text_layer'];

it('ends every hostile PDF as text or a pdf code, keeps working, and bounds process memory', async () => {
  if (!existsSync(HOSTILE)) {
    throw new Error(
      `the hostile PDF corpus is missing: expected it at ${HOSTILE} (../shared/corpus/hostile-pdf)`,
    );
  }
  const files = readdirSync(HOSTILE).filter((file) => file.endsWith('.pdf'));
  expect(files.length).toBeGreaterThanOrEqual(80);
  const extractor = new PdfTextExtractor({ limits: { timeoutMs: 5_000 } });
  try {
    const before = process.memoryUsage.rss();
    let peak = before;
    const counts: Record<string, number> = {};
    for (const file of files) {
      let outcome = 'ok';
      try {
        await extractor.extract(readFileSync(join(HOSTILE, file)));
      } catch (err) {
        if (!PipelineError.is(err)) throw err;
        outcome = err.code;
      }
      expect(['ok', ...PDF_CODES], file).toContain(outcome);
      counts[outcome] = (counts[outcome] ?? 0) + 1;
      peak = Math.max(peak, process.memoryUsage.rss());
    }
    const growthMb = Math.round((peak - before) / 1024 / 1024);
    console.log(`hostile PDFs: ${JSON.stringify(counts)}; peak RSS growth ${growthMb} MB`);
    expect(growthMb).toBeLessThan(300);
    expect((await extractor.extract(await letterPdf())).text).toContain(LETTER_LINES[0]);
  } finally {
    await extractor.close();
  }
}, 120_000);
