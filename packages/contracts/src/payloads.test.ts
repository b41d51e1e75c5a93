import { describe, expect, it } from 'vitest';
import { artifactKey, ingestPayloadSchema, stageLetterPayloadSchema } from './payloads.ts';

const LETTER = 'a'.repeat(64);
const ingest = (key: string) => ({
  source: { bucket: 'letters', key },
  trigger: 'event',
  seenAt: '2026-01-01T00:00:00Z',
});

describe('payload schemas', () => {
  it('keep a key as S3 names it, up to 1,024 bytes of UTF-8', () => {
    for (const key of ['../../etc/passwd', 'a\u0001b', 'é'.repeat(512), 'x'.repeat(1024)]) {
      expect(ingestPayloadSchema.parse(ingest(key)).source.key).toBe(key);
    }
    for (const key of ['', 'x'.repeat(1025), 'é'.repeat(513)]) {
      expect(ingestPayloadSchema.safeParse(ingest(key)).success).toBe(false);
    }
  });

  it("accept a stage payload only with the letter's own artifact keys", () => {
    const payload = (artifacts: Record<string, string>) => ({
      letterId: LETTER,
      source: { bucket: 'letters', key: 'k' },
      contentType: 'text',
      textEncoding: 'detect',
      byteLength: 1,
      artifacts,
      trigger: 'event',
    });
    expect(stageLetterPayloadSchema.safeParse(payload({ text: artifactKey(LETTER, 'text') })).success).toBe(
      true,
    );
    const forged = stageLetterPayloadSchema.safeParse(
      payload({
        text: artifactKey(LETTER, 'text'),
        normalized: artifactKey('b'.repeat(64), 'normalized.json'),
      }),
    );
    expect(forged.success).toBe(false);
    expect(forged.error?.issues.map((i) => i.path.join('.'))).toEqual(['artifacts.normalized']);
    expect(
      stageLetterPayloadSchema.safeParse(payload({ determination: `artifacts/${LETTER}/text` })).success,
    ).toBe(false);
  });
});
