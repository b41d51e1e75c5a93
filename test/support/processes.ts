import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

export interface Announcement {
  event: string;
  jobId: string;
  pid: number;
}

/** A child process running a TypeScript fixture, whose stdout lines are JSON announcements. */
export class FixtureProcess {
  readonly child: ChildProcess;
  readonly seen: Announcement[] = [];
  private waiters: Array<{ match: (a: Announcement) => boolean; resolve: (a: Announcement) => void }> = [];
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  constructor(script: string, env: Record<string, string>) {
    this.child = spawn(process.execPath, ['--import', 'tsx', script], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    this.exited = new Promise((resolve) =>
      this.child.once('exit', (code, signal) => resolve({ code, signal })),
    );
    createInterface({ input: this.child.stdout as NodeJS.ReadableStream }).on('line', (line) => {
      let a: Announcement;
      try {
        a = JSON.parse(line);
      } catch {
        return;
      }
      this.seen.push(a);
      this.waiters = this.waiters.filter((w) => {
        if (!w.match(a)) return true;
        w.resolve(a);
        return false;
      });
    });
  }

  /** Resolves on the first announcement matching (already seen or to come). */
  announced(event: string, jobId?: string): Promise<Announcement> {
    const match = (a: Announcement) => a.event === event && (jobId === undefined || a.jobId === jobId);
    const seen = this.seen.find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      this.waiters.push({ match, resolve });
      void this.exited.then(({ code, signal }) =>
        reject(new Error(`fixture exited (${code ?? signal}) before announcing ${event}`)),
      );
    });
  }

  kill(signal: NodeJS.Signals): void {
    this.child.kill(signal);
  }
}
