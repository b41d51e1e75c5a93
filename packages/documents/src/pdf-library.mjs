// Loads pdf.js for a PDF thread. pdf.js's legacy build (the build for Node) carries core-js, which
// replaces built-ins it judges non-conforming. On Node 20 (V8 before 12.2) that includes
// Array.prototype.push, for the error a push onto an array with a non-writable length throws:
// pdf.js never makes such an array, and the JavaScript push costs it about a fifth of its time on
// corpus/real. Node 22 and later keep their own push.
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

/**
 * Imports what `load` imports, then puts back every Array.prototype method the import replaced
 * (methods it added are kept: pdf.js uses them). Returns the import and the names put back.
 * @template T
 * @param {() => Promise<T>} load
 * @returns {Promise<{ loaded: T, restored: string[] }>}
 */
export async function importKeepingArrayMethods(load) {
  const before = Object.getOwnPropertyDescriptors(Array.prototype);
  const loaded = await load();
  const restored = [];
  // Symbol-keyed methods too (Symbol.iterator).
  for (const key of Reflect.ownKeys(before)) {
    const descriptor = before[key];
    if (typeof descriptor.value !== 'function') continue;
    if (Object.getOwnPropertyDescriptor(Array.prototype, key)?.value === descriptor.value) continue;
    Object.defineProperty(Array.prototype, key, descriptor);
    restored.push(String(key));
  }
  return { loaded, restored };
}

/**
 * pdf-parse, with pdf.js's own "worker" set on globalThis (so that it runs in this thread and is
 * not imported on first use), keeping the engine's Array methods.
 */
export async function importPdfLibrary() {
  const { loaded } = await importKeepingArrayMethods(async () => {
    const pdfParse = await import('pdf-parse');
    const fromPdfParse = createRequire(import.meta.resolve('pdf-parse'));
    const worker = await import(
      pathToFileURL(fromPdfParse.resolve('pdfjs-dist/legacy/build/pdf.worker.mjs')).href
    );
    return { pdfParse, worker };
  });
  globalThis.pdfjsWorker = loaded.worker;
  return loaded.pdfParse;
}
