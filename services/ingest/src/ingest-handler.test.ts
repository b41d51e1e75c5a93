import { createHash } from 'node:crypto';
import type { IngestPayload } from '@imr/contracts';
import { createLogger } from '@imr/logging';
import type { ArtifactStore, ObjectStore } from '@imr/storage';
import { describe, expect, it } from 'vitest';
import { createIngestHandler } from './ingest-handler.ts';

const log = createLogger('test', { level: 'silent' });
const payload: IngestPayload = {
  source: { bucket: 'imr-letters', key: 'incoming/a', etag: null, versionId: null },
  trigger: 'event',
  seenAt: '2026-12-06T00:00:00.000Z',
};
const TEXT = new TextEncoder().encode(
  'INDEPENDENT MEDICAL REVIEW FINAL DETERMINATION\nCase Number: CM16-0213037\n',
);
// A PNG's signature, IHDR chunk (1 × 1 px) and IEND: what identifies a scan by its bytes.
const PNG = Uint8Array.from([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1,
  8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x49, 0x45, 0x4e, 0x44, 0, 0, 0, 0,
]);

/** The handler over one stored object, with what the hint and the artifact bucket know. */
function ingest(bytes: Uint8Array, known: { hint: boolean; stored: boolean }) {
  const lookups: string[] = [];
  const remembered: string[] = [];
  const handler = createIngestHandler({
    objects: {
      get: async () => ({ bytes, etag: 'e', versionId: null, size: bytes.length }),
    } as unknown as ObjectStore,
    artifacts: {
      determination: async (id: string) => {
        lookups.push(id);
        return known.stored ? { manifest: null } : null;
      },
      rememberLetter: (id: string) => void remembered.push(id),
    } as unknown as ArtifactStore,
    extracted: { has: async () => known.hint },
    pdf: () => {
      throw new Error('no PDF here');
    },
    maxBytes: 1 << 20,
    maxTextBytes: 1 << 20,
    ocr: true,
  });
  const run = () => handler.handle(payload, { jobId: 'j', attempt: 1, log });
  return { run, lookups, remembered, letterId: createHash('sha256').update(bytes).digest('hex') };
}

describe('ingest: a letter already extracted', () => {
  it('costs a new text letter no lookup in S3 when the hint does not know it, and keeps it for the next stages', async () => {
    const { run, lookups, remembered, letterId } = ingest(TEXT, { hint: false, stored: true });
    const result = await run();
    expect(result).toMatchObject({ next: { letterId, contentType: 'text', artifacts: {} } });
    expect('to' in result ? result.to : undefined).toBeUndefined();
    expect(lookups).toEqual([]);
    expect(remembered).toEqual([letterId]);
  });

  it('goes straight to the index when the hint knows it and its determination is stored', async () => {
    const { run, lookups } = ingest(TEXT, { hint: true, stored: true });
    expect(await run()).toMatchObject({ to: 'index' });
    expect(lookups).toHaveLength(1);
  });

  it('looks a scan up in S3 even when the hint has forgotten it: OCR is never run twice for one letter', async () => {
    const stored = ingest(PNG, { hint: false, stored: true });
    expect(await stored.run()).toMatchObject({ to: 'index' });
    const fresh = ingest(PNG, { hint: false, stored: false });
    expect(await fresh.run()).toMatchObject({ to: 'ocr', next: { contentType: 'image' } });
    expect(fresh.remembered).toEqual([fresh.letterId]);
  });
});
