import { createHash } from 'node:crypto';
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { S3RVER_CREDENTIALS } from '@imr/embedded';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPipeline } from '../support/pipeline.ts';
import { readSeed, seedNames } from '../support/seeds.ts';
import { createTestDatabase, startRedis } from '../support/services.ts';

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

async function drop(key: string, body: Uint8Array | string) {
  const res = await s3.send(new PutObjectCommand({ Bucket: pipeline.bucket, Key: key, Body: body }));
  return { bucket: pipeline.bucket, key, etag: (res.ETag ?? '').replace(/"/g, ''), versionId: null };
}

describe('end to end: bucket -> ingest -> normalize -> extract -> index', () => {
  it('a seed letter dropped into the bucket is found in the PostgreSQL index', async () => {
    const [name] = seedNames();
    const { bytes } = readSeed(name as string);
    const source = await drop(`incoming/${name} (copy).txt`, bytes);
    const traces = await pipeline.settle([source]);
    const trace = traces.get(source);
    expect(trace).toMatchObject({ state: 'indexed', stage: 'index' });
    const letterId = createHash('sha256').update(bytes).digest('hex');
    expect(trace?.letterId).toBe(letterId);

    const search = await pipeline.resources.search();
    const letter = await search.getLetter(letterId);
    expect(letter?.determination.decisions.map((d) => d.item)).toContain('KETAMINE 5% CREAM 60 GR. QTY: 1');
    expect(letter?.sources).toEqual([expect.objectContaining({ bucket: pipeline.bucket, key: source.key })]);
    const hits = await search.search({ q: 'ketamine' });
    expect(hits.hits.map((h) => h.letterId)).toContain(letterId);
  });

  it('the same bytes under a second key are one letter with two sources; a duplicate event adds nothing', async () => {
    const name = seedNames()[1] as string;
    const { bytes } = readSeed(name);
    const first = await drop(`incoming/a/${name}.txt`, bytes);
    const second = await drop(`incoming/b/${name}.txt`, bytes);
    await pipeline.settle([first, second]);
    await pipeline.resources.queues.enqueueIngest({
      source: first,
      trigger: 'event',
      seenAt: new Date().toISOString(),
    });
    const traces = await pipeline.settle([first, second]);
    expect([...traces.values()].map((t) => t.state)).toEqual(['indexed', 'indexed']);
    const search = await pipeline.resources.search();
    const letterId = createHash('sha256').update(bytes).digest('hex');
    const letter = await search.getLetter(letterId);
    expect(letter?.sources.map((s) => s.key).sort()).toEqual([first.key, second.key]);
    const ingest = pipeline.resources.queues.queue('ingest');
    expect((await ingest.getJobCounts('completed')).completed).toBeGreaterThanOrEqual(2);
  });

  it('a document that is not an IMR letter fails with not_imr_letter, stays in S3, and is dead-lettered', async () => {
    const body =
      'Dear tenant,\n\nThe rent for unit 4B is due on the first of each month.\n\nRegards,\nThe landlord\n';
    const source = await drop('incoming/lease.txt', body);
    const trace = (await pipeline.settle([source])).get(source);
    expect(trace).toMatchObject({ state: 'failed', stage: 'extract', code: 'not_imr_letter' });
    const still = await s3.send(new GetObjectCommand({ Bucket: pipeline.bucket, Key: source.key }));
    expect(await still.Body?.transformToString()).toBe(body);
    const { DeadLetters } = await import('@imr/queue');
    const entries = await new DeadLetters(pipeline.resources.queues).list({ code: 'not_imr_letter' });
    expect(entries).toHaveLength(1);
    expect(JSON.stringify(entries[0]?.payload)).not.toContain('landlord');
  });

  it('a stored artifact that does not parse, or is not what its stage expects, fails at once with artifact_corrupt', async () => {
    const { DeadLetters } = await import('@imr/queue');
    const { artifactKey } = await import('@imr/storage');
    const artifacts = pipeline.config.IMR_ARTIFACT_BUCKET;
    const sources = [];
    // Letters whose determination is already stored (so ingest sends them straight to the index):
    // as broken JSON with letter text in it, as JSON of the wrong shape, and as another letter's
    // valid determination planted under this letter's key.
    const { extractDetermination, normalizeBytes } = await import('@imr/parser');
    const otherBytes = readSeed(seedNames()[3] as string).bytes;
    const planted = extractDetermination(normalizeBytes(otherBytes), {
      letterId: createHash('sha256').update(otherBytes).digest('hex'),
    });
    for (const [i, stored] of [
      '{"letterId": "x", "patient": "Jane Roe, born',
      '{"decisions": 3}',
      JSON.stringify(planted),
    ].entries()) {
      const bytes = Buffer.concat([readSeed(seedNames()[2] as string).bytes, Buffer.from(`\n${i}`)]);
      const letterId = createHash('sha256').update(bytes).digest('hex');
      // Extracted before, as far as ingest's hint knows: it looks for the stored determination.
      await pipeline.resources.queues.extractedLetters.add(letterId);
      await s3.send(
        new PutObjectCommand({
          Bucket: artifacts,
          Key: artifactKey(letterId, 'determination.json'),
          Body: stored,
        }),
      );
      sources.push(await drop(`incoming/corrupt-${i}.txt`, bytes));
    }
    const traces = await pipeline.settle(sources);
    for (const source of sources) {
      expect(traces.get(source)).toMatchObject({ state: 'failed', stage: 'index', code: 'artifact_corrupt' });
    }
    const entries = await new DeadLetters(pipeline.resources.queues).list({ code: 'artifact_corrupt' });
    expect(entries).toHaveLength(3);
    for (const entry of entries) {
      // Permanent: one attempt, not the stage's eight.
      expect(entry).toMatchObject({ stage: 'index', permanent: true, attemptsMade: 1 });
      expect(entry.message).not.toContain('Jane');
    }
  });

  it('a text object larger than any letter fails with too_large at ingest (the larger limit is for PDFs)', async () => {
    const big = `${'IMR determination, page after page. '.repeat(140_000)}\n`;
    expect(big.length).toBeGreaterThan(pipeline.config.IMR_MAX_TEXT_BYTES);
    expect(big.length).toBeLessThan(pipeline.config.IMR_MAX_LETTER_BYTES);
    const source = await drop('incoming/huge.txt', big);
    expect((await pipeline.settle([source])).get(source)).toMatchObject({
      state: 'failed',
      stage: 'ingest',
      code: 'too_large',
    });
  });
});
