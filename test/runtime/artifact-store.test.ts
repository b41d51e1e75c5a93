import { createHash } from 'node:crypto';
import { artifactKey, determinationSchema, type LetterManifest } from '@imr/contracts';
import { syntheticDetermination } from '@imr/search/testing';
import { ArtifactCache, ArtifactStore, type ObjectStore } from '@imr/storage';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { s3Requests, startS3 } from '../support/services.ts';

let s3: Awaited<ReturnType<typeof startS3>>;
let objects: ObjectStore;
const LETTERS = 'imr-letters';
const ARTIFACTS = 'imr-artifacts';

beforeAll(async () => {
  s3 = await startS3();
  objects = await s3.objects([LETTERS, ARTIFACTS]);
});
afterAll(async () => {
  objects?.close();
  await s3?.stop();
});

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('the artifact cache', () => {
  it('keeps the most recently used entries within its byte budget', () => {
    const cache = new ArtifactCache(1000);
    cache.set('a', { bytes: new Uint8Array(100) });
    cache.set('b', { value: { x: 1 }, size: 100 });
    cache.set('c', { bytes: new Uint8Array(100) });
    expect(cache.get('a')?.bytes?.byteLength).toBe(100); // a is now the most recent
    for (let i = 0; i < 8; i++) cache.set(`n${i}`, { bytes: new Uint8Array(100) });
    expect(cache.size).toBeLessThanOrEqual(1000);
    expect(cache.get('b')).toBeUndefined(); // the least recently used went first
    expect(cache.get('a')).toBeDefined();
    // One entry never takes more than an eighth of the budget.
    cache.set('big', { bytes: new Uint8Array(200) });
    expect(cache.get('big')).toBeUndefined();
  });
});

describe('the artifact store', () => {
  it('hands stages in one process what they wrote, without a request; without a cache every read is one', async () => {
    const letterId = sha256(new TextEncoder().encode('one letter'));
    const determination = determinationSchema.parse({ ...syntheticDetermination(1), letterId });
    for (const cached of [true, false]) {
      const store = new ArtifactStore(objects, ARTIFACTS, {
        cache: cached ? new ArtifactCache(1 << 20) : null,
      });
      const key = await store.putJson(letterId, 'determination.json', determination);
      const before = await s3Requests();
      expect(await store.getJson(key, determinationSchema)).toEqual(determination);
      expect((await s3Requests()) - before).toBe(cached ? 0 : 1);
    }
  });

  it('reads a text letter from its source, checked against its SHA-256; a replaced or deleted source gives null', async () => {
    const bytes = new TextEncoder().encode('Dear Claims Administrator, a letter.');
    const letterId = sha256(bytes);
    const source = { bucket: LETTERS, key: 'incoming/a.txt', etag: null, versionId: null };
    await objects.put(LETTERS, source.key, bytes);
    const payload = { letterId, source, contentType: 'text' as const, artifacts: {} };
    const store = new ArtifactStore(objects, ARTIFACTS, { cache: new ArtifactCache(1 << 20) });
    expect(await store.letterText(payload)).toEqual(bytes);
    // Read once, then from memory.
    const before = await s3Requests();
    expect(await store.letterText(payload)).toEqual(bytes);
    expect((await s3Requests()) - before).toBe(0);

    const fresh = new ArtifactStore(objects, ARTIFACTS);
    await objects.put(LETTERS, source.key, new TextEncoder().encode('another letter now'));
    expect(await fresh.letterText(payload)).toBeNull();
    // Replaced by something larger than a letter's text may be: not this letter either.
    await objects.put(LETTERS, source.key, new Uint8Array(4096));
    expect(await fresh.letterText(payload, { maxBytes: 1024 })).toBeNull();
    await objects.delete(LETTERS, source.key);
    expect(await fresh.letterText(payload)).toBeNull();
    // A PDF's text is its stored artifact, never its source.
    await expect(fresh.letterText({ ...payload, contentType: 'pdf' })).rejects.toMatchObject({
      code: 'artifact_missing',
    });
  });

  it('stores a letter manifest with its determination and finds it with one HEAD', async () => {
    const letterId = sha256(new TextEncoder().encode('a scanned letter'));
    const manifest: LetterManifest = {
      letterId,
      contentType: 'pdf',
      textEncoding: 'utf-8',
      byteLength: 1234,
      ocr: { engine: 'tesseract 5.3.0', pages: 2, meanConfidence: 93.5 },
    };
    const store = new ArtifactStore(objects, ARTIFACTS);
    expect(await store.determination(letterId)).toBeNull();
    await store.putJson(letterId, 'determination.json', { any: 'value' }, { manifest });
    expect(await store.determination(letterId)).toEqual({ manifest });
    // Another letter's manifest under this key is no manifest of this letter.
    const other = sha256(new TextEncoder().encode('other'));
    await store.putJson(other, 'determination.json', {}, { manifest });
    expect(await store.determination(other)).toEqual({ manifest: null });
    expect(artifactKey(letterId, 'determination.json')).toBe(`artifacts/${letterId}/determination.json`);
  });
});
