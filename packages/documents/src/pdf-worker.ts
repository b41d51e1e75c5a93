// A PDF thread: reads one document at a time with pdf-parse (pdf.js), so that a hostile document
// exhausts only this thread's heap or time, never the service's event loop.
import type { MessagePort } from 'node:worker_threads';
import type * as PdfParse from 'pdf-parse';
import type { PdfReply, PdfRequest } from './pdf-worker-protocol.ts';

/** pdf-parse, imported by the thread's entry point without tsx (see pdf-worker-entry.mjs). */
export type PdfLibrary = Pick<typeof PdfParse, 'PDFParse' | 'PasswordException'>;

async function read({ PDFParse, PasswordException }: PdfLibrary, request: PdfRequest): Promise<PdfReply> {
  const { id, bytes, maxPages, maxTextBytes } = request;
  // isEvalSupported: false — pdf.js never compiles code from a document's fonts.
  const parser = new PDFParse({ data: bytes, verbosity: 0, isEvalSupported: false });
  try {
    // No page is numbered 0: this loads the document and counts its pages without reading any.
    const { total } = await parser.getText({ partial: [0] });
    if (total > maxPages) {
      return { id, ok: false, failure: 'too_many_pages', pages: total, errorName: 'Pages' };
    }
    const result = await parser.getText();
    // Lines end with a newline; pages are separated by form feeds.
    const text = result.pages
      .map((page) => page.text.replace(/\r\n?/g, '\n').replace(/\f/g, '\n'))
      .join('\f');
    // UTF-16 units: at most three UTF-8 bytes each, at least one.
    if (text.length > maxTextBytes || Buffer.byteLength(text) > maxTextBytes) {
      return { id, ok: false, failure: 'too_much_text', pages: total, errorName: 'Text' };
    }
    return { id, ok: true, text, pages: total };
  } catch (err) {
    const errorName = err instanceof Error ? err.name : typeof err;
    return { id, ok: false, failure: err instanceof PasswordException ? 'password' : 'corrupt', errorName };
  } finally {
    await parser.destroy().catch(() => undefined);
  }
}

/** Answers each request on `port`, one document at a time (the extractor sends one at a time). */
export function servePdfRequests(port: MessagePort, library: PdfLibrary): void {
  port.on('message', async (request: PdfRequest) => {
    port.postMessage(await read(library, request));
  });
  port.postMessage('ready');
}
