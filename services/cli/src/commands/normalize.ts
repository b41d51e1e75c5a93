import { loadConfig } from '@imr/config';
import { errorLine, readLocalLetters } from '../local-letters.ts';
import { parseCommandArgs, UsageError } from '../usage.ts';

const HELP = `imr normalize FILE... [--json]

Decodes and repairs each letter (.txt in any encoding, or .pdf). With --json, one JSON line per file:
{"source":{"path":...},"text":...,"encoding":...,"repairs":[...],"warnings":[...]}; without it, the
normalized text of each file. Exit 0 when every file succeeded, 1 otherwise.`;

export async function runNormalize(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    args,
    { json: { type: 'boolean', default: false } },
    HELP,
    true,
  );
  if (!positionals.length) throw new UsageError(`no FILE given\n\n${HELP}`);
  const { IMR_MAX_LETTER_BYTES } = loadConfig();
  let failed = 0;
  for await (const result of readLocalLetters(positionals, IMR_MAX_LETTER_BYTES)) {
    if ('error' in result) {
      failed++;
      if (values.json) console.log(errorLine(result.path, result.error));
      else console.error(`${result.path}: ${result.error.code}: ${result.error.message}`);
      continue;
    }
    if (values.json) console.log(JSON.stringify({ source: { path: result.path }, ...result.normalized }));
    else process.stdout.write(`${result.normalized.text}\n`);
  }
  return failed ? 1 : 0;
}
