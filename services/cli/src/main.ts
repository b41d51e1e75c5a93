import { ConfigError } from '@imr/config';

import { COMMANDS } from './commands.ts';
import { runCli } from './usage.ts';

const USAGE = `imr: IMR determination letters from S3 to structured, searchable decisions

Usage: imr <command> [options]

${Object.entries(COMMANDS)
  .map(([name, c]) => `  ${name.padEnd(13)} ${c.summary}`)
  .join('\n')}

Run \`imr <command> --help\` for a command's options. Configuration comes from the environment
(see README.md): REDIS_URL, S3_ENDPOINT, DATABASE_URL, IMR_DATA_DIR, ...`;

const { code, exitNow } = await runCli(process.argv.slice(2), COMMANDS, {
  usage: USAGE,
  isUserError: (err) => err instanceof ConfigError,
});
// Help and refused command lines exit at once; a command that ran winds down with its exit code.
if (exitNow) process.exit(code);
process.exitCode = code;
