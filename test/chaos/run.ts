// npm run chaos -- --letters N [--workers W] [--index-workers I] [--seed S]
import { parseArgs } from 'node:util';
import { chaosLine, runChaos } from './chaos.ts';

const { values } = parseArgs({
  options: {
    letters: { type: 'string', default: '500' },
    workers: { type: 'string', default: '3' },
    'index-workers': { type: 'string', default: '2' },
    seed: { type: 'string', default: '7' },
  },
});
const started = Date.now();
const result = await runChaos({
  letters: Number(values.letters),
  workers: Number(values.workers),
  indexWorkers: Number(values['index-workers']),
  seed: Number(values.seed),
  log: (line) => console.log(`[${((Date.now() - started) / 1000).toFixed(1).padStart(6)} s] ${line}`),
});
const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MB`;
const { redisUsedMemory: redis, steadyWorkerRss: rss } = result.resources;
const outage = result.outageWorkers;
console.log(
  `chaos: ${result.kills} workers killed (index-only workers mid-batch ${result.indexKillsMidBatch}x), ` +
    `Redis restarted ${result.redisRestarts}x, S3 stopped ${result.s3Outages}x, ` +
    `S3 fault phases ${result.s3FaultPhases} (${result.s3Faults.slowDown} SlowDown, ${result.s3Faults.reset} resets), ` +
    `PostgreSQL stopped ${result.postgresOutages}x; ${(result.elapsedMs / 1000).toFixed(1)} s`,
);
console.log(
  `chaos: ${result.startedDuringOutage} worker(s) started while PostgreSQL was down: ` +
    `${outage.failedDuringOutage} index attempts failed during the outage; after it, ` +
    `${outage.indexed} letters indexed, ${outage.databaseUnavailable} attempts failed with database_unavailable` +
    (Object.keys(outage.failureCodes).length ? ` (failures: ${JSON.stringify(outage.failureCodes)})` : ''),
);
console.log(
  `chaos: Redis used_memory start=${mb(redis.start)} peak=${mb(redis.peak)} end=${mb(redis.end)}; ` +
    `steady worker RSS first quarter=${mb(rss.firstQuarter)} peak=${mb(rss.peak)} end=${mb(rss.end)}`,
);
for (const crash of result.workerCrashes)
  console.log(`chaos: ${crash.role} worker ${crash.pid} died on its own (${crash.exit}):\n${crash.stderr}`);
const problems = Object.entries(result.workerProblems);
if (problems.length)
  console.log(`chaos: worker warnings/errors: ${problems.map(([k, n]) => `${k} ×${n}`).join('; ')}`);
console.log(chaosLine(result));
process.exit(result.lost || result.duplicated || result.mismatched ? 1 : 0);
