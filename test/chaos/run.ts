// npm run chaos -- --letters N [--workers W] [--seed S]
import { parseArgs } from 'node:util';
import { chaosLine, runChaos } from './chaos.ts';

const { values } = parseArgs({
  options: {
    letters: { type: 'string', default: '500' },
    workers: { type: 'string', default: '3' },
    seed: { type: 'string', default: '7' },
  },
});
const result = await runChaos({
  letters: Number(values.letters),
  workers: Number(values.workers),
  seed: Number(values.seed),
  log: (line) => console.log(line),
});
console.log(
  `chaos: ${result.kills} workers killed, Redis restarted ${result.redisRestarts}x, S3 stopped ${result.s3Outages}x; ${(result.elapsedMs / 1000).toFixed(1)} s`,
);
console.log(chaosLine(result));
process.exit(result.lost || result.duplicated || result.mismatched ? 1 : 0);
