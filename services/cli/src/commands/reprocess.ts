import { openSearch, Resources, reprocess } from '@imr/app';
import { loadConfig, withDefaultRedis } from '@imr/config';
import { isStage } from '@imr/contracts';
import { createLogger } from '@imr/logging';
import { parseCommandArgs, UsageError } from '../usage.ts';

const HELP = `imr reprocess --from STAGE [--since ISO] [--dry-run]

Re-runs STAGE (ingest, normalize, extract or index) and every stage after it for letters already
indexed (optionally only those indexed since ISO): normalize and extract from the letter's text (a
text letter's source object, a PDF's or scan's stored text), index from the stored determination;
--from ingest re-reads the objects from the bucket. Use after a parser upgrade: the index keeps the newer
extractor's result. Workers must be running (imr worker, or the stage services).`;

export async function runReprocess(args: string[]): Promise<number> {
  const { values } = parseCommandArgs(
    args,
    { from: { type: 'string' }, since: { type: 'string' }, 'dry-run': { type: 'boolean', default: false } },
    HELP,
  );
  if (!values.from || !isStage(values.from))
    throw new UsageError(`--from must be ingest, normalize, extract or index\n\n${HELP}`);
  const since = values.since ? new Date(values.since) : undefined;
  if (since && Number.isNaN(since.getTime())) throw new UsageError('--since must be an ISO date or time');
  const config = loadConfig();
  const log = createLogger('imr-reprocess', { level: 'warn', destination: process.stderr });
  const resources = new Resources(withDefaultRedis(config), log);
  const search = await openSearch(config);
  try {
    const result = await reprocess(resources, search, {
      from: values.from,
      dryRun: values['dry-run'],
      ...(since ? { since } : {}),
    });
    const verb = values['dry-run'] ? 'would re-run' : 'enqueued';
    console.log(
      `${verb} ${values.from} for ${result.letters} letter(s), ${result.sources} source(s); run ${result.runId}`,
    );
    return 0;
  } finally {
    await search.close();
    await resources.close();
  }
}
