import { expect, it } from 'vitest';
import { chaosLine, runChaos } from './chaos.ts';

it('loses, duplicates and garbles nothing while workers are killed, Redis restarts and S3 goes away', async () => {
  const lines: string[] = [];
  const result = await runChaos({ letters: 40, workers: 2, seed: 11, log: (l) => lines.push(l) });
  expect(chaosLine(result)).toBe('chaos: letters=40 indexed=40 lost=0 duplicated=0 mismatched=0 dead=0');
  expect(result).toMatchObject({ redisRestarts: 1, s3Outages: 1 });
  expect(result.kills).toBeGreaterThan(0);
}, 240_000);
