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

  it('is a multi-stage Node 24 image run as a non-root user under tini, built from a context without secrets', () => {
    const lines = readFileSync(`${root}infra/Dockerfile`, 'utf8')
      .split('\n')
      .filter((l) => l.trim() && !l.startsWith('#'));
    const args: Record<string, string> = Object.fromEntries(
      lines.flatMap((l) => {
        const m = /^ARG (\w+)=(\S+)$/.exec(l);
        return m ? [[m[1], m[2]]] : [];
      }),
    );
    const stages = lines.filter((l) => l.startsWith('FROM '));
    expect(stages.length).toBeGreaterThanOrEqual(2);
    for (const from of stages) {
      const image = (from.split(' ')[1] as string).replace(/^\$\{(\w+)\}$/, (_, name) => args[name] ?? '');
      expect(image, from).toBe('node:24-bookworm-slim');
    }
    const runtime = lines.slice(lines.lastIndexOf(stages.at(-1) as string));
    // Dependencies are installed in an earlier stage; the runtime stage copies them.
    expect(runtime.some((l) => /\bnpm ci\b/.test(l))).toBe(false);
    expect(runtime.find((l) => l.startsWith('USER '))).toMatch(/^USER [1-9]\d*(:\d+)?$/);
    expect(runtime.find((l) => l.startsWith('ENTRYPOINT '))).toMatch(
      /^ENTRYPOINT \["\/usr\/bin\/tini", "--", "node"/,
    );
    expect(runtime.join('\n')).toMatch(/apt-get install -y --no-install-recommends tini/);

    // .dockerignore: the last pattern that matches a path decides (as Docker reads it).
    const patterns = readFileSync(`${root}.dockerignore`, 'utf8')
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith('#'))
      .map((l) => {
        const negated = l.startsWith('!');
        const glob = negated ? l.slice(1) : l;
        const source = glob
          .split('/')
          .map((part) =>
            part === '**' ? '.*' : part.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*'),
          )
          .join('/');
        return { negated, re: new RegExp(`^${source.replace(/^\.\*\//, '(?:.*/)?')}(?:/.*)?$`) };
      });
    const ignored = (path: string) =>
      patterns.reduce((out, p) => (p.re.test(path) ? !p.negated : out), false);
    for (const secret of [
      '.env',
      '.env.production',
      'node_modules/x',
      'packages/app/node_modules/x',
      '.git/config',
    ]) {
      expect(ignored(secret), secret).toBe(true);
    }
    const copied = lines
      .filter((l) => l.startsWith('COPY ') && !l.includes('--from='))
      .flatMap((l) => l.split(/\s+/).slice(1, -1));
    expect(copied).toContain('package-lock.json');
    for (const path of [
      ...copied,
      'packages/app/src/index.ts',
      'packages/search/migrations/0001_letters_decisions_citations.sql',
    ]) {
      expect(ignored(path), `${path} is left out of the build context`).toBe(false);
    }
  });
});
