import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { reprocess } from '@imr/app';
import type { Determination } from '@imr/contracts';
import { S3RVER_CREDENTIALS } from '@imr/embedded';
import { EXTRACTOR_VERSION } from '@imr/parser';
import type { LetterRecord } from '@imr/search';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startPipeline } from '../support/pipeline.ts';
import { createTestDatabase, startRedis } from '../support/services.ts';

/**
 * After a parser upgrade, `imr reprocess --from extract` brings stored letters up to date: a letter
 * the index holds as an earlier extractor left it (a modified request's whole heading as its item,
 * no `request`) comes back with the decided portion as its item and the request filled.
 */
const PDF = new URL('../../../shared/corpus/real/014.pdf', import.meta.url);
const HEADING =
  'Baclofen 100mg #30 was the original request. Baclofen 100mg #27 was authorized by the Claims ' +
  'Administrator. The remaining IMR eligible portion of the original request, Baclofen 100mg #3';

let redis: Awaited<ReturnType<typeof startRedis>>;
let db: Awaited<ReturnType<typeof createTestDatabase>>;
let pipeline: Awaited<ReturnType<typeof startPipeline>>;
let s3: S3Client;

beforeAll(async () => {
  redis = await startRedis();
  db = await createTestDatabase();
  pipeline = await startPipeline(redis.url, db.url);
  s3 = new S3Client({
    endpoint: pipeline.s3.server.endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: S3RVER_CREDENTIALS,
  });
});

afterAll(async () => {
  s3?.destroy();
  await pipeline?.stop();
  await db?.drop();
  await redis?.stop();
});

/** The determination as extractor 1.0.0 wrote it: no `request`, the whole heading as the item. */
function asEarlierExtractor(determination: LetterRecord['determination']): Determination {
  const decisions = determination.decisions.map(({ request: _request, ...decision }) => ({
    ...decision,
    item: HEADING,
    treatment: { ...decision.treatment, quantity: 30 },
  }));
  return {
    ...determination,
    decisions: decisions as Determination['decisions'],
    extractor: { name: 'imr-parser', version: '1.0.0' },
  };
}

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, ms = 60_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > end) return value;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

it('reprocess --from extract re-derives a stored letter: item, request and treatment of a modified request', async () => {
  const bytes = readFileSync(PDF);
  const key = 'incoming/014.pdf';
  const put = await s3.send(new PutObjectCommand({ Bucket: pipeline.bucket, Key: key, Body: bytes }));
  const source = { bucket: pipeline.bucket, key, etag: (put.ETag ?? '').replace(/"/g, ''), versionId: null };
  expect((await pipeline.settle([source])).get(source)).toMatchObject({ state: 'indexed' });
  const letterId = createHash('sha256').update(bytes).digest('hex');
  const search = await pipeline.resources.search();
  const current = await search.getLetter(letterId);
  expect(current?.determination.decisions.map((d) => d.item)).toEqual(['Baclofen 100mg #3']);

  // The index as it was before the upgrade: the letter as the earlier extractor left it.
  await search.removeSource({ bucket: source.bucket, key });
  const stale = asEarlierExtractor(current!.determination);
  expect(await search.upsertLetter(stale, { bucket: source.bucket, key, etag: source.etag })).toBe(
    'inserted',
  );
  const before = await search.getLetter(letterId);
  expect(before?.extractorVersion).toBe('1.0.0');
  expect(before?.determination.decisions[0]).toMatchObject({ item: HEADING, request: null });

  const run = await reprocess(pipeline.resources, search, { from: 'extract' });
  expect(run).toMatchObject({ letters: 1, sources: 1 });
  const after = await until(
    () => search.getLetter(letterId),
    (letter) => letter?.extractorVersion === EXTRACTOR_VERSION,
  );
  expect(after?.extractorVersion).toBe(EXTRACTOR_VERSION);
  expect(after?.determination.decisions[0]).toMatchObject({
    item: 'Baclofen 100mg #3',
    outcome: 'upheld',
    request: { original: 'Baclofen 100mg #30', authorized: 'Baclofen 100mg #27' },
    treatment: { category: 'medication', quantity: 3 },
  });
  const hits = await search.search({ q: 'baclofen' });
  expect(hits.hits.map((h) => h.item)).toEqual(['Baclofen 100mg #3']);
});
