import { join, resolve } from 'node:path';
import type { Config } from '@imr/config';
import { WORKER_STAGES, type WorkerStage } from '@imr/contracts';
import {
  classifyError,
  type DeadLetterCount,
  QueueState,
  type StageQueueState,
  type StageRates,
} from '@imr/queue';
import { openSearchDatabase } from '@imr/search';
import { openQueues } from '../queue-connection.ts';
import { parseCommandArgs } from '../usage.ts';

const HELP = `imr status [--json]

The numbers an operator checks first: per stage, jobs waiting, active, delayed (retry backoff) and
failed (kept final failures); jobs completed and failed in the last minute and 5 minutes; the age
of the job that has waited longest; dead letters by code; letters in the search index. --json
prints one JSON object. Reads REDIS_URL (IMR_QUEUE_PREFIX) and DATABASE_URL.`;

export interface StatusReport {
  at: string;
  stages: (Omit<StageQueueState, 'stage'> & StageRates & { stage: WorkerStage })[];
  deadLetters: { total: number; byCode: Record<string, number>; byStage: DeadLetterCount[] };
  /** Letters in the search index; null (with the error code) when the index cannot be read. */
  lettersIndexed: number | null;
  indexError?: string;
}

/** Counts the index's letters without migrating it (a status must change nothing). */
async function countLetters(config: Config): Promise<{ count: number | null; error?: string }> {
  try {
    const index = await openSearchDatabase(
      config.DATABASE_URL
        ? { databaseUrl: config.DATABASE_URL, poolSize: 1, migrate: false }
        : { dataDir: join(resolve(config.IMR_DATA_DIR), 'pglite'), migrate: false },
    );
    try {
      const { rows } = await index.db.query<{ n: number }>('SELECT count(*)::int AS n FROM letters');
      return { count: rows[0]?.n ?? 0 };
    } finally {
      await index.close();
    }
  } catch (err) {
    return { count: null, error: classifyError(err).code };
  }
}

export async function collectStatus(
  queueState: QueueState,
  config: Config,
  now = Date.now(),
): Promise<StatusReport> {
  const [stages, rates, deadLetters, indexed] = await Promise.all([
    queueState.stages(now),
    queueState.rates(now),
    queueState.deadLetterCounts(),
    countLetters(config),
  ]);
  const byCode: Record<string, number> = {};
  for (const d of deadLetters) byCode[d.code] = (byCode[d.code] ?? 0) + d.count;
  return {
    at: new Date(now).toISOString(),
    stages: stages.map((s) => ({ ...s, ...rates[s.stage] })),
    deadLetters: { total: deadLetters.reduce((n, d) => n + d.count, 0), byCode, byStage: deadLetters },
    lettersIndexed: indexed.count,
    ...(indexed.error ? { indexError: indexed.error } : {}),
  };
}

function age(seconds: number | null): string {
  if (seconds === null) return '-';
  if (seconds < 120) return `${Math.round(seconds)}s`;
  if (seconds < 7200) return `${Math.round(seconds / 60)}m`;
  if (seconds < 172_800) return `${(seconds / 3600).toFixed(1)}h`;
  return `${(seconds / 86_400).toFixed(1)}d`;
}

export function formatStatus(report: StatusReport): string[] {
  const head = ['stage', 'waiting', 'active', 'delayed', 'failed', 'done/1m', 'done/5m', 'fail/5m', 'oldest'];
  const rows = report.stages.map((s) => [
    s.stage,
    String(s.waiting + s.prioritized),
    String(s.active),
    String(s.delayed),
    String(s.failed),
    String(s.completedLastMinute),
    String(s.completedLast5Minutes),
    String(s.failedLast5Minutes),
    age(s.oldestWaitingSeconds),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] as string).length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === 0 ? c.padEnd(widths[i] as number) : c.padStart(widths[i] as number)))
      .join('  ');
  const codes = Object.entries(report.deadLetters.byCode).sort((a, b) => b[1] - a[1]);
  return [
    line(head),
    ...rows.map(line),
    '',
    `dead letters: ${report.deadLetters.total}${codes.length ? `  (${codes.map(([c, n]) => `${c} ${n}`).join(', ')})` : ''}`,
    `letters indexed: ${report.lettersIndexed ?? `unknown (${report.indexError ?? 'error'})`}`,
  ];
}

export async function runStatus(args: string[]): Promise<number> {
  const { values } = parseCommandArgs(args, { json: { type: 'boolean', default: false } }, HELP);
  const q = openQueues();
  try {
    const report = await collectStatus(new QueueState(q.queues), q.config);
    // Stage order, whatever order the reads came back in.
    report.stages.sort((a, b) => WORKER_STAGES.indexOf(a.stage) - WORKER_STAGES.indexOf(b.stage));
    if (values.json) console.log(JSON.stringify(report));
    else for (const l of formatStatus(report)) console.log(l);
    return 0;
  } finally {
    await q.close();
  }
}
