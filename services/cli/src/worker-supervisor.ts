import { type ChildProcess, fork } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { workerHttpPort } from '@imr/app';
import type { Logger } from '@imr/logging';

export interface SupervisorOptions {
  /** How many worker processes to keep running. */
  processes: number;
  /** The module each child runs (node:child_process fork, with this process's execArgv) and its arguments. */
  modulePath: string;
  args: readonly string[];
  /** The children's environment (this process's by default). */
  env?: NodeJS.ProcessEnv;
  /** IMR_HTTP_PORT: child i listens on httpPort + i (0, an ephemeral port, stays 0 for all). */
  httpPort?: number | undefined;
  log: Logger;
  /** Delay before restarting a child that died after running a while; doubled per fast death in a row. */
  restartDelayMs?: number;
  /** The longest restart delay. */
  maxRestartDelayMs?: number;
  /** A child that dies sooner than this after it started died "fast". */
  minUptimeMs?: number;
  /** This many fast deaths in a row of one child: stop restarting, stop the others, exit 1. */
  maxFastDeaths?: number;
  /** After the first stop signal, children still running this much later are SIGKILLed. */
  stopTimeoutMs?: number;
}

export interface SupervisorResult {
  /** 0 when every child drained and exited 0 after a stop signal; 1 otherwise. */
  code: number;
  /** Why the supervisor gave up (one line), when it did. */
  reason?: string;
}

export interface ChildEvent {
  index: number;
  child: ChildProcess;
}

export interface ExitEvent {
  index: number;
  pid: number | undefined;
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Set when the child is restarted after this delay. */
  restartInMs?: number;
}

interface Slot {
  index: number;
  child: ChildProcess | null;
  startedAt: number;
  fastDeaths: number;
  restart: NodeJS.Timeout | null;
}

/**
 * Keeps N worker processes running against one Redis: forks them, restarts one that dies (after a
 * backoff that doubles while a child keeps dying soon after it starts, giving up after
 * `maxFastDeaths` such deaths in a row), and on SIGTERM/SIGINT forwards the signal and waits for
 * every child to drain. Children run in process groups of their own, so a terminal's Ctrl+C reaches
 * them once, through the supervisor; a child whose supervisor is gone drains by itself (see
 * `drainWhenOrphaned`). Emits `spawn` (ChildEvent) and `exit` (ExitEvent).
 */
export class WorkerSupervisor extends EventEmitter {
  readonly done: Promise<SupervisorResult>;
  private readonly slots: Slot[];
  private readonly settings: Required<Omit<SupervisorOptions, 'env' | 'httpPort'>>;
  private stopping = false;
  private stoppedAt = 0;
  private failure: string | null = null;
  private unclean = false;
  private killTimer: NodeJS.Timeout | null = null;
  private resolveDone: (result: SupervisorResult) => void = () => undefined;
  private removeSignalHandlers: () => void = () => undefined;

  constructor(private readonly options: SupervisorOptions) {
    super();
    this.settings = {
      ...options,
      restartDelayMs: options.restartDelayMs ?? 1_000,
      maxRestartDelayMs: options.maxRestartDelayMs ?? 30_000,
      minUptimeMs: options.minUptimeMs ?? 10_000,
      maxFastDeaths: options.maxFastDeaths ?? 5,
      stopTimeoutMs: options.stopTimeoutMs ?? 45_000,
    };
    this.slots = Array.from({ length: options.processes }, (_, index) => ({
      index,
      child: null,
      startedAt: 0,
      fastDeaths: 0,
      restart: null,
    }));
    this.done = new Promise((resolve) => {
      this.resolveDone = resolve;
    });
  }

  /** Forks every child and takes over SIGTERM/SIGINT of this process. */
  start(): this {
    const handler = (signal: NodeJS.Signals) => this.stop(signal);
    process.on('SIGTERM', handler);
    process.on('SIGINT', handler);
    this.removeSignalHandlers = () => {
      process.off('SIGTERM', handler);
      process.off('SIGINT', handler);
    };
    this.options.log.info(
      { processes: this.options.processes, httpPort: this.options.httpPort },
      'supervising worker processes',
    );
    for (const slot of this.slots) this.spawn(slot);
    return this;
  }

  /**
   * Stops restarting and forwards `signal` to every child (they drain, then exit). A second call
   * (a second or more later) forwards it again: children exit at once on a second signal.
   */
  stop(signal: NodeJS.Signals = 'SIGTERM'): void {
    const second = this.stopping;
    // One signal delivered twice (to the process and to its group, as `timeout` does) is not a
    // second request: only a signal a second or more after the first makes children exit at once.
    if (second && Date.now() - this.stoppedAt < 1_000) return;
    this.stopping = true;
    if (!second) {
      this.stoppedAt = Date.now();
      this.options.log.info({ signal }, 'stopping worker processes: they drain in-flight jobs');
      this.killTimer = setTimeout(() => {
        this.options.log.error(
          { stopTimeoutMs: this.settings.stopTimeoutMs },
          'worker processes did not stop in time: killing them',
        );
        this.unclean = true;
        for (const slot of this.slots) slot.child?.kill('SIGKILL');
      }, this.settings.stopTimeoutMs);
    } else {
      this.unclean = true;
    }
    for (const slot of this.slots) {
      if (slot.restart) clearTimeout(slot.restart);
      slot.restart = null;
      slot.child?.kill(signal);
    }
    this.settleIfDone();
  }

  private spawn(slot: Slot): void {
    const { httpPort } = this.options;
    const env = { ...(this.options.env ?? process.env) };
    const port = workerHttpPort(httpPort, slot.index);
    if (port !== undefined) env.IMR_HTTP_PORT = String(port);
    const child = fork(this.options.modulePath, [...this.options.args], { env, detached: true });
    slot.child = child;
    slot.startedAt = Date.now();
    let exited = false;
    const onExit = (code: number | null, signal: NodeJS.Signals | null) => {
      if (exited) return;
      exited = true;
      this.onExit(slot, child, code, signal);
    };
    child.once('exit', onExit);
    // A fork that failed (no process was made) emits only 'error'.
    child.once('error', (err) => {
      this.options.log.error({ index: slot.index, err }, 'worker process error');
      if (child.pid === undefined) onExit(null, null);
    });
    this.options.log.info(
      { index: slot.index, childPid: child.pid, httpPort: env.IMR_HTTP_PORT },
      'worker process started',
    );
    this.emit('spawn', { index: slot.index, child } satisfies ChildEvent);
  }

  private onExit(slot: Slot, child: ChildProcess, code: number | null, signal: NodeJS.Signals | null) {
    slot.child = null;
    const event: ExitEvent = { index: slot.index, pid: child.pid, code, signal };
    const { log } = this.options;
    if (this.stopping) {
      if (code !== 0) this.unclean = true;
      log.info({ index: slot.index, childPid: child.pid, code, signal }, 'worker process stopped');
      this.emit('exit', event);
      this.settleIfDone();
      return;
    }
    const uptimeMs = Date.now() - slot.startedAt;
    slot.fastDeaths = uptimeMs < this.settings.minUptimeMs ? slot.fastDeaths + 1 : 0;
    const how = signal ? `signal ${signal}` : `exit code ${code}`;
    if (slot.fastDeaths >= this.settings.maxFastDeaths) {
      this.failure =
        `worker process ${slot.index} died ${slot.fastDeaths} times in a row within ` +
        `${this.settings.minUptimeMs / 1000} s of starting (last: ${how}); giving up`;
      log.error({ index: slot.index, childPid: child.pid, code, signal }, this.failure);
      this.emit('exit', event);
      this.stop('SIGTERM');
      return;
    }
    const { restartDelayMs, maxRestartDelayMs } = this.settings;
    const delay = Math.min(maxRestartDelayMs, restartDelayMs * 2 ** Math.max(0, slot.fastDeaths - 1));
    log.warn(
      { index: slot.index, childPid: child.pid, code, signal, uptimeMs, restartInMs: delay },
      'worker process died: restarting it',
    );
    slot.restart = setTimeout(() => {
      slot.restart = null;
      if (!this.stopping) this.spawn(slot);
    }, delay);
    this.emit('exit', { ...event, restartInMs: delay });
  }

  private settleIfDone(): void {
    if (!this.stopping || this.slots.some((s) => s.child || s.restart)) return;
    if (this.killTimer) clearTimeout(this.killTimer);
    this.killTimer = null;
    this.removeSignalHandlers();
    const code = this.failure || this.unclean ? 1 : 0;
    this.options.log.info({ code }, 'worker processes stopped');
    this.resolveDone(this.failure ? { code, reason: this.failure } : { code });
  }
}

/**
 * In a forked worker process: when the supervisor goes away without stopping it (SIGKILLed, or
 * crashed), drain as on SIGTERM rather than run on unsupervised. A no-op when not forked.
 */
export function drainWhenOrphaned(): void {
  if (!process.send) return;
  process.once('disconnect', () => process.kill(process.pid, 'SIGTERM'));
}
