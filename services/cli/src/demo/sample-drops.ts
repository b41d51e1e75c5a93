import { generateCorpus, type Rendering, renderLetter } from '@imr/letters';
import type { Drop } from '../commands/demo.ts';

/** The mix of formats the demo drops: what real letters arrive as. */
const RENDERINGS: Array<{ label: string; ext: string; rendering: Rendering }> = [
  { label: 'utf-8', ext: 'txt', rendering: { format: 'txt', encoding: 'utf-8', doubleSpaced: true } },
  {
    label: 'windows-1252',
    ext: 'txt',
    rendering: { format: 'txt', encoding: 'windows-1252', lineEnding: 'crlf' },
  },
  { label: 'utf-16le', ext: 'txt', rendering: { format: 'txt', encoding: 'utf-16le' } },
  { label: 'double-utf-8', ext: 'txt', rendering: { format: 'txt', encoding: 'double-utf-8', wrap: 72 } },
  { label: 'pdf', ext: 'pdf', rendering: { format: 'pdf' } },
  { label: 'utf-8-bom', ext: 'txt', rendering: { format: 'txt', encoding: 'utf-8-bom', wrap: 64 } },
];

/** Synthetic letters (the project ships no real ones), rendered in a rotating mix of formats. */
export async function sampleDrops(count: number, seed = 2026): Promise<Drop[]> {
  if (!Number.isInteger(count) || count < 1 || count > 10_000) throw new Error('--count must be 1..10000');
  const letters = generateCorpus(count, { seed });
  return Promise.all(
    letters.map(async (letter, i) => {
      const { label, ext, rendering } = RENDERINGS[i % RENDERINGS.length] as (typeof RENDERINGS)[number];
      const bytes = await renderLetter(letter, rendering);
      return {
        name: `${String(i + 1).padStart(4, '0')}-${letter.layout}-${label}.${ext}`,
        format: label,
        bytes,
      };
    }),
  );
}
