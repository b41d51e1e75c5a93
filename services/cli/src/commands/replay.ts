import { isWorkerStage, type WorkerStage } from '@imr/contracts';
import type { DeadLetterFilter } from '@imr/queue';
import { openQueues } from '../queue-connection.ts';
import { parseCommandArgs, UsageError } from '../usage.ts';

const HELP = `imr replay [--stage S] [--code C] [--since ISO] [--dry-run] [--json]
imr dead-letters [--stage S] [--code C] [--since ISO] [--json]

replay puts dead letters back in their stage with fresh attempts (the failed job is retried in
place, so a replay never duplicates work); dead-letters lists them. Filters: --stage (ingest,
normalize, extract, index), --code (an error code such as pdf_encrypted), --since (ISO time of the
last failure).`;

const OPTIONS = {
  stage: { type: 'string' },
  code: { type: 'string' },
  since: { type: 'string' },
  'dry-run': { type: 'boolean', default: false },
  json: { type: 'boolean', default: false },
} as const;

function filterFrom(values: { stage?: string; code?: string; since?: string }): DeadLetterFilter {
  const filter: DeadLetterFilter = {};
  if (values.stage !== undefined) {
    if (!isWorkerStage(values.stage))
      throw new UsageError(`--stage must be ingest, normalize, extract, index or ocr`);
    filter.stage = values.stage as WorkerStage;
  }
  if (values.code !== undefined) filter.code = values.code;
  if (values.since !== undefined) {
    const since = new Date(values.since);
    if (Number.isNaN(since.getTime())) throw new UsageError(`--since must be an ISO date or time`);
    filter.since = since;
  }
  return filter;
}

export async function runReplay(args: string[]): Promise<number> {
  const { values } = parseCommandArgs(args, OPTIONS, HELP);
  const filter = filterFrom(values);
  const q = openQueues();
  try {
    const results = await q.deadLetters.replay(filter, { dryRun: values['dry-run'] });
    for (const r of results) {
      const line = { action: r.action, stage: r.entry.stage, jobId: r.entry.jobId, code: r.entry.code };
      console.log(
        values.json
          ? JSON.stringify(line)
          : `${r.action.padEnd(15)} ${r.entry.stage.padEnd(9)} ${r.entry.code.padEnd(18)} ${r.entry.jobId}`,
      );
    }
    if (!values.json)
      console.log(`${results.length} dead letter(s) ${values['dry-run'] ? 'would be replayed' : 'replayed'}`);
    return 0;
  } finally {
    await q.close();
  }
}

export async function runDeadLetters(args: string[]): Promise<number> {
  const { values } = parseCommandArgs(args, OPTIONS, HELP);
  const q = openQueues();
  try {
    const entries = await q.deadLetters.list(filterFrom(values));
    for (const e of entries) {
      if (values.json) {
        console.log(JSON.stringify(e));
      } else {
        console.log(
          `${e.lastFailedAt}  ${e.stage.padEnd(9)} ${e.code.padEnd(18)} attempts=${e.attemptsMade}  ${e.jobId}`,
        );
      }
    }
    if (!values.json) console.log(`${entries.length} dead letter(s)`);
    return 0;
  } finally {
    await q.close();
  }
}
