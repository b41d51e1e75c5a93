import type { Command } from './usage.ts';

type Run = (args: string[]) => Promise<number>;
/** Commands load their modules only when run: `imr extract` never loads Bull Board or the demo. */
const lazy =
  <M>(load: () => Promise<M>, pick: (m: M) => Run): Run =>
  async (args) =>
    pick(await load())(args);

/** Every `imr` command, by name. */
export const COMMANDS: Record<string, Command> = {
  demo: {
    summary: 'run the whole pipeline on the embedded defaults and sample letters',
    run: lazy(
      () => import('./commands/demo.ts'),
      (m) => m.runDemo,
    ),
  },
  extract: {
    summary: 'extract determinations from local files, one JSON line each',
    run: lazy(
      () => import('./commands/extract.ts'),
      (m) => m.runExtract,
    ),
  },
  normalize: {
    summary: 'decode and repair local files',
    run: lazy(
      () => import('./commands/normalize.ts'),
      (m) => m.runNormalize,
    ),
  },
  worker: {
    summary: 'run stage workers in this process',
    run: lazy(
      () => import('./commands/worker.ts'),
      (m) => m.runWorker,
    ),
  },
  backfill: {
    summary: 'enqueue objects already in the bucket that the pipeline has not seen',
    run: lazy(
      () => import('./commands/backfill.ts'),
      (m) => m.runBackfill,
    ),
  },
  trigger: {
    summary: 'turn bucket events (HTTP, or an SQS queue with --sqs) into ingest jobs',
    run: lazy(
      () => import('./commands/trigger.ts'),
      (m) => m.runTrigger,
    ),
  },
  replay: {
    summary: 'put dead letters back in their stage with fresh attempts',
    run: lazy(
      () => import('./commands/replay.ts'),
      (m) => m.runReplay,
    ),
  },
  'dead-letters': {
    summary: 'list dead letters with their codes',
    run: lazy(
      () => import('./commands/replay.ts'),
      (m) => m.runDeadLetters,
    ),
  },
  reprocess: {
    summary: 're-run a stage for letters already indexed (after a parser upgrade)',
    run: lazy(
      () => import('./commands/reprocess.ts'),
      (m) => m.runReprocess,
    ),
  },
  search: {
    summary: 'full-text search over indexed decisions',
    run: lazy(
      () => import('./commands/search.ts'),
      (m) => m.runSearch,
    ),
  },
  status: {
    summary: 'queue depths and rates, oldest waiting job, dead letters by code, letters indexed',
    run: lazy(
      () => import('./commands/status.ts'),
      (m) => m.runStatus,
    ),
  },
  stats: {
    summary: 'overturn rates by category, guideline, specialty and year',
    run: lazy(
      () => import('./commands/stats.ts'),
      (m) => m.runStats,
    ),
  },
};
