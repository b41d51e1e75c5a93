import { createHash } from 'node:crypto';
import type { IngestPayload } from '@imr/contracts';
import { createRedis, ExtractedLetters } from '@imr/queue';
import { createIngestHandler } from '@imr/service-ingest';
import { ArtifactCache, ArtifactStore, type ObjectStore } from '@imr/storage';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { quietLog, s3Requests, startRedis, startS3, uniquePrefix } from '../support/services.ts';

const LETTERS = 'imr-letters';
const ARTIFACTS = 'imr-artifacts';
const TEXT = new TextEncoder().encode(
  'INDEPENDENT MEDICAL REVIEW FINAL DETERMINATION\nCase Number: CM16-0213037\n',
);
// A PNG's signature, IHDR chunk (1 × 1 px) and IEND: what identifies a scan by its bytes.
const PNG = Uint8Array.from([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1,
  8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x49, 0x45, 0x4e, 0x44, 0, 0, 0, 0,
]);

let s3: Awaited<ReturnType<typeof startS3>>;
let redisServer: Awaited<ReturnType<typeof startRedis>>;
let redis: Redis;
let objects: ObjectStore;

beforeAll(async () => {
  [s3, redisServer] = await Promise.all([startS3(), startRedis()]);
  redis = createRedis(redisServer.url);
  objects = await s3.objects([LETTERS, ARTIFACTS]);
});
afterAll(async () => {
  redis?.disconnect();
  objects?.close();
  await s3?.stop();
  await redisServer?.stop();
});

/** Ingest of `bytes` dropped under a new key, on s3rver and Redis, with a hint of its own. */
async function ingest(bytes: Uint8Array, known: { hint: boolean; stored: boolean }) {
  const letterId = createHash('sha256').update(bytes).digest('hex');
  const extracted = new ExtractedLetters(redis, `${uniquePrefix('hint')}:extracted-letters`);
  const artifacts = new ArtifactStore(objects, ARTIFACTS, { cache: new ArtifactCache(1 << 20) });
  if (known.hint) await extracted.add(letterId);
  if (known.stored) await artifacts.putJson(letterId, 'determination.json', { stored: true });
  const key = `incoming/${uniquePrefix('letter')}`;
  await objects.put(LETTERS, key, bytes);
  const payload: IngestPayload = {
    source: { bucket: LETTERS, key, etag: null, versionId: null },
    trigger: 'event',
    seenAt: new Date().toISOString(),
  };
  const handler = createIngestHandler({
    objects,
    artifacts,
    extracted,
    pdf: () => {
      throw new Error('no PDF here');
    },
    maxBytes: 1 << 20,
    maxTextBytes: 1 << 20,
    ocr: true,
  });
  const before = await s3Requests('head');
  const result = await handler.handle(payload, { jobId: 'j', attempt: 1, log: quietLog });
  return { result, lookups: (await s3Requests('head')) - before, letterId, artifacts };
}

describe('ingest: a letter already extracted', () => {
  it('costs a new text letter no lookup in S3 when the hint does not know it, and keeps it for the next stages', async () => {
    const { result, lookups, letterId, artifacts } = await ingest(TEXT, { hint: false, stored: false });
    expect(result).toMatchObject({ next: { letterId, contentType: 'text', artifacts: {} } });
    expect('to' in result ? result.to : undefined).toBeUndefined();
    expect(lookups).toBe(0);
    const source = 'next' in result ? result.next.source : undefined;
    // Normalize in this process reads it from memory, whatever happens to the object.
    await objects.delete(LETTERS, source?.key as string);
    expect(
      await artifacts.letterText({ letterId, source: source as never, contentType: 'text', artifacts: {} }),
    ).toEqual(TEXT);
  });

  it('goes straight to the index when the hint knows it and its determination is stored', async () => {
    const { result, lookups } = await ingest(TEXT, { hint: true, stored: true });
    expect(result).toMatchObject({ to: 'index' });
    expect(lookups).toBe(1);
  });

  it('looks a scan up in S3 even when the hint has forgotten it: OCR is never run twice for one letter', async () => {
    const stored = await ingest(PNG, { hint: false, stored: true });
    expect(stored.result).toMatchObject({ to: 'index' });
    const fresh = await ingest(Uint8Array.from([...PNG, 0]), { hint: false, stored: false });
    expect(fresh.result).toMatchObject({ to: 'ocr', next: { contentType: 'image' } });
    expect(fresh.lookups).toBe(1);
  });
});
