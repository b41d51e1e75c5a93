import { Resources, startWorkers } from '@imr/app';
import { loadConfig } from '@imr/config';
import { type ObjectRef, STAGES } from '@imr/contracts';
import { waitForSources } from '@imr/queue';
import { extractStage } from '@imr/service-extract';
import { indexStage } from '@imr/service-index';
import { ingestStage } from '@imr/service-ingest';
import { normalizeStage } from '@imr/service-normalize';
import { dispatchChanges, objectChanges, s3EventSchema } from '@imr/service-trigger';
import { quietLog, startS3, tempDir, uniquePrefix } from '../support/services.ts';
import { S3PolicyProxy } from './s3-policy-proxy.ts';

/**
 * The whole pipeline in this process, as test/support/pipeline.ts runs it, except that its workers
 * reach S3 through an S3PolicyProxy: the test can make the artifact bucket refuse their writes.
 * Letters are dropped straight into s3rver, whose bucket events trigger the pipeline.
 */
export async function startPipelineBehindPolicy(redisUrl: string, databaseUrl: string) {
  const s3 = await startS3();
  const target = new URL(s3.server.endpoint);
  const policy = await S3PolicyProxy.start({ host: target.hostname, port: Number(target.port) });
  const data = tempDir('imr-browser-');
  const config = loadConfig({
    ...s3.env,
    S3_ENDPOINT: policy.endpoint,
    REDIS_URL: redisUrl,
    DATABASE_URL: databaseUrl,
    IMR_QUEUE_PREFIX: uniquePrefix('browser'),
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
    dispatched.push(
      dispatchChanges(objectChanges(s3EventSchema.parse(n)), {
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
    policy,
    config,
    resources,
    /** Waits (on the queues' events) until every source is indexed or failed. */
    settle: (sources: ObjectRef[]) =>
      waitForSources(resources.queues, resources.redis, sources, { recorded: true }),
    async stop() {
      await Promise.all(dispatched);
      await workers.close(5_000);
      await resources.close();
      await policy.close();
      await s3.stop();
      data.remove();
    },
  };
}
