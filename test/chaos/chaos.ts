import { createHash } from 'node:crypto';
import { loadConfig } from '@imr/config';
import { determinationSchema, type ObjectRef } from '@imr/contracts';
import { identifyContent, PdfTextExtractor } from '@imr/documents';
import { RedisServer, S3RVER_CREDENTIALS, S3Server } from '@imr/embedded';
import { generateCorpus, Random, type Rendering, renderLetter } from '@imr/letters';
import { extractDetermination, normalizeBytes, normalizeText } from '@imr/parser';
import { createRedis, DeadLetters, PipelineQueues, waitForSources } from '@imr/queue';
import { openSearchDatabase } from '@imr/search';
import { ObjectStore } from '@imr/storage';
import { createTestDatabase, tempDir, uniquePrefix } from '../support/services.ts';
import { WorkerPool } from './workers.ts';

export interface ChaosOptions {
  letters: number;
  workers: number;
  seed: number;
  log: (line: string) => void;
}

export interface ChaosResult {
  letters: number;
  indexed: number;
  lost: number;
  duplicated: number;
  mismatched: number;
  dead: number;
  kills: number;
  redisRestarts: number;
  s3Outages: number;
  elapsedMs: number;
}

const RENDERINGS: Rendering[] = [
  { format: 'txt', encoding: 'utf-8' },
  { format: 'txt', encoding: 'windows-1252', lineEnding: 'crlf' },
  { format: 'txt', encoding: 'utf-16le' },
  { format: 'txt', encoding: 'double-utf-8' },
  { format: 'pdf' },
];

/** Every determination computed in this process with no queue in between: the clean run. */
async function cleanRun(files: { bytes: Uint8Array }[]): Promise<Map<string, string>> {
  const pdf = new PdfTextExtractor();
  const expected = new Map<string, string>();
  try {
    for (const { bytes } of files) {
      const letterId = createHash('sha256').update(bytes).digest('hex');
      const normalized =
        identifyContent(bytes) === 'pdf'
          ? normalizeText((await pdf.extract(bytes)).text)
          : normalizeBytes(bytes);
      const det = extractDetermination(normalized, { letterId });
      expected.set(letterId, JSON.stringify(det.decisions));
    }
  } finally {
    await pdf.close();
  }
  return expected;
}

/**
 * Drops letters into a real S3 server while worker processes are SIGKILLed and restarted, Redis
 * is restarted once (AOF on) and S3 goes away for a few seconds; then checks the index against a
 * clean in-process run: every letter indexed once, with the same decisions.
 */
export async function runChaos(options: ChaosOptions): Promise<ChaosResult> {
  const started = Date.now();
  const rng = new Random(options.seed);
  const random = () => rng.next();
  const { log } = options;
  const s3Dir = tempDir('imr-chaos-s3-');
  const redisDir = tempDir('imr-chaos-redis-');
  const db = await createTestDatabase();
  const redis = await RedisServer.start({ dataDir: redisDir.path });
  let s3 = await S3Server.start({ directory: s3Dir.path });
  const s3Port = s3.port;
  const prefix = uniquePrefix('chaos');
  const env = {
    REDIS_URL: redis.url,
    DATABASE_URL: db.url,
    S3_ENDPOINT: s3.endpoint,
    S3_ACCESS_KEY_ID: S3RVER_CREDENTIALS.accessKeyId,
    S3_SECRET_ACCESS_KEY: S3RVER_CREDENTIALS.secretAccessKey,
    IMR_QUEUE_PREFIX: prefix,
    IMR_LOCK_DURATION_MS: '5000',
    IMR_STALLED_INTERVAL_MS: '2000',
    IMR_DRAIN_TIMEOUT_MS: '5000',
  };
  const config = loadConfig(env);
  const objects = new ObjectStore({
    endpoint: s3.endpoint,
    region: config.S3_REGION,
    forcePathStyle: true,
    accessKeyId: S3RVER_CREDENTIALS.accessKeyId,
    secretAccessKey: S3RVER_CREDENTIALS.secretAccessKey,
    requestTimeoutMs: 5_000,
  });
  const connection = createRedis(redis.url);
  connection.on('error', () => undefined);
  const queues = new PipelineQueues({ connection, prefix });
  const pool = new WorkerPool(env, log);
  let redisRestarts = 0;
  let s3Outages = 0;
  let chaos: Promise<void> | null = null;
  let stopChaos = false;
  try {
    await objects.ensureBucket(config.IMR_LETTER_BUCKET);
    await objects.ensureBucket(config.IMR_ARTIFACT_BUCKET);
    log(`chaos: rendering ${options.letters} letters`);
    const letters = generateCorpus(options.letters, { seed: options.seed });
    const files = await Promise.all(
      letters.map(async (letter, i) => {
        const rendering = RENDERINGS[i % RENDERINGS.length] as Rendering;
        return {
          key: `chaos/${i}-${letter.id}.${rendering.format}`,
          bytes: await renderLetter(letter, rendering),
        };
      }),
    );
    const expected = await cleanRun(files);
    pool.start(options.workers);

    // The chaos, while letters flow: a worker killed every 1-2 s; Redis restarted in round 2; S3
    // gone for 3 s in round 3. The run does not end before all three have happened.
    let disruptions = 0;
    let disrupted: () => void = () => undefined;
    const allDisrupted = new Promise<void>((resolve) => {
      disrupted = resolve;
    });
    chaos = (async () => {
      let round = 0;
      while (!stopChaos) {
        await new Promise((r) => setTimeout(r, 1000 + random() * 1000));
        if (stopChaos) break;
        round++;
        if (round === 2) {
          log('chaos: restarting Redis');
          await redis.restart();
          redisRestarts++;
        } else if (round === 3) {
          log('chaos: stopping S3 for 3 s');
          await s3.stop();
          await new Promise((r) => setTimeout(r, 3000));
          s3 = await S3Server.start({ directory: s3Dir.path, port: s3Port });
          s3Outages++;
          log('chaos: S3 is back');
        } else {
          await pool.killOne(random);
        }
        if (++disruptions === 3) disrupted();
      }
    })();

    const sources: ObjectRef[] = [];
    for (const file of files) {
      // Uploads retry through the outages, as a client of the bucket would.
      for (;;) {
        try {
          const { etag } = await objects.put(config.IMR_LETTER_BUCKET, file.key, file.bytes);
          const source = { bucket: config.IMR_LETTER_BUCKET, key: file.key, etag, versionId: null };
          await queues.enqueueIngest({ source, trigger: 'backfill', seenAt: new Date().toISOString() });
          sources.push(source);
          break;
        } catch {
          await new Promise((r) => setTimeout(r, 250));
        }
      }
    }
    log(`chaos: ${sources.length} letters dropped; waiting for the pipeline`);
    const traces = await waitForSources(queues, connection, sources);
    await allDisrupted;
    stopChaos = true;
    await chaos;
    await pool.stop();

    const index = await openSearchDatabase({ databaseUrl: db.url });
    let indexed = 0;
    let mismatched = 0;
    try {
      for (const [letterId, decisions] of expected) {
        const letter = await index.getLetter(letterId);
        if (!letter) continue;
        indexed++;
        const got = determinationSchema.parse({ ...letter.determination, letterId }).decisions;
        if (JSON.stringify(got) !== decisions) mismatched++;
      }
      const rows = await index.db.query<{ n: number; distinct: number }>(
        'SELECT count(*)::int AS n, count(DISTINCT id)::int AS distinct FROM letters',
      );
      const decisionRows = await index.db.query<{ dup: number }>(
        'SELECT count(*)::int AS dup FROM (SELECT letter_id, ordinal FROM decisions GROUP BY 1, 2 HAVING count(*) > 1) d',
      );
      const row = rows.rows[0] ?? { n: 0, distinct: 0 };
      const duplicated =
        row.n - row.distinct + (decisionRows.rows[0]?.dup ?? 0) + Math.max(0, row.n - expected.size);
      const dead = await new DeadLetters(queues).count();
      const failedTraces = [...traces.values()].filter((t) => t.state === 'failed').length;
      if (failedTraces) log(`chaos: ${failedTraces} letters failed`);
      return {
        letters: expected.size,
        indexed,
        lost: expected.size - indexed,
        duplicated,
        mismatched,
        dead,
        kills: pool.kills,
        redisRestarts,
        s3Outages,
        elapsedMs: Date.now() - started,
      };
    } finally {
      await index.close();
    }
  } finally {
    stopChaos = true;
    await chaos?.catch(() => undefined);
    await pool.stop();
    await queues.close();
    connection.disconnect();
    objects.close();
    await s3.stop();
    await redis.stop();
    await db.drop();
    s3Dir.remove();
    redisDir.remove();
  }
}

export function chaosLine(r: ChaosResult): string {
  return `chaos: letters=${r.letters} indexed=${r.indexed} lost=${r.lost} duplicated=${r.duplicated} mismatched=${r.mismatched} dead=${r.dead}`;
}
