// A PDF thread: reads one document at a time with pdf-parse (pdf.js), so that a hostile document
// exhausts only this thread's heap or time, never the service's event loop.
import { parentPort } from 'node:worker_threads';
import { PasswordException, PDFParse } from 'pdf-parse';
import type { PdfReply, PdfRequest } from './pdf-worker-protocol.ts';

const port = parentPort;
if (!port) throw new Error('pdf-worker.ts runs inside a worker thread');

async function read({ id, bytes, maxPages }: PdfRequest): Promise<PdfReply> {
  // isEvalSupported: false — pdf.js never compiles code from a document's fonts.
  const parser = new PDFParse({ data: bytes, verbosity: 0, isEvalSupported: false });
  try {
    // No page is numbered 0: this loads the document and counts its pages without reading any.
    const { total } = await parser.getText({ partial: [0] });
    if (total > maxPages)
      return { id, ok: false, failure: 'too_many_pages', pages: total, errorName: 'Pages' };
    const result = await parser.getText();
    // Lines end with a newline; pages are separated by form feeds.
    const text = result.pages
      .map((page) => page.text.replace(/\r\n?/g, '\n').replace(/\f/g, '\n'))
      .join('\f');
    return { id, ok: true, text, pages: total };
  } catch (err) {
    const errorName = err instanceof Error ? err.name : typeof err;
    return { id, ok: false, failure: err instanceof PasswordException ? 'password' : 'corrupt', errorName };
  } finally {
    await parser.destroy().catch(() => undefined);
  }
}

port.on('message', async (request: PdfRequest) => {
  port.postMessage(await read(request));
});
port.postMessage('ready');
