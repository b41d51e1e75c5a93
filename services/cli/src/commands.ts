import { runDemo } from './commands/demo.ts';
import { runExtract } from './commands/extract.ts';
import { runNormalize } from './commands/normalize.ts';
import { runDeadLetters, runReplay } from './commands/replay.ts';
import { runSearch } from './commands/search.ts';
import { runStats } from './commands/stats.ts';
import { runWorker } from './commands/worker.ts';
import type { Command } from './usage.ts';

/** Every `imr` command, by name. */
export const COMMANDS: Record<string, Command> = {
  demo: { summary: 'run the whole pipeline on the embedded defaults and sample letters', run: runDemo },
  extract: { summary: 'extract determinations from local files, one JSON line each', run: runExtract },
  normalize: { summary: 'decode and repair local files', run: runNormalize },
  replay: { summary: 'put dead letters back in their stage with fresh attempts', run: runReplay },
  'dead-letters': { summary: 'list dead letters with their codes', run: runDeadLetters },
  worker: { summary: 'run stage workers in this process', run: runWorker },
  search: { summary: 'full-text search over indexed decisions', run: runSearch },
  stats: { summary: 'overturn rates by category, guideline, specialty and year', run: runStats },
};
