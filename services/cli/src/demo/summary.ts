import type { Trace } from '@imr/queue';

export interface LetterRow {
  key: string;
  format: string;
  trace: Trace;
  layout: string | null;
  decisions: number;
}

export interface DemoSummary {
  letters: number;
  indexed: number;
  failed: number;
  failures: Record<string, number>;
  decisions: number;
  elapsedMs: number;
}

export function summarize(rows: LetterRow[], elapsedMs: number): DemoSummary {
  const failures: Record<string, number> = {};
  for (const row of rows) {
    if (row.trace.state === 'failed') {
      const code = row.trace.code ?? 'internal';
      failures[code] = (failures[code] ?? 0) + 1;
    }
  }
  return {
    letters: rows.length,
    indexed: rows.filter((r) => r.trace.state === 'indexed').length,
    failed: rows.filter((r) => r.trace.state === 'failed').length,
    failures,
    decisions: rows.reduce((sum, r) => sum + r.decisions, 0),
    elapsedMs,
  };
}

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

export function printSummary(
  rows: LetterRow[],
  summary: DemoSummary,
  where: { bucket: string; s3: string; database: string },
): void {
  console.log(`\nimr demo: s3://${where.bucket} at ${where.s3}; index: ${where.database}\n`);
  console.log(
    table(
      ['LETTER', 'FORMAT', 'STATE', 'STAGE', 'CODE', 'LAYOUT', 'DECISIONS', 'LETTER ID'],
      rows.map((r) => [
        r.key,
        r.format,
        r.trace.state,
        r.trace.stage,
        r.trace.code ?? '',
        r.layout ?? '',
        String(r.decisions),
        r.trace.letterId?.slice(0, 12) ?? '',
      ]),
    ),
  );
  const codes = Object.entries(summary.failures)
    .map(([code, n]) => `${code}: ${n}`)
    .join(', ');
  console.log(
    `\n${summary.letters} letters: ${summary.indexed} indexed, ${summary.failed} failed${codes ? ` (${codes})` : ''}; ` +
      `${summary.decisions} decisions; ${(summary.elapsedMs / 1000).toFixed(1)} s`,
  );
}
