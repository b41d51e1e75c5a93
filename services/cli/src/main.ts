import { ConfigError } from '@imr/config';

import { COMMANDS } from './commands.ts';

const USAGE = `imr: IMR determination letters from S3 to structured, searchable decisions

Usage: imr <command> [options]

${Object.entries(COMMANDS)
  .map(([name, c]) => `  ${name.padEnd(13)} ${c.summary}`)
  .join('\n')}

Run \`imr <command> --help\` for a command's options. Configuration comes from the environment
(see README.md): REDIS_URL, S3_ENDPOINT, DATABASE_URL, IMR_DATA_DIR, ...`;

const [name, ...args] = process.argv.slice(2);
if (!name || name === '--help' || name === '-h' || name === 'help') {
  console.log(USAGE);
  process.exit(name ? 0 : 2);
}
const command = COMMANDS[name];
if (!command) {
  console.error(`imr: unknown command "${name}"\n\n${USAGE}`);
  process.exit(2);
}
try {
  process.exitCode = await command.run(args);
} catch (err) {
  // Errors whose message tells the user what to do: no stack trace.
  if (
    err instanceof ConfigError ||
    ['UsageError', 'RedisServerMissingError'].includes((err as Error)?.name)
  ) {
    console.error(`imr ${name}: ${(err as Error).message}`);
    process.exit(2);
  }
  throw err;
}
