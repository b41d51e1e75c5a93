import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { renderLetter } from './render.ts';
import { writeSampleLetters } from './samples.ts';

const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

it('writes a mixed folder: mostly text files in several encodings, some PDFs', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'imr-letters-'));
  dirs.push(dir);
  const written = await writeSampleLetters(dir, 20, { seed: 4 });
  expect((await readdir(dir)).sort()).toEqual(written.map((w) => w.path.slice(dir.length + 1)).sort());
  const formats = written.map((w) => w.rendering.format);
  expect(formats.filter((f) => f === 'pdf').length).toBeGreaterThan(0);
  expect(formats.filter((f) => f === 'txt').length).toBeGreaterThan(formats.length / 2);
  const encodings = new Set(
    written.flatMap((w) => (w.rendering.format === 'txt' ? [w.rendering.encoding] : [])),
  );
  expect(encodings.size).toBeGreaterThanOrEqual(5);
  for (const w of written.slice(0, 10))
    expect((await readFile(w.path)).equals(await renderLetter(w.letter, w.rendering))).toBe(true);
});
