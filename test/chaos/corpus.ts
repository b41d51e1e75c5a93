import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { identifyContent, PdfTextExtractor } from '@imr/documents';
import { generateLetter, type Rendering, renderLetter } from '@imr/letters';
import { extractDetermination, normalizeBytes, normalizeText } from '@imr/parser';

const RENDERINGS: Rendering[] = [
  { format: 'txt', encoding: 'utf-8' },
  { format: 'txt', encoding: 'windows-1252', lineEnding: 'crlf' },
  { format: 'txt', encoding: 'utf-16le' },
  { format: 'txt', encoding: 'double-utf-8' },
  { format: 'pdf' },
];

/** One rendered letter, on disk: the chaos reads it back when it drops it into the bucket. */
export interface CorpusFile {
  key: string;
  path: string;
}

export interface Corpus {
  files: CorpusFile[];
  /** Letter id (SHA-256 of the bytes) to the SHA-256 of its decisions' JSON, from the clean run. */
  expected: Map<string, string>;
}

export function decisionsDigest(decisions: unknown): string {
  return createHash('sha256').update(JSON.stringify(decisions)).digest('hex');
}

/**
 * Renders the letters of `generateCorpus(count, { seed })` one at a time into `dir`, and computes each
 * one's determination in this process with no queue in between (the clean run). Memory stays flat
 * whatever the count: no letter, rendering or determination is kept, only file names and digests.
 */
export async function buildCorpus(
  count: number,
  seed: number,
  dir: string,
  log: (line: string) => void,
): Promise<Corpus> {
  const pdf = new PdfTextExtractor();
  const files: CorpusFile[] = [];
  const expected = new Map<string, string>();
  const step = Math.max(1000, Math.ceil(count / 10));
  try {
    for (let i = 0; i < count; i++) {
      // generateCorpus's letters, without holding them all: letter i has seed `seed * 100_003 + i`.
      const letter = generateLetter(seed * 100_003 + i);
      const rendering = RENDERINGS[i % RENDERINGS.length] as Rendering;
      const bytes = await renderLetter(letter, rendering);
      const key = `chaos/${i}-${letter.id}.${rendering.format}`;
      const path = join(dir, `${i}.${rendering.format}`);
      writeFileSync(path, bytes);
      files.push({ key, path });
      const letterId = createHash('sha256').update(bytes).digest('hex');
      const normalized =
        identifyContent(bytes) === 'pdf'
          ? normalizeText((await pdf.extract(bytes)).text)
          : normalizeBytes(bytes);
      expected.set(letterId, decisionsDigest(extractDetermination(normalized, { letterId }).decisions));
      if ((i + 1) % step === 0 && i + 1 < count) log(`chaos: rendered ${i + 1} of ${count} letters`);
    }
  } finally {
    await pdf.close();
  }
  return { files, expected };
}
