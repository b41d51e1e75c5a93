import { openSearch } from '@imr/app';
import { loadConfig } from '@imr/config';
import type { StatsGroup } from '@imr/search';
import { parseCommandArgs } from '../usage.ts';

const HELP = `imr stats [--json]

Overturn rates of the indexed decisions: overall, by treatment category, by guideline body, by
reviewer specialty and by decision year.`;

const pct = (rate: number | null) => (rate === null ? '   -  ' : `${(rate * 100).toFixed(1).padStart(5)}%`);

function printGroups(title: string, groups: StatsGroup[]) {
  console.log(`\n${title}`);
  const width = Math.max(8, ...groups.map((g) => g.key.length));
  for (const g of groups) {
    console.log(
      `  ${g.key.padEnd(width)}  ${String(g.decisions).padStart(6)} decisions  ${pct(g.overturnRate)} overturned`,
    );
  }
}

export async function runStats(args: string[]): Promise<number> {
  const { values } = parseCommandArgs(args, { json: { type: 'boolean', default: false } }, HELP);
  const index = await openSearch(loadConfig());
  try {
    const stats = await index.stats();
    if (values.json) {
      console.log(JSON.stringify(stats));
      return 0;
    }
    const t = stats.totals;
    console.log(
      `${stats.letters} letters, ${t.decisions} decisions: ${t.upheld} upheld, ${t.overturned} overturned (${pct(t.overturnRate).trim()})`,
    );
    printGroups('By treatment category', stats.byCategory);
    printGroups('By guideline', stats.byGuideline);
    printGroups('By reviewer specialty', stats.byReviewerSpecialty);
    printGroups('By year', stats.byYear);
    return 0;
  } finally {
    await index.close();
  }
}
