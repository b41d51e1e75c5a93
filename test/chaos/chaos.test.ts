import { expect, it, onTestFailed } from 'vitest';
import { chaosLine, runChaos } from './chaos.ts';

it('loses, duplicates and garbles nothing through worker kills (also mid-batch), Redis restarts, S3 and PostgreSQL outages and S3 faults', async () => {
  const lines: string[] = [];
  const started = Date.now();
  onTestFailed(() => console.log(lines.join('\n')));
  const result = await runChaos({
    letters: 60,
    workers: 2,
    indexWorkers: 1,
    seed: 11,
    log: (l) => lines.push(`[${((Date.now() - started) / 1000).toFixed(1)} s] ${l}`),
  });
  expect(chaosLine(result)).toBe('chaos: letters=60 indexed=60 lost=0 duplicated=0 mismatched=0 dead=0');
  expect(result).toMatchObject({
    redisRestarts: 1,
    s3Outages: 1,
    postgresOutages: 1,
    s3FaultPhases: 1,
    indexKillsMidBatch: 1,
    startedDuringOutage: 1,
  });
  // No worker dies on its own (a worker holding a PostgreSQL connection when PostgreSQL goes away, say).
  expect(result.workerCrashes).toEqual([]);
  expect(result.kills).toBeGreaterThanOrEqual(6);
  expect(result.s3Faults.slowDown).toBeGreaterThanOrEqual(1);
  expect(result.s3Faults.reset).toBeGreaterThanOrEqual(1);
  // The worker started while PostgreSQL was down tried the index without it, and indexes letters
  // once PostgreSQL is back, without a restart.
  const outage = JSON.stringify(result.outageWorkers);
  expect(result.outageWorkers.failedDuringOutage, outage).toBeGreaterThanOrEqual(1);
  expect(result.outageWorkers.databaseUnavailable, outage).toBe(0);
  expect(result.outageWorkers.indexed, outage).toBeGreaterThanOrEqual(1);
  expect(result.resources.redisUsedMemory.peak).toBeGreaterThan(0);
  expect(result.resources.steadyWorkerRss.firstQuarter).toBeGreaterThan(0);
  expect(result.resources.steadyWorkerRss.end).toBeGreaterThan(0);
}, 180_000);
