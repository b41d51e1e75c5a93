import { Resources, startWorkers } from '@imr/app';
import { loadConfig } from '@imr/config';
import { type ObjectRef, STAGES } from '@imr/contracts';
import { waitForSources } from '@imr/queue';
import { extractStage } from '@imr/service-extract';
import { indexStage } from '@imr/service-index';
import { ingestStage } from '@imr/service-ingest';
import { normalizeStage } from '@imr/service-normalize';
import { dispatchChanges, objectChanges, s3EventSchema } from '@imr/service-trigger';
import { quietLog, startS3, tempDir, uniquePrefix } from './services.ts';

/** Something between the workers and s3rver (a proxy), started on s3rver's address. */
export type S3Interposer = (target: URL) => Promise<{ endpoint: string; close(): Promise<void> }>;

/**
 * The whole pipeline in this process on real servers: s3rver (whose bucket events trigger it),
 * Redis at `redisUrl`, and the index database at `databaseUrl`. `through`: the workers reach S3
 * through what it starts (letters are still dropped into s3rver itself).
 */
export async function startPipeline(
  redisUrl: string,
  databaseUrl: string,
  options: { through?: S3Interposer; prefix?: string } = {},
) {
  const s3 = await startS3();
  const interposed = options.through ? await options.through(new URL(s3.server.endpoint)) : null;
  const data = tempDir('imr-data-');
  const config = loadConfig({
    ...s3.env,
    ...(interposed ? { S3_ENDPOINT: interposed.endpoint } : {}),
    REDIS_URL: redisUrl,
    DATABASE_URL: databaseUrl,
    IMR_QUEUE_PREFIX: uniquePrefix(options.prefix ?? 'e2e'),
    IMR_DATA_DIR: data.path,
  });
  const resources = new Resources({ ...config, REDIS_URL: redisUrl }, quietLog);
  await resources.prepare();
  const workers = startWorkers(
    resources,
    [ingestStage, normalizeStage, extractStage, indexStage].map((s) => s(resources)),
    STAGES,
  );
  const dispatched: Promise<unknown>[] = [];
  s3.server.events.on('notification', (n) => {
    const parsed = s3EventSchema.parse(n);
    dispatched.push(
      dispatchChanges(objectChanges(parsed), {
        queues: resources.queues,
        filter: { buckets: [config.IMR_LETTER_BUCKET] },
        removeSource: async (source) => {
          await (await resources.search()).removeSource(source);
        },
      }),
    );
  });
  return {
    s3,
    config,
    resources,
    bucket: config.IMR_LETTER_BUCKET,
    /** Waits until every source is indexed, or failed with its dead-letter entry written. */
    settle: (sources: ObjectRef[]) =>
      waitForSources(resources.queues, resources.redis, sources, { recorded: true }),
    async stop() {
      await Promise.all(dispatched);
      await workers.close(5_000);
      await resources.close();
      await interposed?.close();
      await s3.stop();
      data.remove();
    },
  };
}
