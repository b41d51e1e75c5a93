import type { ParseArgsConfig } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../services/cli/src/commands.ts';
import {
  HelpRequested,
  oneLine,
  parseCommandArgs,
  runCli,
  UsageError,
} from '../../services/cli/src/usage.ts';
import { runImr } from '../support/cli.ts';

/** What a terminal would show on more than one line, or not as written. */
const UNPRINTABLE = /[\p{Cc}\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/u;
const codePoint = fc
  .integer({ min: 0, max: 0x10ffff - 0x800 })
  .map((c) => String.fromCodePoint(c >= 0xd800 ? c + 0x800 : c));
/** C0 and C1 control characters and DEL. */
const control = fc.integer({ min: 0, max: 0x40 }).map((c) => String.fromCharCode(c < 0x20 ? c : c + 0x5f));

/** Arguments a user (or a script gone wrong) can type: options, values, dashes, control characters. */
const arg = fc.oneof(
  fc.string(),
  fc.string({ unit: codePoint }),
  fc.string({ unit: fc.oneof(fc.constantFrom('-', '=', 'h', 'a', ' ', '\n', '\u202e'), control) }),
  fc.constantFrom(
    '-',
    '--',
    '---',
    '-h',
    '--help',
    '--help=1',
    '-hh',
    '-x',
    '--json',
    '--json=false',
    '--=',
    '-=',
  ),
  fc.constantFrom(
    '--bucket',
    '--prefix',
    '--limit',
    '--from',
    '--stage',
    '--since',
    '--count',
    '--input',
    '--stages',
  ),
  fc.string().map((s) => `--${s}`),
  fc.string({ unit: fc.oneof(codePoint, control) }).map((s) => `--bucket=${s}`),
  fc.constantFrom('--__proto__', '--constructor', '--toString', '-\u0000', `--${'x'.repeat(2000)}`),
);
const args = fc.array(arg, { maxLength: 8 });

type Options = NonNullable<ParseArgsConfig['options']>;
/** Option tables like the commands': strings, booleans, repeatable strings, short names, defaults. */
const optionTable: fc.Arbitrary<Options> = fc
  .uniqueArray(
    fc.tuple(
      fc.constantFrom(
        'bucket',
        'prefix',
        'json',
        'limit',
        'from',
        'since',
        'dry-run',
        'stage',
        'outcome',
        'x',
      ),
      fc.constantFrom('string', 'boolean'),
      fc.boolean(),
      fc.option(fc.constantFrom('b', 'p', 'j', 'x'), { nil: undefined }),
    ),
    { selector: ([name]) => name, maxLength: 6 },
  )
  .map((entries) => {
    const shorts = new Set<string>();
    return Object.fromEntries(
      entries.map(([name, type, multiple, short]) => {
        const option: Options[string] = { type: type as 'string' | 'boolean' };
        if (multiple) option.multiple = true;
        if (short && !shorts.has(short)) {
          shorts.add(short);
          option.short = short;
        }
        return [name, option];
      }),
    );
  });

const HELP = 'imr test [--bucket B]\n\nA command for the property test.\n\n  --bucket B  a bucket';

function expectOneLineMessage(message: string) {
  expect(message).not.toMatch(UNPRINTABLE);
  expect(message.length).toBeGreaterThan(0);
  expect(message.length).toBeLessThanOrEqual(300);
}

describe('parseCommandArgs: any argument array', () => {
  it('parses, or throws a UsageError with a one-line message and the help kept apart, or HelpRequested', () => {
    fc.assert(
      fc.property(args, optionTable, fc.boolean(), (argv, options, positionals) => {
        let parsed: ReturnType<typeof parseCommandArgs>;
        try {
          parsed = parseCommandArgs(argv, options, HELP, positionals);
        } catch (err) {
          if (err instanceof HelpRequested) {
            expect(err.help).toBe(HELP);
            const beforeDashes = argv.slice(0, argv.includes('--') ? argv.indexOf('--') : argv.length);
            expect(beforeDashes.some((a) => a === '--help' || /^-[^-]*h/.test(a))).toBe(true);
            return;
          }
          expect(err).toBeInstanceOf(UsageError);
          expectOneLineMessage((err as UsageError).message);
          expect((err as UsageError).help).toBe(HELP);
          return;
        }
        // Values come out exactly as they were typed: no trimming, no unescaping, no path handling.
        for (const value of Object.values(parsed.values).flat()) {
          if (typeof value !== 'string') continue;
          expect(argv.some((a) => a === value || a.endsWith(`=${value}`) || a.slice(2) === value)).toBe(true);
        }
        for (const positional of parsed.positionals) expect(argv).toContain(positional);
      }),
      { numRuns: 400 },
    );
  });

  it('oneLine writes any text as one printable line of at most 300 characters', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.oneof(codePoint, control), maxLength: 400 }), (text) => {
        const line = oneLine(text);
        expect(line).not.toMatch(UNPRINTABLE);
        expect(line.length).toBeLessThanOrEqual(300);
        expect(line).not.toMatch(/[\ud800-\udbff]$/);
        if (!UNPRINTABLE.test(text) && text.trim().length <= 300) expect(line).toBe(text.trim());
      }),
      { numRuns: 300 },
    );
  });
});

describe('imr: any command line, in process', () => {
  // `imr worker` is someone else's (start-up and configuration); every other command is here.
  const names = Object.keys(COMMANDS).filter((name) => name !== 'worker');

  async function run(argv: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    const result = await runCli(argv, COMMANDS, {
      usage: 'imr usage',
      out: (line) => out.push(line),
      err: (line) => err.push(line),
    });
    return { ...result, out, err };
  }

  it('arguments a command does not take: exit 2, one line on stderr, nothing run', async () => {
    const unknown = fc
      .string({ unit: fc.oneof(codePoint, control), minLength: 1, maxLength: 20 })
      .map((s) => `--zz-${s}`);
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...names), args, fc.nat(), unknown, async (name, argv, at, bad) => {
        // Before any `--`: after it, every argument is a positional.
        const end = argv.includes('--') ? argv.indexOf('--') : argv.length;
        const line = [...argv.slice(0, at % (end + 1)), bad, ...argv.slice(at % (end + 1))];
        const result = await run([name, ...line]);
        expect(result.code, JSON.stringify(line)).toBe(2);
        expect(result.exitNow).toBe(true);
        expect(result.out).toEqual([]);
        expect(result.err).toHaveLength(1);
        const [message] = result.err as [string];
        expect(message.startsWith(`imr ${name}: `)).toBe(true);
        const hint = ` (see "imr ${name} --help")`;
        expect(message.endsWith(hint)).toBe(true);
        expectOneLineMessage(message.slice(`imr ${name}: `.length, -hint.length));
      }),
      { numRuns: 150 },
    );
  });

  it('values a command cannot use: exit 2 and one line, before anything starts', async () => {
    for (const argv of [
      ['demo', '--count', 'abc'],
      ['demo', '--count', '0'],
      ['demo', '--input', '/nonexistent/letters'],
      ['search', '- '.repeat(40)],
    ]) {
      const result = await run(argv);
      expect(result.code, argv.join(' ')).toBe(2);
      expect(result.err, argv.join(' ')).toHaveLength(1);
      expect(result.err[0]).toMatch(new RegExp(`^imr ${argv[0]}: `));
    }
  });

  it('a command that does not exist: exit 2 and one line naming it', async () => {
    const name = fc
      .oneof(
        fc.string({ unit: fc.oneof(codePoint, control) }),
        fc.constantFrom('__proto__', 'constructor', 'toString', '-x', 'Search'),
      )
      .filter((n) => !Object.hasOwn(COMMANDS, n) && !['', 'help', '--help', '-h'].includes(n));
    await fc.assert(
      fc.asyncProperty(name, args, async (command, rest) => {
        const result = await run([command, ...rest]);
        expect(result).toMatchObject({ code: 2, exitNow: true, out: [] });
        expect(result.err).toHaveLength(1);
        expect(result.err[0]).toMatch(/^imr: unknown command ".*" \(see "imr --help"\)$/);
        expect(result.err[0]).not.toMatch(UNPRINTABLE);
      }),
      { numRuns: 100 },
    );
  });

  it('--help and -h print the command’s help and exit 0; no command prints the usage and exits 2', async () => {
    for (const name of names) {
      for (const flag of ['--help', '-h']) {
        const result = await run([name, flag]);
        expect(result, `${name} ${flag}`).toMatchObject({ code: 0, exitNow: true, err: [] });
        expect(result.out.join('\n'), name).toContain(`imr ${name}`);
      }
    }
    expect(await run([])).toMatchObject({ code: 2, out: ['imr usage'], err: [] });
  });
});

describe('imr: bad arguments, as a user runs it', () => {
  it('exits 2 with one line on stderr and no stack trace', async () => {
    const lines = [
      ['no-such-command', 'x'],
      ['extract', 'letter.txt', '--b\nad\u001b[31m\u202e'],
    ];
    const results = await Promise.all(lines.map((line) => runImr(line)));
    for (const [i, { code, stdout, stderr }] of results.entries()) {
      const line = JSON.stringify(lines[i]);
      expect(code, line).toBe(2);
      expect(stdout, line).toBe('');
      expect(stderr.endsWith('\n'), line).toBe(true);
      expect(stderr.trimEnd().split('\n'), `${line}: ${stderr}`).toHaveLength(1);
      expect(stderr, line).toMatch(/^imr( [a-z-]+)?: /);
      expect(stderr, line).not.toMatch(/\n\s+at |Error:/);
      expect(stderr.trimEnd(), line).not.toMatch(UNPRINTABLE);
    }
  });
});
