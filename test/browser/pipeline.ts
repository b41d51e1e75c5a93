import { startPipeline } from '../support/pipeline.ts';
import { S3PolicyProxy } from './s3-policy-proxy.ts';

/**
 * The whole pipeline in this process, as test/support/pipeline.ts runs it, except that its workers
 * reach S3 through an S3PolicyProxy: the test can make the artifact bucket refuse their writes.
 * Letters are dropped straight into s3rver, whose bucket events trigger the pipeline.
 */
export async function startPipelineBehindPolicy(redisUrl: string, databaseUrl: string) {
  let policy: S3PolicyProxy | undefined;
  const pipeline = await startPipeline(redisUrl, databaseUrl, {
    prefix: 'browser',
    through: async (target) => {
      policy = await S3PolicyProxy.start({ host: target.hostname, port: Number(target.port) });
      return policy;
    },
  });
  return { ...pipeline, policy: policy as S3PolicyProxy };
}
