// Runs inside a worker thread: parses one PDF at a time with pdf-parse (pdf.js), so that a
// hostile document can exhaust only this thread's heap or time, never the service's event loop.
// Plain JavaScript so that it loads the same way under tsx, vitest and a production build.
import { parentPort } from 'node:worker_threads';
import { PDFParse } from 'pdf-parse';

parentPort.on('message', async ({ id, bytes, maxPages }) => {
  let parser;
  try {
    parser = new PDFParse({ data: bytes, verbosity: 0 });
    const result = await parser.getText({ first: maxPages + 1 });
    if (result.total > maxPages) {
      parentPort.postMessage({ id, error: { kind: 'too_many_pages', message: `${result.total} pages` } });
      return;
    }
    const text = result.pages.map((p) => p.text).join('\f');
    parentPort.postMessage({ id, text, pages: result.total });
  } catch (err) {
    const name = err?.name ?? 'Error';
    const kind = name === 'PasswordException' ? 'password' : 'corrupt';
    parentPort.postMessage({
      id,
      error: { kind, message: `${name}: ${String(err?.message ?? err).slice(0, 200)}` },
    });
  } finally {
    await parser?.destroy().catch(() => undefined);
  }
});
