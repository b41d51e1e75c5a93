import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '@imr/logging';
import { afterAll, describe, expect, it } from 'vitest';
import { type ChildEvent, type ExitEvent, WorkerSupervisor } from './worker-supervisor.ts';

const dir = mkdtempSync(join(tmpdir(), 'imr-supervisor-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A child script: plain JavaScript, so the fork needs no loader. */
function script(name: string, body: string): string {
  const path = join(dir, name);
  writeFileSync(path, body);
  return path;
}

const log = createLogger('test', { level: 'silent' });

describe('WorkerSupervisor', () => {
  it('gives up, with one line saying why and exit code 1, when a child keeps dying as it starts', async () => {
    const crash = script('crash.mjs', 'process.exit(3);\n');
    const supervisor = new WorkerSupervisor({
      processes: 2,
      modulePath: crash,
      args: [],
      log,
      restartDelayMs: 5,
      minUptimeMs: 60_000,
      maxFastDeaths: 3,
    });
    const spawned: number[] = [];
    const exits: ExitEvent[] = [];
    supervisor.on('spawn', ({ index }: ChildEvent) => spawned.push(index));
    supervisor.on('exit', (e: ExitEvent) => exits.push(e));
    const result = await supervisor.start().done;
    expect(result.code).toBe(1);
    expect(result.reason).toMatch(
      /^worker process [01] died 3 times in a row within 60 s of starting \(last: exit code 3\); giving up$/,
    );
    // Restarted with a backoff until the third death of one of them, then no more.
    const failed = Number(result.reason?.split(' ')[2]);
    expect(spawned.filter((i) => i === failed)).toHaveLength(3);
    expect(exits.filter((e) => e.index === failed).map((e) => e.restartInMs)).toEqual([5, 10, undefined]);
  });

  it('gives child i IMR_HTTP_PORT + i, and stops every child on stop() with exit code 0 when they drain', async () => {
    const echo = script(
      'echo.mjs',
      `process.on('SIGTERM', () => process.exit(0));
       process.send({ port: process.env.IMR_HTTP_PORT ?? null });
       setInterval(() => {}, 1000);\n`,
    );
    const supervisor = new WorkerSupervisor({
      processes: 3,
      modulePath: echo,
      args: [],
      log,
      httpPort: 9464,
    });
    const ports = new Map<number, unknown>();
    const allReported = new Promise<void>((resolve) =>
      supervisor.on('spawn', ({ index, child }: ChildEvent) =>
        child.once('message', (m: { port: unknown }) => {
          ports.set(index, m.port);
          if (ports.size === 3) resolve();
        }),
      ),
    );
    supervisor.start();
    await allReported;
    expect([...ports.entries()].sort()).toEqual([
      [0, '9464'],
      [1, '9465'],
      [2, '9466'],
    ]);
    supervisor.stop('SIGTERM');
    expect(await supervisor.done).toEqual({ code: 0 });
  });

  it('exits 1 when a child does not exit 0 after the stop signal', async () => {
    const stubborn = script(
      'stubborn.mjs',
      `process.on('SIGTERM', () => process.exit(1));
       process.send('up');
       setInterval(() => {}, 1000);\n`,
    );
    const supervisor = new WorkerSupervisor({ processes: 1, modulePath: stubborn, args: [], log });
    const up = new Promise((resolve) =>
      supervisor.on('spawn', ({ child }: ChildEvent) => child.once('message', resolve)),
    );
    supervisor.start();
    await up;
    supervisor.stop('SIGTERM');
    expect(await supervisor.done).toEqual({ code: 1 });
  });
});
