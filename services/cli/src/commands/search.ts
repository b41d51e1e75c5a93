import { openSearch } from '@imr/app';
import { loadConfig } from '@imr/config';
import { formatSnippet, SearchInputError } from '@imr/search';
import { parseCommandArgs, UsageError } from '../usage.ts';

const HELP = `imr search "QUERY" [--outcome upheld|overturned] [--category C] [--limit N] [--json]

Full-text search over disputed items, diagnoses, reviewer bases and rationales (web search syntax:
"quoted phrases", or, -excluded). Each hit is one decision. With --json, one JSON line per hit:
{"letterId","caseNumber","item","outcome","category","snippet"}.

  --outcome, --category, --body (MTUS|ACOEM|ODG|OTHER), --specialty, --state (two letters)
  --limit N (1..100, default 20), --cursor C (from the previous page's nextCursor)`;

export async function runSearch(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    args,
    {
      outcome: { type: 'string', multiple: true },
      category: { type: 'string', multiple: true },
      body: { type: 'string', multiple: true },
      specialty: { type: 'string', multiple: true },
      state: { type: 'string', multiple: true },
      limit: { type: 'string', default: '20' },
      cursor: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
    HELP,
    true,
  );
  if (positionals.length > 1) throw new UsageError(`quote the query: one QUERY argument\n\n${HELP}`);
  const index = await openSearch(loadConfig());
  try {
    const page = await index.search({
      q: positionals[0] ?? '',
      limit: values.limit,
      ...(values.cursor ? { cursor: values.cursor } : {}),
      ...(values.outcome ? { outcome: values.outcome } : {}),
      ...(values.category ? { category: values.category } : {}),
      ...(values.body ? { citationBody: values.body } : {}),
      ...(values.specialty ? { reviewerSpecialty: values.specialty } : {}),
      ...(values.state ? { licensure: values.state } : {}),
    } as Parameters<typeof index.search>[0]);
    for (const hit of page.hits) {
      if (values.json) {
        console.log(
          JSON.stringify({
            letterId: hit.letterId,
            caseNumber: hit.caseNumber,
            item: hit.item,
            outcome: hit.outcome,
            category: hit.category,
            snippet: formatSnippet(hit.snippet),
          }),
        );
      } else {
        const bold = (t: string) => (process.stdout.isTTY ? `\x1b[1m${t}\x1b[0m` : `[${t}]`);
        console.log(
          `${hit.outcome ?? '?'}  ${hit.category}  ${hit.item}  (${hit.caseNumber ?? hit.letterId.slice(0, 12)})`,
        );
        console.log(`    ${formatSnippet(hit.snippet, bold)}`);
      }
    }
    if (!values.json) {
      console.log(
        `\n${page.exact ? '' : 'about '}${page.total} decision(s) in ${page.letters} letter(s)${page.nextCursor ? `; more: --cursor ${page.nextCursor}` : ''}`,
      );
    }
    return 0;
  } catch (err) {
    if (err instanceof SearchInputError) throw new UsageError(err.message);
    throw err;
  } finally {
    await index.close();
  }
}
