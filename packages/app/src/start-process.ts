import { ConfigError } from '@imr/config';

/**
 * Runs a process's start-up. A setting it cannot start with (a ConfigError) ends the process with
 * one line on stderr that names the variable, and exit code 2: no stack trace for a typo.
 */
export async function startProcess<T>(name: string, start: () => Promise<T>): Promise<T> {
  try {
    return await start();
  } catch (err) {
    if (!ConfigError.is(err)) throw err;
    process.stderr.write(`${name}: ${err.message}\n`);
    process.exit(2);
  }
}
