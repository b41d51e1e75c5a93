import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** ../shared/corpus/seeds beside the repository (CI has it there). */
export const SEEDS_DIR = new URL('../../../shared/corpus/seeds/', import.meta.url).pathname;

export function seedNames(): string[] {
  if (!existsSync(SEEDS_DIR))
    throw new Error(`seed letters not found at ${SEEDS_DIR} (../shared/corpus/seeds)`);
  return readdirSync(SEEDS_DIR)
    .filter((f) => f.endsWith('.txt'))
    .map((f) => f.replace(/\.txt$/, ''))
    .sort();
}

export function readSeed(name: string): { bytes: Buffer; expected: Record<string, unknown> } {
  return {
    bytes: readFileSync(join(SEEDS_DIR, `${name}.txt`)),
    expected: JSON.parse(readFileSync(join(SEEDS_DIR, `${name}.expected.json`), 'utf8')),
  };
}
