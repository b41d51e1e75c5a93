/**
 * Letters with their expected extraction, for tests and benchmarks: the five shared seeds
 * (../shared/corpus/seeds beside the repository) and the hand-written letters in this folder.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface LetterCase {
  name: string;
  bytes: Buffer;
  expected: Record<string, unknown>;
}

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, '../../..');

/** Where the shared seeds live: ../shared/corpus/seeds from the repository root. */
export const SEEDS_DIR = resolve(repoRoot, '../shared/corpus/seeds');

function load(dir: string): LetterCase[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => ({
      name: f.replace(/\.txt$/, ''),
      bytes: readFileSync(join(dir, f)),
      expected: JSON.parse(readFileSync(join(dir, f.replace(/\.txt$/, '.expected.json')), 'utf8')),
    }));
}

export function seedLetters(): LetterCase[] {
  if (!existsSync(SEEDS_DIR)) {
    throw new Error(
      `seed letters not found at ${SEEDS_DIR}: the shared corpus must sit beside the repository`,
    );
  }
  return load(SEEDS_DIR);
}

export function testLetters(): LetterCase[] {
  return load(here);
}
