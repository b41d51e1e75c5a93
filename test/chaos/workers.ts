import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const IMR = fileURLToPath(new URL('../../services/cli/bin/imr.js', import.meta.url));

/** A pool of `imr worker` processes (all four stages each) that can be killed and replaced. */
export class WorkerPool {
  private readonly children = new Set<ChildProcess>();
  kills = 0;

  constructor(
    private readonly env: Record<string, string>,
    private readonly log: (line: string) => void,
  ) {}

  spawnOne(): ChildProcess {
    const child = spawn(process.execPath, [IMR, 'worker'], {
      env: { ...process.env, ...this.env, LOG_LEVEL: process.env.CHAOS_LOG_LEVEL ?? 'warn' },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    this.children.add(child);
    child.once('exit', () => this.children.delete(child));
    return child;
  }

  start(count: number): void {
    for (let i = 0; i < count; i++) this.spawnOne();
  }

  get size(): number {
    return this.children.size;
  }

  /** SIGKILLs a random worker and starts a replacement. */
  async killOne(random: () => number): Promise<void> {
    const all = [...this.children];
    const victim = all[Math.floor(random() * all.length)];
    if (!victim) return;
    const exited = new Promise((r) => victim.once('exit', r));
    victim.kill('SIGKILL');
    await exited;
    this.kills++;
    this.log(`chaos: killed worker ${victim.pid}; starting a replacement`);
    this.spawnOne();
  }

  /** SIGTERM to all (they drain), waiting for every exit. */
  async stop(): Promise<void> {
    await Promise.all(
      [...this.children].map(
        (c) =>
          new Promise<void>((resolve) => {
            c.once('exit', () => resolve());
            c.kill('SIGTERM');
          }),
      ),
    );
  }
}
