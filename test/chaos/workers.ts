import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const IMR = fileURLToPath(new URL('../../services/cli/bin/imr.js', import.meta.url));

/**
 * What a worker is for. `all` workers (`imr worker`) are the ones killed at random; `index` workers
 * (`imr worker --stages index`) are killed in the middle of a batch (at random only when there is
 * no `all` worker); `steady` (all stages) is never killed, so that its memory can be followed over
 * the whole run; `outage` (all stages) is started while PostgreSQL is down and kept, to see it
 * index once PostgreSQL is back.
 */
export type WorkerRole = 'all' | 'index' | 'steady' | 'outage';

/** One line a worker logged (pino JSON), as far as the chaos cares. */
export interface WorkerLogLine {
  time: number;
  level: number;
  msg: string;
  stage?: string;
  code?: string;
}

export interface PoolWorker {
  readonly role: WorkerRole;
  /** `chaos-<role>-<n>`: its PostgreSQL application_name. */
  readonly name: string;
  readonly child: ChildProcess;
  readonly pid: number;
  /** Resolves when the worker logged that its stage workers are ready. */
  readonly ready: Promise<void>;
  readonly isReady: boolean;
  readonly exited: Promise<void>;
}

/**
 * A pool of `imr worker` processes that can be killed and replaced. Each worker's DATABASE_URL names
 * it (`application_name=chaos-<role>-<n>`), so PostgreSQL's pg_stat_activity tells which workers
 * are connected and which are inside a transaction. Workers log at info level into a pipe: the
 * pool waits for their readiness there, tallies warnings and errors, and hands lines to `onLine`
 * listeners.
 */
export class WorkerPool {
  private readonly workers = new Set<PoolWorker>();
  /** Workers SIGKILLed, over the pool's life. */
  kills = 0;
  /** `msg [stage] [code]` of every warning and error the workers logged, with how often. */
  readonly problems = new Map<string, number>();
  /** Workers that exited on their own (neither killed nor stopped), with how they ended. */
  readonly crashes: Array<{
    pid: number;
    role: WorkerRole;
    exit: string;
    /** The end of its stderr. */
    stderr: string;
  }> = [];
  private readonly ending = new Set<ChildProcess>();
  private stopping = false;
  private spawned = 0;

  /** Should this process end without `stop()` (a test timed out, say), its workers end with it. */
  private readonly orphans = () => {
    for (const w of this.workers) w.child.kill('SIGKILL');
  };

  constructor(
    private readonly env: Record<string, string>,
    private readonly log: (line: string) => void,
  ) {
    process.once('exit', this.orphans);
  }

  /**
   * Starts a worker. One that exits on its own is noted in `crashes` and replaced, as a supervisor
   * would (with the same `onLine`).
   */
  spawn(role: WorkerRole, onLine?: (line: WorkerLogLine) => void): PoolWorker {
    const args = role === 'index' ? [IMR, 'worker', '--stages', 'index'] : [IMR, 'worker'];
    const databaseUrl = new URL(this.env.DATABASE_URL ?? '');
    const name = `chaos-${role}-${++this.spawned}`;
    databaseUrl.searchParams.set('application_name', name);
    const child = spawn(process.execPath, args, {
      env: { ...process.env, ...this.env, DATABASE_URL: databaseUrl.toString(), LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    const stderr = forwardStderr(child);
    // 'close' comes after 'exit', once stderr has been read to its end.
    child.once('close', (code, signal) => {
      if (this.ending.delete(child) || this.stopping) return;
      const exit = String(signal ?? code);
      this.crashes.push({ pid: child.pid ?? 0, role, exit, stderr: stderr.join('\n') });
      this.log(`chaos: ${role} worker ${child.pid} exited on its own (${exit}); starting a replacement`);
      this.spawn(role, onLine);
    });
    let markReady: () => void = () => undefined;
    const ready = new Promise<void>((resolve, reject) => {
      markReady = resolve;
      void exited.then(() => reject(new Error(`worker ${child.pid} exited before it was ready`)));
    });
    ready.catch(() => undefined);
    const worker = { role, name, child, pid: child.pid ?? 0, ready, exited, isReady: false };
    ready.then(
      () => {
        worker.isReady = true;
      },
      () => undefined,
    );
    this.workers.add(worker);
    void exited.then(() => this.workers.delete(worker));
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (text) => {
      if (text.includes('"msg":"workers ready"')) markReady();
      // Info lines are parsed only for a listener; warnings and errors always (they are tallied).
      if (!onLine && !/"level":[4-6]0/.test(text)) return;
      const line = parseLine(text);
      if (!line) return;
      if (line.level >= 40) {
        const key = [line.msg, line.stage, line.code].filter(Boolean).join(' ');
        this.problems.set(key, (this.problems.get(key) ?? 0) + 1);
      }
      onLine?.(line);
    });
    return worker;
  }

  /** `count` workers of a role. */
  start(count: number, role: WorkerRole = 'all'): PoolWorker[] {
    return Array.from({ length: count }, () => this.spawn(role));
  }

  list(role?: WorkerRole): PoolWorker[] {
    return [...this.workers].filter((w) => role === undefined || w.role === role);
  }

  /**
   * SIGKILLs a random `all` worker (an `index` one if there is none) that is ready (waiting for one
   * to be: killing workers still starting would only keep them from ever working) and starts a
   * replacement of the same role.
   */
  async killOne(random: () => number): Promise<void> {
    const all = this.list('all');
    const killable = all.length ? all : this.list('index');
    if (!killable.length) return;
    await Promise.any(killable.map((w) => w.ready)).catch(() => undefined);
    const ready = killable.filter((w) => w.isReady && this.workers.has(w));
    const victim = ready[Math.floor(random() * ready.length)];
    if (!victim) return;
    await this.kill([victim]);
    this.log(`chaos: killed ${victim.role} worker ${victim.pid}; starting a replacement`);
    this.spawn(victim.role);
  }

  /** SIGKILLs every worker of a role at once, then starts as many replacements. */
  async killRole(role: WorkerRole): Promise<PoolWorker[]> {
    const victims = this.list(role);
    await this.kill(victims);
    this.log(`chaos: killed ${role} workers ${victims.map((w) => w.pid).join(', ')}; starting replacements`);
    for (const _ of victims) this.spawn(role);
    return victims;
  }

  private async kill(victims: PoolWorker[]): Promise<void> {
    for (const victim of victims) {
      this.ending.add(victim.child);
      victim.child.kill('SIGKILL');
    }
    await Promise.all(victims.map((v) => v.exited));
    this.kills += victims.length;
  }

  /** SIGTERM to all (they drain), waiting for every exit; SIGKILL to any still there after 20 s. */
  async stop(): Promise<void> {
    this.stopping = true;
    const all = this.list();
    for (const w of all) w.child.kill('SIGTERM');
    const timer = setTimeout(() => {
      for (const w of all) {
        if (w.child.exitCode === null && w.child.signalCode === null) {
          this.log(`chaos: ${w.role} worker ${w.pid} did not stop on SIGTERM within 20 s; SIGKILL`);
          w.child.kill('SIGKILL');
        }
      }
    }, 20_000);
    await Promise.all(all.map((w) => w.exited));
    clearTimeout(timer);
    process.off('exit', this.orphans);
  }
}

function parseLine(text: string): WorkerLogLine | null {
  let raw: { time?: string; level?: number; msg?: string; stage?: string; code?: string };
  try {
    raw = JSON.parse(text);
  } catch {
    return null;
  }
  return {
    time: raw.time ? Date.parse(raw.time) : Date.now(),
    level: raw.level ?? 30,
    msg: raw.msg ?? '',
    ...(raw.stage ? { stage: raw.stage } : {}),
    ...(raw.code ? { code: raw.code } : {}),
  };
}

/**
 * Passes a worker's stderr on, without the AWS SDK's multi-line warning about Node versions that
 * every worker prints at start (hundreds of restarts would bury everything else). Returns the last
 * lines passed on, kept up to date.
 */
function forwardStderr(child: ChildProcess): string[] {
  const tail: string[] = [];
  let skipping = false;
  let skipped = false;
  createInterface({ input: child.stderr as NodeJS.ReadableStream }).on('line', (line) => {
    if (line.includes('NodeVersionSupportWarning')) skipping = true;
    else if (skipped && line.startsWith('(Use `node --trace-warnings')) return;
    skipped = false;
    if (!skipping) {
      process.stderr.write(`${line}\n`);
      tail.push(line);
      if (tail.length > 30) tail.shift();
    } else if (line.startsWith('More information can be found at')) {
      skipping = false;
      skipped = true;
    }
  });
  return tail;
}
