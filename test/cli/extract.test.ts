import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { jsonLines, runImr } from '../support/cli.ts';
import { SEEDS_DIR, seedNames } from '../support/seeds.ts';
import { tempDir } from '../support/services.ts';

const dir = tempDir('imr-cli-');
afterAll(() => dir.remove());

describe('imr extract (a contract other tools rely on)', () => {
  it('prints one determination per file, and a coded error for each bad file without stopping', async () => {
    const seeds = seedNames().map((n) => join(SEEDS_DIR, `${n}.txt`));
    const utf16 = join(dir.path, 'seed-utf16.txt');
    const { readFileSync } = await import('node:fs');
    writeFileSync(utf16, iconv.encode(readFileSync(seeds[0] as string, 'utf8'), 'utf16le', { addBOM: true }));
    const empty = join(dir.path, 'empty.txt');
    writeFileSync(empty, '');
    const binary = join(dir.path, 'image.txt');
    writeFileSync(
      binary,
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]),
    );
    const lease = join(dir.path, 'lease.txt');
    writeFileSync(lease, 'Residential lease. The tenant pays rent monthly. Pets are not allowed.\n');
    const missing = join(dir.path, 'missing.txt');

    const { code, stdout } = await runImr([
      'extract',
      seeds[0] as string,
      empty,
      binary,
      utf16,
      lease,
      missing,
      ...seeds.slice(1),
    ]);
    expect(code).toBe(1);
    const lines = jsonLines(stdout);
    expect(lines).toHaveLength(6 + seeds.length - 1);
    const byPath = new Map(lines.map((l) => [(l.source as { path: string }).path, l]));
    const codeOf = (path: string) => (byPath.get(path)?.error as { code?: string } | undefined)?.code;
    expect(codeOf(empty)).toBe('empty');
    expect(codeOf(binary)).toBe('unsupported_type');
    expect(codeOf(lease)).toBe('not_imr_letter');
    expect(codeOf(missing)).toBe('object_missing');
    const first = byPath.get(seeds[0] as string) as { decisions: unknown[]; schemaVersion: number };
    expect(first.schemaVersion).toBe(1);
    expect(first.decisions).toHaveLength(6);
    const fromUtf16 = byPath.get(utf16) as { decisions: { item: string }[] };
    expect(fromUtf16.decisions.map((d) => d.item)).toEqual(
      (first.decisions as { item: string }[]).map((d) => d.item),
    );
  });

  it('exits 0 when every file succeeds, and normalize --json reports the encoding and repairs', async () => {
    const seed003 = join(SEEDS_DIR, '003_bb4913a5b984f6c8.txt');
    const ok = await runImr(['extract', seed003]);
    expect(ok.code).toBe(0);
    const norm = await runImr(['normalize', seed003, '--json']);
    expect(norm.code).toBe(0);
    const [line] = jsonLines(norm.stdout) as {
      text: string;
      encoding: string;
      repairs: { name: string }[];
    }[];
    expect(line?.encoding).toBe('utf-8');
    expect(line?.text).toContain('§§9792.20');
    expect(line?.repairs.map((r) => r.name)).toContain('mojibake');
  });

  it('answers a usage error with exit 2 and a message', async () => {
    const { code, stderr } = await runImr(['extract']);
    expect(code).toBe(2);
    expect(stderr).toContain('no FILE given');
  });
});
