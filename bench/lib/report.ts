// A benchmark's figures for `npm run bench -- --json`: with --json, one JSON object on the last line
// of its output, under its own keys; scripts/bench.mjs merges every benchmark's into one object.
export const JSON_REPORT = process.argv.includes('--json');
export const QUICK = process.argv.includes('--quick');

export function report(figures: Record<string, unknown>): void {
  if (JSON_REPORT) console.log(JSON.stringify(figures));
}
