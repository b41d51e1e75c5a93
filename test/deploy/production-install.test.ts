import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** Every module a production process loads: the services and the CLI's non-demo commands. */
const PRODUCTION_MODULES = [
  'packages/app/src/index.ts',
  ...['ingest', 'normalize', 'extract', 'index', 'trigger', 'dashboard'].map(
    (s) => `services/${s}/src/index.ts`,
  ),
  ...['worker', 'backfill', 'replay', 'reprocess', 'search', 'stats', 'extract', 'normalize'].map(
    (c) => `services/cli/src/commands/${c}.ts`,
  ),
];

describe('production install', () => {
  it('carries no embedded development servers (s3rver) in its dependencies', () => {
    const tree = JSON.parse(
      execFileSync('npm', ['ls', '--omit=dev', '--all', '--json'], { cwd: root, encoding: 'utf8' }),
    );
    const names = new Set<string>();
    const walk = (deps: Record<string, { dependencies?: Record<string, unknown> }> = {}) => {
      for (const [name, dep] of Object.entries(deps)) {
        names.add(name);
        walk(dep.dependencies as never);
      }
    };
    walk(tree.dependencies);
    expect(names.has('@imr/app')).toBe(true);
    expect(names.has('s3rver')).toBe(false);
  });

  it('loads no development server when its modules are imported', () => {
    const script = `
      const { createRequire } = await import('node:module');
      for (const m of ${JSON.stringify(PRODUCTION_MODULES)}) await import(${JSON.stringify(root)} + m);
      // s3rver is CommonJS: loading it, even through import, puts it in the require cache.
      const loaded = Object.keys(createRequire(import.meta.url).cache).filter((p) => p.includes('/node_modules/s3rver/'));
      console.log(JSON.stringify(loaded));`;
    const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(run.status, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout.trim().split('\n').at(-1) as string)).toEqual([]);
  });

  it('installs without running install scripts', () => {
    const dockerfile = readFileSync(`${root}infra/Dockerfile`, 'utf8');
    const install = dockerfile.split('\n').find((line) => /\bnpm ci\b/.test(line)) ?? '';
    expect(install).toContain('--omit=dev');
    expect(install).toContain('--ignore-scripts');
    expect(install).not.toContain('--ignore-scripts=false');
  });
});
