import { runDemo } from './commands/demo.ts';
import type { Command } from './usage.ts';

/** Every `imr` command, by name. */
export const COMMANDS: Record<string, Command> = {
  demo: { summary: 'run the whole pipeline on the embedded defaults and sample letters', run: runDemo },
};
