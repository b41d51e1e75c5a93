#!/usr/bin/env node
// `npm test`: make sure Redis, PostgreSQL and s3cmd are there (installing them if not), then lint,
// typecheck and run every test (unit, integration, end-to-end) once.
import { execFileSync, spawnSync } from 'node:child_process';

const root = new URL('..', import.meta.url).pathname;
const run = (cmd, args, env = process.env) => {
  console.log(`\n$ ${[cmd, ...args].join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', cwd: root, env });
  if (r.status !== 0) process.exit(r.status ?? 1);
};

const databaseUrl = execFileSync('bash', ['scripts/ensure-test-services.sh'], {
  cwd: root,
  encoding: 'utf8',
  stdio: ['ignore', 'pipe', 'inherit'],
})
  .trim()
  .split('\n')
  .pop();
const env = { ...process.env, DATABASE_URL: databaseUrl };

run('npx', ['biome', 'ci', '.']);
run('npx', ['tsc', '-p', 'tsconfig.json']);
run('npx', ['vitest', 'run', ...process.argv.slice(2)], env);
