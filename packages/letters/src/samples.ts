import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { generateCorpus, type SyntheticLetter } from './generate.ts';
import { type Rendering, renderLetter } from './render.ts';

/** The mix of forms readable letters arrive in: mostly text files in many encodings, some PDFs. */
export const SAMPLE_RENDERINGS: ReadonlyArray<{ label: string; rendering: Rendering }> = [
  { label: 'utf-8-double-spaced', rendering: { format: 'txt', encoding: 'utf-8', doubleSpaced: true } },
  {
    label: 'windows-1252-crlf',
    rendering: { format: 'txt', encoding: 'windows-1252', lineEnding: 'crlf', wrap: 80 },
  },
  { label: 'utf-16le', rendering: { format: 'txt', encoding: 'utf-16le', wrap: 90 } },
  { label: 'pdf', rendering: { format: 'pdf' } },
  { label: 'double-utf-8', rendering: { format: 'txt', encoding: 'double-utf-8', wrap: 72 } },
  { label: 'utf-8-bom', rendering: { format: 'txt', encoding: 'utf-8-bom', wrap: 64 } },
  { label: 'utf-16be-crlf', rendering: { format: 'txt', encoding: 'utf-16be', lineEnding: 'crlf' } },
  { label: 'utf-8', rendering: { format: 'txt', encoding: 'utf-8' } },
  {
    label: 'pdf-restricted',
    rendering: { format: 'pdf', ownerPassword: 'owner-only', pageHeader: 'IMR Final Determination' },
  },
  {
    label: 'windows-1252-double-spaced',
    rendering: { format: 'txt', encoding: 'windows-1252', doubleSpaced: true, lineEnding: 'crlf' },
  },
];

/** Writes `count` synthetic letters into `dir` in a rotating mix of formats; returns what it wrote. */
export async function writeSampleLetters(
  dir: string,
  count: number,
  options: { seed?: number } = {},
): Promise<Array<{ path: string; letter: SyntheticLetter; rendering: Rendering }>> {
  await mkdir(dir, { recursive: true });
  const written: Array<{ path: string; letter: SyntheticLetter; rendering: Rendering }> = [];
  for (const [i, letter] of generateCorpus(count, options).entries()) {
    const { label, rendering } = SAMPLE_RENDERINGS[
      i % SAMPLE_RENDERINGS.length
    ] as (typeof SAMPLE_RENDERINGS)[number];
    const path = join(dir, `${String(i + 1).padStart(4, '0')}-${letter.layout}-${label}.${rendering.format}`);
    await writeFile(path, await renderLetter(letter, rendering));
    written.push({ path, letter, rendering });
  }
  return written;
}
