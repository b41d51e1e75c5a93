// A benchmark's figures for `npm run bench -- --json`: with --json, one JSON object on the last line
// of its output, under its own keys; scripts/bench.mjs merges every benchmark's into one object.
export const JSON_REPORT = process.argv.includes('--json');
export const QUICK = process.argv.includes('--quick');

export function report(figures: Record<string, unknown>): void {
  if (JSON_REPORT) console.log(JSON.stringify(figures));
}

/** The p-th percentile (0–100) of sorted numbers, nearest rank; undefined when there are none. */
export function percentile(sorted: readonly number[], p: number): number | undefined {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}
