import { loadConfig } from '@imr/config';
import { extractDetermination } from '@imr/parser';
import { errorLine, readLocalLetters, toCliError } from '../local-letters.ts';
import { parseCommandArgs, UsageError } from '../usage.ts';

const HELP = `imr extract FILE...

Extracts the determination of each letter (.txt in any encoding, or .pdf): one JSON line per file,
the determination with source.path set, or {"source":{"path":...},"error":{"code":...,"message":...}}.
Exit 0 when every file succeeded, 1 otherwise; a bad file never stops the others.`;

export async function runExtract(args: string[]): Promise<number> {
  const { positionals } = parseCommandArgs(args, {}, HELP, true);
  if (!positionals.length) throw new UsageError(`no FILE given\n\n${HELP}`);
  const { IMR_MAX_LETTER_BYTES } = loadConfig();
  let failed = 0;
  for await (const result of readLocalLetters(positionals, IMR_MAX_LETTER_BYTES)) {
    if ('error' in result) {
      failed++;
      console.log(errorLine(result.path, result.error));
      continue;
    }
    try {
      const det = extractDetermination(result.normalized, {
        letterId: result.letterId,
        source: { path: result.path },
      });
      console.log(JSON.stringify(det));
    } catch (err) {
      failed++;
      console.log(errorLine(result.path, toCliError(err)));
    }
  }
  return failed ? 1 : 0;
}
