import { Resources, startWorkers } from '@imr/app';
import { loadConfig } from '@imr/config';
import { isStage, STAGES, type Stage } from '@imr/contracts';
import { createLogger } from '@imr/logging';
import { onShutdown } from '@imr/queue';
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
  const config = loadConfig();
  const log = createLogger('imr-worker');
  const resources = new Resources(
    { ...config, REDIS_URL: config.REDIS_URL ?? 'redis://127.0.0.1:6379' },
    log,
  );
  await resources.prepare({ buckets: false });
  const workers = startWorkers(resources, allStageHandlers(resources), stages as Stage[], {
    ...(process.env.IMR_LOCK_DURATION_MS ? { lockDurationMs: Number(process.env.IMR_LOCK_DURATION_MS) } : {}),
    ...(process.env.IMR_STALLED_INTERVAL_MS
      ? { stalledIntervalMs: Number(process.env.IMR_STALLED_INTERVAL_MS) }
      : {}),
  });
  await Promise.all(workers.workers.map((w) => w.worker.waitUntilReady()));
  log.info({ stages, pid: process.pid }, 'workers ready');
  await new Promise<void>((resolve) => {
    onShutdown(log, async () => {
      await workers.close();
      await resources.close();
      resolve();
    });
  });
  return 0;
}
