// The PDF thread's entry point. The project runs TypeScript through tsx without a build step, and
// on Node 20 a worker thread does not inherit the tsx loader, so pdf-worker.ts is loaded through
// tsx's API. pdf.js is loaded here first, natively: modules loaded through tsx cost the thread
// tens of MB more heap, so much that a 64 MB thread could not read a one-page letter.
import { parentPort } from 'node:worker_threads';
import { tsImport } from 'tsx/esm/api';
import { importPdfLibrary } from './pdf-library.mjs';

const { PDFParse, PasswordException } = await importPdfLibrary();
const { servePdfRequests } = await tsImport('./pdf-worker.ts', import.meta.url);
servePdfRequests(parentPort, { PDFParse, PasswordException });
