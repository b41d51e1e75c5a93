import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { generateCorpus, type SyntheticLetter } from './generate.ts';
import { type Rendering, renderLetter } from './render.ts';

/** The mix of formats real letters arrive in. */
export const SAMPLE_RENDERINGS: ReadonlyArray<{ label: string; rendering: Rendering }> = [
  { label: 'utf-8', rendering: { format: 'txt', encoding: 'utf-8', doubleSpaced: true } },
  {
    label: 'windows-1252',
    rendering: { format: 'txt', encoding: 'windows-1252', lineEnding: 'crlf', wrap: 80 },
  },
  { label: 'utf-16le', rendering: { format: 'txt', encoding: 'utf-16le', wrap: 90 } },
  { label: 'double-utf-8', rendering: { format: 'txt', encoding: 'double-utf-8', wrap: 72 } },
  { label: 'pdf', rendering: { format: 'pdf' } },
  { label: 'utf-8-bom', rendering: { format: 'txt', encoding: 'utf-8-bom', wrap: 64 } },
];

/** Writes `count` synthetic letters in a rotating mix of formats into `dir`. */
export async function writeSampleLetters(
  dir: string,
  count: number,
  options: { seed?: number } = {},
): Promise<Array<{ path: string; letter: SyntheticLetter; rendering: Rendering }>> {
  await mkdir(dir, { recursive: true });
  const letters = generateCorpus(count, options);
  return Promise.all(
    letters.map(async (letter, i) => {
      const { label, rendering } = SAMPLE_RENDERINGS[
        i % SAMPLE_RENDERINGS.length
      ] as (typeof SAMPLE_RENDERINGS)[number];
      const path = join(
        dir,
        `${String(i + 1).padStart(4, '0')}-${letter.layout}-${label}.${rendering.format}`,
      );
      await writeFile(path, await renderLetter(letter, rendering));
      return { path, letter, rendering };
    }),
  );
}
