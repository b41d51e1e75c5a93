import { createHash } from 'node:crypto';
import { ConfigError, loadConfig } from '@imr/config';
import { type LetterPayload, PipelineError } from '@imr/contracts';
import { createLogger } from '@imr/logging';
import type { ArtifactStore } from '@imr/storage';
import { describe, expect, it } from 'vitest';
import { createOcrHandler } from './ocr-handler.ts';

const log = createLogger('test', { level: 'silent' });
const bytes = new TextEncoder().encode('%PDF-1.7 a scan');
const letterId = createHash('sha256').update(bytes).digest('hex');
const payload: LetterPayload = {
  letterId,
  source: { bucket: 'imr-letters', key: 'incoming/scan.pdf', etag: 'e', versionId: null },
  contentType: 'pdf',
  textEncoding: 'utf-8',
  byteLength: bytes.length,
  artifacts: {},
  trigger: 'event',
};

function handler(options: { gone?: boolean; enabled?: boolean } = {}) {
  const written = new Map<string, unknown>();
  const reads: string[] = [];
  const artifacts = {
    // ArtifactStore.letter: null once the source no longer holds the letter (its check is tested
    // on s3rver in test/runtime/artifact-store.test.ts).
    letter: async () => (options.gone ? null : bytes),
    putBytes: async (id: string, name: string, b: Uint8Array) => {
      written.set(name, new TextDecoder().decode(b));
      return `artifacts/${id}/${name}`;
    },
    putJson: async (id: string, name: string, value: unknown) => {
      written.set(name, value);
      return `artifacts/${id}/${name}`;
    },
  } as unknown as ArtifactStore;
  const ocr = {
    read: async (_: Uint8Array, kind: 'pdf' | 'image') => {
      reads.push(kind);
      return { text: 'Case Number: CM16-0213037', pages: 2, meanConfidence: 91.5, engine: 'tesseract 5.3.0' };
    },
  };
  const stage = createOcrHandler({
    artifacts,
    ocr: () => ocr,
    maxBytes: 1 << 20,
    enabled: options.enabled ?? true,
  });
  const run = (p: LetterPayload = payload) => stage.handle(p, { jobId: 'j', attempt: 1, log });
  return { run, written, reads };
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'ok';
  } catch (err) {
    if (PipelineError.is(err)) return err.code;
    throw err;
  }
}

describe('the ocr lane handler', () => {
  it('stores the OCR text and hands the letter to normalize with the reading (its manifest is stored with the determination)', async () => {
    const { run, written, reads } = handler();
    const result = await run();
    expect(reads).toEqual(['pdf']);
    expect(written.get('text')).toBe('Case Number: CM16-0213037');
    const ocr = { engine: 'tesseract 5.3.0', pages: 2, meanConfidence: 91.5 };
    expect([...written.keys()]).toEqual(['text']);
    // No `to`: the catalog's next for the lane, normalize.
    expect(result).toEqual({
      next: { ...payload, ocr, artifacts: { text: `artifacts/${letterId}/text` } },
    });
  });

  it('refuses an object that no longer holds the letter, text payloads, and works nothing when OCR is off', async () => {
    expect(await codeOf(handler({ gone: true }).run())).toBe('object_missing');
    expect(await codeOf(handler().run({ ...payload, contentType: 'text' }))).toBe('invalid_payload');
    const off = handler({ enabled: false });
    expect(await codeOf(off.run())).toBe('no_text_layer');
    expect(off.reads).toEqual([]);
  });
});

describe('OCR settings', () => {
  it('have their defaults, and a bad one is a ConfigError naming it', () => {
    expect(loadConfig({})).toMatchObject({
      IMR_OCR: 'on',
      IMR_OCR_CONCURRENCY: 1,
      IMR_OCR_PAGE_TIMEOUT_MS: 60_000,
      IMR_OCR_MAX_PAGES: 50,
      IMR_OCR_MAX_MEMORY_MB: 1024,
    });
    for (const [name, value] of [
      ['IMR_OCR', 'maybe'],
      ['IMR_OCR_CONCURRENCY', '0'],
      ['IMR_OCR_PAGE_TIMEOUT_MS', 'soon'],
      ['IMR_OCR_MAX_PAGES', '-1'],
      ['IMR_OCR_MAX_MEMORY_MB', '64'],
    ] as const) {
      let error: unknown;
      try {
        loadConfig({ [name]: value });
      } catch (err) {
        error = err;
      }
      expect(ConfigError.is(error), name).toBe(true);
      expect((error as Error).message).toMatch(new RegExp(`^invalid configuration: ${name}: `));
      expect((error as Error).message).not.toContain('\n');
    }
  });
});
