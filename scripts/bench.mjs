#!/usr/bin/env node
// Runs every benchmark in bench/ (or those named: `npm run bench -- ftfy parse`), one process each.
// Options (`--quick`, `--json`) are passed to each benchmark run. With --json, each benchmark that
// reports figures prints them as a JSON object on its last line; this prints one object merging
// them all as its own last line (`npm run bench -- --quick --json`).
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { createInterface } from 'node:readline';

const root = new URL('..', import.meta.url).pathname;
const wanted = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const flags = process.argv.slice(2).filter((a) => a.startsWith('--'));
const json = flags.includes('--json');
const all = readdirSync(join(root, 'bench'))
  .filter((f) => f.endsWith('.ts'))
  .map((f) => basename(f, '.ts'))
  .sort();
const names = wanted.length ? wanted : all;
for (const name of names) {
  if (!all.includes(name)) {
    console.error(`bench: no benchmark named ${name} (have: ${all.join(', ')})`);
    process.exit(2);
  }
}

/** Runs one benchmark, its output passed through; resolves with its exit code and its figures. */
function run(name) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'bench', `${name}.ts`), ...flags], {
      stdio: ['inherit', 'pipe', 'inherit'],
      cwd: root,
    });
    let last = '';
    createInterface({ input: child.stdout }).on('line', (line) => {
      console.log(line);
      if (line.trim()) last = line;
    });
    child.on('close', (code) => {
      let figures = {};
      if (json && last.startsWith('{')) {
        try {
          figures = JSON.parse(last);
        } catch {}
      }
      resolve({ code, figures });
    });
  });
}

let failed = 0;
const merged = {};
const started = Date.now();
for (const name of names) {
  console.log(`\n== bench/${name}.ts`);
  const { code, figures } = await run(name);
  if (code !== 0) failed++;
  Object.assign(merged, figures);
}
if (json) console.log(JSON.stringify({ ...merged, seconds: Math.round((Date.now() - started) / 1000) }));
process.exit(failed ? 1 : 0);
