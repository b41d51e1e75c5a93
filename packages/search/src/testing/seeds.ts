import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The shared seed letters, beside the repository (../shared/corpus/seeds from the repo root). */
export const SEEDS_DIR = fileURLToPath(new URL('../../../../../shared/corpus/seeds', import.meta.url));

export interface Seed {
  /** e.g. `000_a594974daae5dff3` */
  name: string;
  bytes: Buffer;
  expected: Record<string, unknown>;
}

export function loadSeeds(): Seed[] {
  if (!existsSync(SEEDS_DIR)) {
    throw new Error(
      `seed letters not found at ${SEEDS_DIR}: the shared corpus must sit beside the repository`,
    );
  }
  return readdirSync(SEEDS_DIR)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((file) => {
      const name = file.slice(0, -'.txt'.length);
      return {
        name,
        bytes: readFileSync(`${SEEDS_DIR}/${file}`),
        expected: JSON.parse(readFileSync(`${SEEDS_DIR}/${name}.expected.json`, 'utf8')),
      };
    });
}
