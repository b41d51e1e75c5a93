import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Resources, startWorkers } from '@imr/app';
import { loadConfig } from '@imr/config';
import { artifactKey, determinationSchema, type ObjectRef, WORKER_STAGES } from '@imr/contracts';
import type { OcrReader } from '@imr/documents';
import { compareWithExpected } from '@imr/parser';
import { DeadLetters, ingestJobId, type JobReturn, waitForSources } from '@imr/queue';
import { extractStage } from '@imr/service-extract';
import { indexStage } from '@imr/service-index';
import { ingestStage } from '@imr/service-ingest';
import { normalizeStage } from '@imr/service-normalize';
import { createOcrHandler, ocrStage } from '@imr/service-ocr';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blankPng, scanPdf, scanTiff } from '../../packages/documents/src/ocr-test-scans.ts';
import { readSeed, seedNames } from '../support/seeds.ts';
import {
  createTestDatabase,
  quietLog,
  startRedis,
  startS3,
  tempDir,
  uniquePrefix,
} from '../support/services.ts';

/**
 * Scanned letters through the whole pipeline: ingest sends scans (image-only PDFs, image files) to
 * the `ocr` lane, which reads them with tesseract and hands them to normalize. Scans are made here
 * from the real letters of ../shared/corpus/real (150 dpi grey JPEG pages, img2pdf), never committed.
 */
const REAL = new URL('../../../shared/corpus/real/', import.meta.url).pathname;
const real = (name: string) => readFileSync(`${REAL}${name}.pdf`);
const gold = (name: string) => JSON.parse(readFileSync(`${REAL}${name}.expected.json`, 'utf8'));
const letterIdOf = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

let redis: Awaited<ReturnType<typeof startRedis>>;
let db: Awaited<ReturnType<typeof createTestDatabase>>;
let s3: Awaited<ReturnType<typeof startS3>>;
const data = tempDir('imr-ocr-data-');
const stops: (() => Promise<void>)[] = [];

beforeAll(async () => {
  redis = await startRedis();
  db = await createTestDatabase();
  s3 = await startS3();
});

afterAll(async () => {
  for (const stop of stops.reverse()) await stop();
  await s3?.stop();
  await db?.drop();
  await redis?.stop();
  data.remove();
});

/** The pipeline in this process, every stage and the ocr lane; `ocr` replaces the lane's reader. */
async function startPipeline(
  env: Record<string, string> = {},
  ocr?: (r: Resources) => Pick<OcrReader, 'read'>,
) {
  const config = loadConfig({
    ...s3.env,
    REDIS_URL: redis.url,
    DATABASE_URL: db.url,
    IMR_QUEUE_PREFIX: uniquePrefix('ocr'),
    IMR_DATA_DIR: data.path,
    ...env,
  });
  const resources = new Resources({ ...config, REDIS_URL: redis.url }, quietLog);
  await resources.prepare();
  const lane = ocr
    ? (r: Resources) =>
        createOcrHandler({
          artifacts: r.artifacts,
          ocr: () => ocr(r),
          maxBytes: r.config.IMR_MAX_LETTER_BYTES,
          enabled: true,
        })
    : ocrStage;
  const workers = startWorkers(
    resources,
    [ingestStage, normalizeStage, extractStage, indexStage, lane].map((s) => s(resources)),
    WORKER_STAGES,
  );
  stops.push(async () => {
    await workers.close(5_000);
    await resources.close();
  });
  const drop = async (key: string, bytes: Uint8Array): Promise<ObjectRef> => {
    const { etag } = await resources.objects.put(config.IMR_LETTER_BUCKET, key, bytes);
    const source = { bucket: config.IMR_LETTER_BUCKET, key, etag, versionId: null };
    await resources.queues.enqueueIngest({ source, trigger: 'cli', seenAt: new Date().toISOString() });
    return source;
  };
  const settle = (sources: ObjectRef[]) =>
    waitForSources(resources.queues, resources.redis, sources, { recorded: true });
  return { resources, drop, settle };
}

describe('scanned letters read by OCR', () => {
  let pipeline: Awaited<ReturnType<typeof startPipeline>>;
  beforeAll(async () => {
    pipeline = await startPipeline();
  });

  it("reads scanned real letters and a TIFF letter through the ocr lane, reaching >= 95% of their gold's fields", async () => {
    const scans = [
      { name: '000', key: 'incoming/scan-000.pdf', bytes: scanPdf(real('000')) },
      { name: '004', key: 'incoming/scan-004.pdf', bytes: scanPdf(real('004')) },
      { name: '006', key: 'incoming/fax-006.tif', bytes: scanTiff(real('006')) },
    ];
    const sources = await Promise.all(scans.map((s) => pipeline.drop(s.key, s.bytes)));
    const traces = await pipeline.settle(sources);
    const { resources } = pipeline;
    const search = await resources.search();
    let checked = 0;
    let matched = 0;
    for (const [i, scan] of scans.entries()) {
      const source = sources[i] as ObjectRef;
      const letterId = letterIdOf(scan.bytes);
      expect(traces.get(source), scan.key).toMatchObject({ state: 'indexed', stage: 'index', letterId });
      // Ingest handed it to the lane, not to normalize.
      const ingest = await resources.queues.queue('ingest').getJob(ingestJobId(source));
      expect((ingest?.returnvalue as JobReturn | undefined)?.next).toBe('ocr');

      // The manifest is stored with the determination (its metadata), OCR recorded.
      const manifest = (await resources.artifacts.determination(letterId))?.manifest;
      expect(manifest).toMatchObject({
        letterId,
        contentType: scan.key.endsWith('.tif') ? 'image' : 'pdf',
        textEncoding: 'utf-8',
        ocr: { engine: expect.stringMatching(/^tesseract \d/), pages: expect.any(Number) },
      });
      expect(manifest?.ocr?.meanConfidence).toBeGreaterThan(80);
      const determination = await resources.artifacts.getJson(
        artifactKey(letterId, 'determination.json'),
        determinationSchema,
      );
      expect(determination.warnings[0]).toMatch(
        new RegExp(
          `^read by OCR \\(tesseract [\\d.]+\\): ${manifest?.ocr?.pages} page\\(s\\), mean word confidence ${manifest?.ocr?.meanConfidence}%`,
        ),
      );
      const score = compareWithExpected(determination, gold(scan.name));
      checked += score.checked;
      matched += score.matched;
      // Indexed, warning included: the search API and dashboard show it was read by OCR.
      const indexed = await search.getLetter(letterId);
      expect(indexed?.determination.warnings[0]).toBe(determination.warnings[0]);
    }
    expect(checked).toBeGreaterThan(40);
    expect(matched / checked).toBeGreaterThanOrEqual(0.95);
  });

  it('ends hostile images with their codes: a 30,000 × 30,000 px PNG, a truncated TIFF', async () => {
    const tiff = scanTiff(real('000'), 100);
    const bomb = await pipeline.drop('incoming/bomb.png', await blankPng(30_000, 30_000));
    const truncated = await pipeline.drop('incoming/truncated.tif', tiff.subarray(0, tiff.length >> 1));
    const traces = await pipeline.settle([bomb, truncated]);
    expect(traces.get(bomb)).toMatchObject({ state: 'failed', stage: 'ocr', code: 'image_too_large' });
    expect(traces.get(truncated)).toMatchObject({ state: 'failed', stage: 'ingest', code: 'image_corrupt' });
    const dead = await new DeadLetters(pipeline.resources.queues).list();
    expect(dead.map((d) => [d.stage, d.code, d.permanent]).sort()).toEqual([
      ['ingest', 'image_corrupt', true],
      ['ocr', 'image_too_large', true],
    ]);
    // References only, in Redis: no key, no text.
    expect(JSON.stringify(dead.find((d) => d.stage === 'ocr')?.message)).not.toContain('bomb');
  });
});

describe('a burst of scans', () => {
  it('never delays text letters: they are indexed while OCR jobs still wait in their lane', async () => {
    // The lane's reader waits for a gate the test opens: every scan stays in the lane until then.
    let open: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      open = resolve;
    });
    let reading: ReturnType<OcrReader['read']> | null = null;
    const pipeline = await startPipeline({ IMR_OCR_CONCURRENCY: '1' }, (r) => ({
      async read(bytes, kind) {
        await gate;
        reading ??= r.ocr().read(bytes, kind);
        return reading;
      },
    }));
    const scan = scanPdf(real('000'));
    const scans = await Promise.all(
      Array.from({ length: 6 }, (_, i) => pipeline.drop(`incoming/burst/scan-${i}.pdf`, scan)),
    );
    const texts = await Promise.all(
      seedNames()
        .slice(0, 4)
        .map((name) => pipeline.drop(`incoming/burst/${name}.txt`, readSeed(name).bytes)),
    );
    const textTraces = await pipeline.settle(texts);
    for (const source of texts) expect(textTraces.get(source)).toMatchObject({ state: 'indexed' });
    // Every scan is still in the lane: one taken (at the gate), the others waiting their turn.
    const ocr = pipeline.resources.queues.queue('ocr');
    const counts = await ocr.getJobCounts('waiting', 'active', 'completed', 'failed');
    expect(counts).toMatchObject({ waiting: 5, active: 1, completed: 0, failed: 0 });
    open();
    const scanTraces = await pipeline.settle(scans);
    for (const source of scans) expect(scanTraces.get(source)).toMatchObject({ state: 'indexed' });
  });
});

describe('IMR_OCR=off', () => {
  it('fails scans and image files with no_text_layer, as before OCR', async () => {
    const pipeline = await startPipeline({ IMR_OCR: 'off' });
    const scan = await pipeline.drop('incoming/off/scan.pdf', scanPdf(real('000')));
    const tiff = await pipeline.drop('incoming/off/fax.tif', scanTiff(real('000'), 100));
    const traces = await pipeline.settle([scan, tiff]);
    expect(traces.get(scan)).toMatchObject({ state: 'failed', stage: 'ingest', code: 'no_text_layer' });
    expect(traces.get(tiff)).toMatchObject({ state: 'failed', stage: 'ingest', code: 'no_text_layer' });
    expect(await pipeline.resources.queues.queue('ocr').getJobCounts('waiting', 'completed')).toMatchObject({
      waiting: 0,
      completed: 0,
    });
  });
});
