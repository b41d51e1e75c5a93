import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

export interface Announcement {
  event: string;
  jobId: string;
  pid: number;
}

/**
 * A Node child process whose stdout is JSON lines (announcements, pino logs), collected as they
 * come so a test waits on what the process says rather than on time. Lines that are no JSON are
 * skipped; stderr is kept when `captureStderr` is set, else inherited.
 */
export class JsonLinesProcess<T extends object> {
  readonly child: ChildProcess;
  readonly lines: T[] = [];
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Resolves when nothing writes to the stdout any more (the process and any children it shares it with). */
  readonly outputClosed: Promise<void>;
  stderr = '';
  private waiters: Array<{ match: (l: T) => boolean; resolve: (l: T) => void }> = [];

  constructor(args: string[], env: Record<string, string>, options: { captureStderr?: boolean } = {}) {
    this.child = spawn(process.execPath, args, {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', options.captureStderr ? 'pipe' : 'inherit'],
    });
    this.child.stderr?.on('data', (d) => {
      this.stderr += d;
    });
    this.exited = new Promise((resolve) =>
      this.child.once('exit', (code, signal) => resolve({ code, signal })),
    );
    const lines = createInterface({ input: this.child.stdout as NodeJS.ReadableStream });
    this.outputClosed = new Promise((resolve) => lines.once('close', () => resolve()));
    lines.on('line', (text) => {
      let line: T;
      try {
        line = JSON.parse(text);
      } catch {
        return;
      }
      this.lines.push(line);
      this.waiters = this.waiters.filter((w) => {
        if (!w.match(line)) return true;
        w.resolve(line);
        return false;
      });
    });
  }

  get pid(): number {
    return this.child.pid as number;
  }

  /** The first line matching (already written or to come); rejects, naming `what`, when the output ends first. */
  waitFor(what: string, match: (l: T) => boolean): Promise<T> {
    const seen = this.lines.find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      this.waiters.push({ match, resolve });
      void this.outputClosed.then(() =>
        reject(
          new Error(
            `output ended before "${what}"${this.stderr ? `; stderr: ${this.stderr.slice(-2000)}` : ''}`,
          ),
        ),
      );
    });
  }

  kill(signal: NodeJS.Signals): void {
    this.child.kill(signal);
  }
}

/** A child process running a TypeScript fixture, whose stdout lines are JSON announcements. */
export class FixtureProcess extends JsonLinesProcess<Announcement> {
  constructor(script: string, env: Record<string, string>) {
    super(['--import', 'tsx', script], env);
  }

  get seen(): Announcement[] {
    return this.lines;
  }

  /** Resolves on the first announcement matching (already seen or to come). */
  announced(event: string, jobId?: string): Promise<Announcement> {
    return this.waitFor(
      `${event}${jobId ? ` ${jobId}` : ''}`,
      (a) => a.event === event && (jobId === undefined || a.jobId === jobId),
    );
  }
}
