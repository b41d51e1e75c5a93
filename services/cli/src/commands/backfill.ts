import { Resources } from '@imr/app';
import { loadConfig, withDefaultRedis } from '@imr/config';
import { createLogger } from '@imr/logging';
import { backfill } from '@imr/service-trigger';
import { parseCommandArgs, UsageError } from '../usage.ts';

const HELP = `imr backfill [--bucket B] [--prefix P] [--prune] [--queue-only] [--json]

Lists the bucket (default IMR_LETTER_BUCKET) and enqueues every object version the pipeline has
not processed: not in the ingest queue (waiting, done or failed) and not in the index. For letters
that were there before the trigger, or whose events were lost. Safe to run twice at once: each
object version is enqueued once. Keys under artifacts/ and keys outside IMR_KEY_PREFIX /
IMR_KEY_SUFFIXES are skipped.

  --prune       also remove from the index sources whose objects are no longer in the bucket
  --queue-only  decide from the queues alone, without opening the index
  --json        print the counts as one JSON line`;

export async function runBackfill(args: string[]): Promise<number> {
  const { values } = parseCommandArgs(
    args,
    {
      bucket: { type: 'string' },
      prefix: { type: 'string' },
      prune: { type: 'boolean', default: false },
      'queue-only': { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
    },
    HELP,
  );
  if (values.prune && values['queue-only']) throw new UsageError(`--prune needs the index\n\n${HELP}`);
  const config = loadConfig();
  const log = createLogger('imr-backfill', { level: 'warn', destination: process.stderr });
  const resources = new Resources(withDefaultRedis(config), log);
  try {
    const bucket = values.bucket ?? config.IMR_LETTER_BUCKET;
    const prefix = values.prefix ?? config.IMR_KEY_PREFIX;
    const index = values['queue-only'] ? undefined : await resources.search();
    const result = await backfill(resources.objects, resources.queues, {
      bucket,
      ...(prefix ? { prefix } : {}),
      ...(config.IMR_KEY_SUFFIXES ? { filter: { suffixes: config.IMR_KEY_SUFFIXES } } : {}),
      ...(index ? { index, prune: values.prune } : {}),
    });
    if (values.json) console.log(JSON.stringify({ bucket, prefix: prefix ?? '', ...result }));
    else {
      console.log(
        `s3://${bucket}/${prefix ?? ''}: ${result.listed} listed, ${result.enqueued} enqueued, ` +
          `${result.known} already known, ${result.skipped} skipped` +
          (values.prune ? `, ${result.pruned} removed from the index` : ''),
      );
    }
    return 0;
  } finally {
    await resources.close();
  }
}
