import { type ParseArgsConfig, parseArgs } from 'node:util';

/** The longest usage message printed: an argument of any length is cut short in it. */
const MAX_MESSAGE = 300;

/**
 * `text` as one line a terminal shows as it is: sentence breaks joined, every other control
 * character (an argument can hold any: newlines, escapes, bidirectional overrides) written as an
 * escape; at most 300 characters.
 */
export function oneLine(text: string): string {
  const line = text
    .trim()
    .replace(/([.?!])\n(?=[A-Z])/g, '$1 ')
    .replace(/[\p{Cc}\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/gu, (c) => {
      const named: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };
      return named[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
    });
  if (line.length <= MAX_MESSAGE) return line;
  // Cut between code points, never inside a surrogate pair.
  const cut = /[\ud800-\udbff]/.test(line.charAt(MAX_MESSAGE - 2)) ? MAX_MESSAGE - 2 : MAX_MESSAGE - 1;
  return `${line.slice(0, cut)}…`;
}

/**
 * A command line the command cannot run: printed as `imr <command>: <message>` on one line, exit
 * code 2, no stack trace. The command's help is kept apart, in `help`: given as the second argument,
 * or (as commands write them) after the first blank line of the message.
 */
export class UsageError extends Error {
  readonly help: string;

  constructor(message: string, help?: string) {
    const [first = '', ...rest] = help === undefined ? message.split(/\n[ \t]*\n/) : [message];
    super(oneLine(first));
    this.name = 'UsageError';
    this.help = help ?? rest.join('\n\n');
  }
}

/** `--help` or `-h`: the command's help goes to stdout and the process exits 0. */
export class HelpRequested extends Error {
  constructor(readonly help: string) {
    super('help requested');
    this.name = 'HelpRequested';
  }
}

export interface Command {
  summary: string;
  run(args: string[]): Promise<number>;
}

/**
 * parseArgs with `--help` (thrown as HelpRequested) and errors that read as usage errors. Only the
 * parser's own errors (ERR_PARSE_ARGS_*, what a user typed) become UsageErrors: anything else is a
 * bug in the command's option table and keeps its stack.
 */
export function parseCommandArgs<O extends NonNullable<ParseArgsConfig['options']>>(
  args: string[],
  options: O,
  help: string,
  allowPositionals = false,
) {
  const parse = () =>
    parseArgs({
      args,
      options: { ...options, help: { type: 'boolean', short: 'h' } },
      allowPositionals,
      strict: true,
    });
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse();
  } catch (err) {
    const code = (err as { code?: unknown })?.code;
    if (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS_')) {
      throw new UsageError((err as Error).message, help);
    }
    throw err;
  }
  if ((parsed.values as { help?: boolean }).help) throw new HelpRequested(help);
  return parsed;
}

export interface CliOptions {
  /** Printed by `imr`, `imr help`, `imr --help`. */
  usage: string;
  /** Errors besides UsageError whose message tells the user what to do (no stack trace, exit 2). */
  isUserError?: (err: unknown) => boolean;
  out?: (line: string) => void;
  err?: (line: string) => void;
}

/**
 * Runs `imr ARGV`: the command's exit code, or 2 with one line on stderr for a command line it
 * cannot run; `exitNow` when the process should exit at once rather than wind down (help, refusals).
 * Errors of a command that ran are rethrown, stack and all.
 */
export async function runCli(
  argv: string[],
  commands: Record<string, Command>,
  options: CliOptions,
): Promise<{ code: number; exitNow: boolean }> {
  const out = options.out ?? ((line: string) => console.log(line));
  const err = options.err ?? ((line: string) => console.error(line));
  const [name, ...args] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    out(options.usage);
    return { code: name === undefined ? 2 : 0, exitNow: true };
  }
  const command = Object.hasOwn(commands, name) ? commands[name] : undefined;
  if (!command) {
    err(`imr: unknown command ${oneLine(JSON.stringify(name))} (see "imr --help")`);
    return { code: 2, exitNow: true };
  }
  try {
    return { code: await command.run(args), exitNow: false };
  } catch (error) {
    if (error instanceof HelpRequested || (error as Error)?.name === 'HelpRequested') {
      out((error as HelpRequested).help);
      return { code: 0, exitNow: true };
    }
    if (error instanceof UsageError || (error as Error)?.name === 'UsageError') {
      err(`imr ${name}: ${oneLine((error as Error).message)} (see "imr ${name} --help")`);
      return { code: 2, exitNow: true };
    }
    // Errors whose message tells the user what to do: no stack trace.
    if (options.isUserError?.(error) || (error as Error)?.name === 'RedisServerMissingError') {
      err(`imr ${name}: ${(error as Error).message}`);
      return { code: 2, exitNow: true };
    }
    throw error;
  }
}
