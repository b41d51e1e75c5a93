export { createTestDatabase, ENGINES, openTestIndex, SERVER_URL, type TestDatabase } from './databases.ts';
export {
  determinationFromExpected,
  parsedSeedDeterminations,
  type SeedLetter,
  seedDeterminations,
} from './fixtures.ts';
export { type RecordedStatement, recordingDatabase } from './recording.ts';
export { loadSeeds, SEEDS_DIR, type Seed } from './seeds.ts';
export { random, type SyntheticOptions, syntheticDetermination, syntheticLetters } from './synthetic.ts';
