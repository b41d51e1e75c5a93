import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { importKeepingArrayMethods } from './pdf-library.mjs';

const LIBRARY = new URL('./pdf-library.mjs', import.meta.url).href;

/** Runs `source` (an ES module) in a fresh thread and resolves with the first message it posts. */
function inThread<T>(source: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL(`data:text/javascript,${encodeURIComponent(source)}`), {
      execArgv: [],
    });
    worker.once('message', (message: T) => {
      resolve(message);
      void worker.terminate();
    });
    worker.once('error', reject);
  });
}

describe('importKeepingArrayMethods', () => {
  it('puts back an Array.prototype method the import replaced, and keeps what it added', async () => {
    const source = `
      import { importKeepingArrayMethods } from ${JSON.stringify(LIBRARY)};
      const native = Array.prototype.map;
      const { loaded, restored } = await importKeepingArrayMethods(async () => {
        Array.prototype.map = function map() { return 'replaced'; };
        Object.defineProperty(Array.prototype, 'addedByImport', { value: () => 'added', configurable: true });
        return 'module';
      });
      (await import('node:worker_threads')).parentPort.postMessage({
        loaded, restored, mapIsNative: Array.prototype.map === native, added: [].addedByImport?.(),
      });
    `;
    expect(await inThread(source)).toEqual({
      loaded: 'module',
      restored: ['map'],
      mapIsNative: true,
      added: 'added',
    });
  });

  it("leaves pdf.js's thread with the engine's own Array methods", async () => {
    // By identity: core-js makes its replacements print as [native code].
    const source = `
      import { importPdfLibrary } from ${JSON.stringify(LIBRARY)};
      const before = Object.getOwnPropertyDescriptors(Array.prototype);
      const { PDFParse } = await importPdfLibrary();
      if (typeof PDFParse !== 'function' || !globalThis.pdfjsWorker) throw new Error('pdf.js not loaded');
      const replaced = Reflect.ownKeys(before)
        .filter((key) => Object.getOwnPropertyDescriptor(Array.prototype, key).value !== before[key].value)
        .map(String);
      (await import('node:worker_threads')).parentPort.postMessage(replaced);
    `;
    expect(await inThread(source)).toEqual([]);
  });

  it('returns what the import returned', async () => {
    expect(await importKeepingArrayMethods(async () => 42)).toEqual({ loaded: 42, restored: [] });
  });
});
