// PDF text extraction benchmark, in one run:
//   1. corpus/real (the published letters), when it is beside the project: PdfTextExtractor with one
//      thread against poppler's pdftotext on the same files, one document at a time. Both per second
//      and per CPU second (the extractor's process, pdftotext's children), and their ratio per core;
//   2. letters made with pdfkit (1 to 4 pages): the extractor with 1 and 2 threads against a baseline
//      in the same process, pdf-parse on the main thread (loaded as the threads load it);
//   3. the cost of starting a thread (paid again after each hostile document that had to be stopped).
//   npm run bench -- pdf        (BENCH_SECONDS=3 per measurement; BENCH_ROUNDS=3 passes over corpus/real)
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { PdfTextExtractor } from '../packages/documents/src/index.ts';
import { importPdfLibrary } from '../packages/documents/src/pdf-library.mjs';
import { letterPdf } from '../packages/documents/src/test-pdfs.ts';
import { type PdfRate, pdftotextRate, pdftotextStartRate, rateOf, realPdfPaths } from './lib/real-corpus.ts';
import { QUICK, report } from './lib/report.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? (QUICK ? 1 : 3));
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? (QUICK ? 1 : 3));

// The baseline loads pdf.js as the PDF threads do (with the engine's own Array methods).
const { PDFParse } = await importPdfLibrary();

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

/** The extractor (one thread) on corpus/real, one document at a time, after a pass to warm up. */
async function extractorOnReal(files: readonly Uint8Array[]): Promise<PdfRate> {
  const extractor = new PdfTextExtractor({ maxThreads: 1 });
  try {
    for (const bytes of files) await extractor.extract(bytes);
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    for (let r = 0; r < ROUNDS; r++) for (const bytes of files) await extractor.extract(bytes);
    const cpu = process.cpuUsage(cpuBefore);
    return rateOf(files.length * ROUNDS, performance.now() - started, (cpu.user + cpu.system) / 1e6);
  } finally {
    await extractor.close();
  }
}

/** a / b, two decimals. */
const ratio = (a: number, b: number) => Math.round((a / b) * 100) / 100;

const realPaths = realPdfPaths();
const real = realPaths.length
  ? await (async () => {
      const extractor = await extractorOnReal(realPaths.map((path) => readFileSync(path)));
      const pdftotext = pdftotextRate(realPaths, ROUNDS);
      const start = pdftotextStartRate(realPaths.length * ROUNDS);
      if (!pdftotext || !start) return { extractor, pdftotext: null };
      // pdftotext's CPU per document less its CPU per start: the reading alone.
      const workCpuSeconds = 1 / pdftotext.pdfsPerCpuSecond - 1 / start.pdfsPerCpuSecond;
      return {
        extractor,
        pdftotext,
        pdftotextStartCpuMs: Math.round((1000 / start.pdfsPerCpuSecond) * 10) / 10,
        perCoreRatioToPdftotext: ratio(extractor.pdfsPerCpuSecond, pdftotext.pdfsPerCpuSecond),
        perCoreRatioToPdftotextWithoutStart: ratio(extractor.pdfsPerCpuSecond, 1 / workCpuSeconds),
      };
    })()
  : null;

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

if (real) {
  const line = (label: string, r: PdfRate) =>
    `${label}: ${r.pdfsPerSecond} PDFs/s, ${r.pdfsPerCpuSecond} PDFs per CPU second`;
  console.log(`corpus/real: ${realPaths.length} letters, ${ROUNDS} pass(es), one document at a time`);
  console.log(line('  extractor, 1 thread', real.extractor));
  if (real.pdftotext) {
    console.log(line('  pdftotext (process start included)', real.pdftotext));
    console.log(`  pdftotext start alone (an empty page): ${real.pdftotextStartCpuMs} ms of CPU`);
    console.log(
      `  extractor per core: ${real.perCoreRatioToPdftotext}x pdftotext, ` +
        `${real.perCoreRatioToPdftotextWithoutStart}x pdftotext less its start`,
    );
  } else {
    console.log('  pdftotext: not here');
  }
} else {
  console.log('corpus/real: not beside the project');
}
console.log(`${pdfs.length} letters of ${PAGES.join(', ')} pages, made with pdfkit, read in turn`);
console.log(`baseline, pdf-parse on the main thread: ${baseline.toFixed(0)} PDFs/s`);
for (const [label, value] of results) {
  console.log(`${label}: ${value.toFixed(0)} PDFs/s (${(value / baseline).toFixed(2)}x the baseline)`);
}
console.log(`first document on a new thread: ${Math.min(...coldStarts).toFixed(0)} ms (best of 3)`);
report({
  pdf: {
    real,
    baselinePerSecond: Math.round(baseline),
    ...Object.fromEntries(results.map(([label, value]) => [label, Math.round(value)])),
    coldStartMs: Math.round(Math.min(...coldStarts)),
  },
});
