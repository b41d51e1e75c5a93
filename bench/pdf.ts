// PDF text extraction benchmark: PdfTextExtractor (worker threads with time and memory limits)
// against a baseline in the same process, pdf-parse on the main thread, one document at a time.
//   npm run bench -- pdf        (BENCH_SECONDS=3 per measurement)
// Prints PDFs/second for each, their ratio, and the cost of starting a thread (paid again after
// each hostile document that had to be stopped).
import { performance } from 'node:perf_hooks';
import { PDFParse } from 'pdf-parse';
import { PdfTextExtractor } from '../packages/documents/src/index.ts';
import { letterPdf } from '../packages/documents/src/test-pdfs.ts';
import { QUICK, report } from './lib/report.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? (QUICK ? 1 : 3));

const PAGES = [1, 2, 3, 4];
const pdfs = await Promise.all(PAGES.map((pages) => letterPdf({}, pages)));

async function mainThread(bytes: Uint8Array): Promise<number> {
  const parser = new PDFParse({ data: new Uint8Array(bytes), verbosity: 0 });
  try {
    return (await parser.getText()).text.length;
  } finally {
    await parser.destroy();
  }
}

/** PDFs per second over SECONDS, keeping `inFlight` documents in flight (after a warm-up). */
async function rate(read: (bytes: Uint8Array) => Promise<unknown>, inFlight: number): Promise<number> {
  for (const pdf of pdfs) await read(pdf);
  const started = performance.now();
  const until = started + SECONDS * 1000;
  let done = 0;
  await Promise.all(
    Array.from({ length: inFlight }, async (_, lane) => {
      for (let i = lane; performance.now() < until; i += inFlight) {
        await read(pdfs[i % pdfs.length] as Uint8Array);
        done++;
      }
    }),
  );
  return done / ((performance.now() - started) / 1000);
}

const baseline = await rate(mainThread, 1);
const results: [string, number][] = [];
for (const threads of [1, 2]) {
  const extractor = new PdfTextExtractor({ maxThreads: threads });
  try {
    results.push([
      `extractor, ${threads} thread(s)`,
      await rate((pdf) => extractor.extract(pdf), threads * 2),
    ]);
  } finally {
    await extractor.close();
  }
}

const coldStarts: number[] = [];
for (let i = 0; i < 3; i++) {
  const extractor = new PdfTextExtractor({ maxThreads: 1 });
  const started = performance.now();
  await extractor.extract(pdfs[0] as Uint8Array);
  coldStarts.push(performance.now() - started);
  await extractor.close();
}

console.log(`${pdfs.length} letters of ${PAGES.join(', ')} pages, made with pdfkit, read in turn`);
console.log(`baseline, pdf-parse on the main thread: ${baseline.toFixed(0)} PDFs/s`);
for (const [label, value] of results) {
  console.log(`${label}: ${value.toFixed(0)} PDFs/s (${(value / baseline).toFixed(2)}x the baseline)`);
}
console.log(`first document on a new thread: ${Math.min(...coldStarts).toFixed(0)} ms (best of 3)`);
report({
  pdf: {
    baselinePerSecond: Math.round(baseline),
    ...Object.fromEntries(results.map(([label, value]) => [label, Math.round(value)])),
    coldStartMs: Math.round(Math.min(...coldStarts)),
  },
});
