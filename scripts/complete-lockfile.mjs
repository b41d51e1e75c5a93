#!/usr/bin/env node
// The npm registry this project's machines reach does not serve every platform build of packages
// that ship native binaries as optional dependencies (@biomejs/cli-*, @rollup/rollup-*, turbo-*).
// `npm install` then leaves them out of package-lock.json, and `npm ci` refuses the lock as out of
// sync. This adds the missing entries, marked optional with the os/cpu their names state, so that
// `npm ci` accepts the lock and installs only the build for the machine it runs on.
// Run after any `npm install` that rewrites the lock: `node scripts/complete-lockfile.mjs`.
import { readFileSync, writeFileSync } from 'node:fs';

const lockPath = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(lockPath, 'utf8'));
const OS = [
  'android',
  'darwin',
  'freebsd',
  'linux',
  'win32',
  'openbsd',
  'netbsd',
  'sunos',
  'aix',
  'openharmony',
];
const CPU = ['arm64', 'x64', 'arm', 'ia32', 'loong64', 'ppc64', 'riscv64', 's390x', 'mips64el'];

let added = 0;
for (const [path, entry] of Object.entries(lock.packages)) {
  for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const at = `node_modules/${name}`;
    if (lock.packages[at] || lock.packages[`${path}/node_modules/${name}`]) continue;
    // turbo names its builds darwin-64, windows-arm64: read those as darwin/x64, win32/arm64.
    const parts = name
      .split('/')
      .pop()
      .split('-')
      .map((p) => (p === 'windows' ? 'win32' : p === '64' ? 'x64' : p));
    const os = parts.find((p) => OS.includes(p));
    const cpu =
      parts.find((p) => CPU.includes(p)) ??
      (parts.includes('gnueabihf') || parts.includes('musleabihf') ? 'arm' : undefined);
    if (!os || !cpu) continue;
    lock.packages[at] = {
      version,
      ...(entry.dev ? { dev: true } : {}),
      optional: true,
      os: [os],
      cpu: [cpu],
      ...(parts.includes('musl') ? { libc: ['musl'] } : parts.includes('gnu') ? { libc: ['glibc'] } : {}),
    };
    added++;
  }
}
lock.packages = Object.fromEntries(
  Object.entries(lock.packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))),
);
writeFileSync(lockPath, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`complete-lockfile: added ${added} platform entries`);
