import { runWorkerProcess, workerHttpPort } from '@imr/app';
import { ConfigError, loadConfig } from '@imr/config';
// Every queue with a worker: the four stages and the `ocr` lane (scans), all run by default.
import { isWorkerStage as isStage, WORKER_STAGES as STAGES, type WorkerStage as Stage } from '@imr/contracts';
import { createLogger } from '@imr/logging';
import { allStageHandlers } from '../stages.ts';
import { oneLine, parseCommandArgs, UsageError } from '../usage.ts';
import { drainWhenOrphaned, WorkerSupervisor } from '../worker-supervisor.ts';

/** The most worker processes one `imr worker --processes N` runs. */
export const MAX_PROCESSES = 64;

const HELP = `imr worker [--stages ingest,normalize,extract,index,ocr] [--processes N]

Runs workers for the chosen stages (all by default) against REDIS_URL (default
redis://127.0.0.1:6379), S3_ENDPOINT and DATABASE_URL, until SIGTERM/SIGINT (in-flight jobs drain).

--processes N (1-${MAX_PROCESSES}) runs N worker processes sharing the queues instead of one: each is
restarted when it dies (after a backoff; the supervisor gives up, exit 1, when one keeps dying within
10 s of starting), SIGTERM/SIGINT drains them all, and with IMR_HTTP_PORT set process i serves its
probes and metrics on IMR_HTTP_PORT + i. Without it, the workers run in this process.
For one process per stage, run services/<stage>/src/main.ts instead.`;

/** `--processes` as a count, or a one-line usage error naming the flag. */
export function parseProcesses(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = /^[0-9]{1,3}$/.test(value.trim()) ? Number(value.trim()) : Number.NaN;
  if (!Number.isInteger(n) || n < 1 || n > MAX_PROCESSES) {
    throw new UsageError(
      `--processes must be a whole number from 1 to ${MAX_PROCESSES} (got ${oneLine(JSON.stringify(value))})`,
      HELP,
    );
  }
  return n;
}

export async function runWorker(args: string[]): Promise<number> {
  const { values } = parseCommandArgs(
    args,
    { stages: { type: 'string', default: STAGES.join(',') }, processes: { type: 'string' } },
    HELP,
  );
  const stages = values.stages.split(',').map((s) => s.trim());
  const bad = stages.filter((s) => !isStage(s));
  if (bad.length) throw new UsageError(`unknown stage(s): ${bad.join(', ')}`);
  const processes = parseProcesses(values.processes);
  if (processes !== undefined) return supervise(stages as Stage[], processes);
  drainWhenOrphaned();
  await runWorkerProcess({ name: 'imr-worker', stages: stages as Stage[], handlers: allStageHandlers });
  // Work goes on until a signal; the shutdown handler exits the process.
  return new Promise<number>(() => undefined);
}

/** `--processes N`: this process forks N `imr worker --stages …` children and looks after them. */
async function supervise(stages: Stage[], processes: number): Promise<number> {
  // The children read the same environment: a bad setting is refused once, here, not N times over.
  const config = loadConfig();
  const port = config.IMR_HTTP_PORT;
  try {
    workerHttpPort(port, processes - 1);
  } catch {
    throw new ConfigError([
      `IMR_HTTP_PORT: ${port} + ${processes - 1} (--processes ${processes}) is past the last TCP port, 65535`,
    ]);
  }
  const entry = process.argv[1];
  if (!entry) throw new UsageError('--processes needs imr started from its script (no entry module found)');
  const supervisor = new WorkerSupervisor({
    processes,
    modulePath: entry,
    args: ['worker', '--stages', stages.join(',')],
    httpPort: port,
    log: createLogger('imr-worker-supervisor', { level: config.LOG_LEVEL }),
    // Children drain for up to IMR_DRAIN_TIMEOUT_MS, then exit on their own: this is a last resort.
    stopTimeoutMs: config.IMR_DRAIN_TIMEOUT_MS + 15_000,
  }).start();
  const { code, reason } = await supervisor.done;
  if (reason) process.stderr.write(`imr worker: ${reason}\n`);
  return code;
}
