// The PDF thread's entry point. The project runs TypeScript through tsx without a build step, and
// on Node 20 a worker thread does not inherit the tsx loader, so pdf-worker.ts is loaded through
// tsx's API. pdf.js is loaded here first, natively: modules loaded through tsx cost the thread
// tens of MB more heap, so much that a 64 MB thread could not read a one-page letter.
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { parentPort } from 'node:worker_threads';
import { PasswordException, PDFParse } from 'pdf-parse';
import { tsImport } from 'tsx/esm/api';

// pdf.js runs its own "worker" in this thread; given here, it is not imported on first use.
const fromPdfParse = createRequire(import.meta.resolve('pdf-parse'));
globalThis.pdfjsWorker = await import(
  pathToFileURL(fromPdfParse.resolve('pdfjs-dist/legacy/build/pdf.worker.mjs')).href
);

const { servePdfRequests } = await tsImport('./pdf-worker.ts', import.meta.url);
servePdfRequests(parentPort, { PDFParse, PasswordException });
