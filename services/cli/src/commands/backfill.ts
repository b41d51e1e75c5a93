import { Resources } from '@imr/app';
import { loadConfig } from '@imr/config';
import { createLogger } from '@imr/logging';
import { backfill } from '@imr/service-trigger';
import { parseCommandArgs } from '../usage.ts';

const HELP = `imr backfill [--bucket B] [--prefix P] [--json]

Lists the bucket (default IMR_LETTER_BUCKET) and enqueues every object version not yet in the
pipeline: for letters that were there before the trigger, or whose events were lost. Safe to run
twice at once: each object version is enqueued once.`;

export async function runBackfill(args: string[]): Promise<number> {
  const { values } = parseCommandArgs(
    args,
    { bucket: { type: 'string' }, prefix: { type: 'string' }, json: { type: 'boolean', default: false } },
    HELP,
  );
  const config = loadConfig();
  const log = createLogger('imr-backfill', { level: 'warn', destination: process.stderr });
  const resources = new Resources(
    { ...config, REDIS_URL: config.REDIS_URL ?? 'redis://127.0.0.1:6379' },
    log,
  );
  try {
    const bucket = values.bucket ?? config.IMR_LETTER_BUCKET;
    const prefix = values.prefix ?? config.IMR_KEY_PREFIX;
    const result = await backfill(resources.objects, resources.queues, {
      bucket,
      ...(prefix ? { prefix } : {}),
      ...(config.IMR_KEY_SUFFIXES ? { filter: { suffixes: config.IMR_KEY_SUFFIXES } } : {}),
    });
    if (values.json) console.log(JSON.stringify({ bucket, ...result }));
    else {
      console.log(
        `s3://${bucket}/${prefix ?? ''}: ${result.listed} listed, ${result.enqueued} enqueued, ${result.known} already known, ${result.skipped} skipped`,
      );
    }
    return 0;
  } finally {
    await resources.close();
  }
}
