import { runWorkerProcess } from '@imr/app';
import { isStage, STAGES, type Stage } from '@imr/contracts';
import { allStageHandlers } from '../stages.ts';
import { parseCommandArgs, UsageError } from '../usage.ts';

const HELP = `imr worker [--stages ingest,normalize,extract,index]

Runs workers for the chosen stages (all by default) in this process against REDIS_URL (default
redis://127.0.0.1:6379), S3_ENDPOINT and DATABASE_URL, until SIGTERM/SIGINT (in-flight jobs drain).
For one process per stage, run services/<stage>/src/main.ts instead.`;

export async function runWorker(args: string[]): Promise<number> {
  const { values } = parseCommandArgs(args, { stages: { type: 'string', default: STAGES.join(',') } }, HELP);
  const stages = values.stages.split(',').map((s) => s.trim());
  const bad = stages.filter((s) => !isStage(s));
  if (bad.length) throw new UsageError(`unknown stage(s): ${bad.join(', ')}`);
  await runWorkerProcess({ name: 'imr-worker', stages: stages as Stage[], handlers: allStageHandlers });
  // Work goes on until a signal; the shutdown handler exits the process.
  return new Promise<number>(() => undefined);
}
