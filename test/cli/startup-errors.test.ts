import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { IMR_BIN } from '../support/cli.ts';

const main = (service: string) =>
  fileURLToPath(new URL(`../../services/${service}/src/main.ts`, import.meta.url));

/** Every way the project starts a process, as an operator would start it. */
const ENTRY_POINTS: Record<string, string[]> = {
  ingest: ['--import', 'tsx', main('ingest')],
  normalize: ['--import', 'tsx', main('normalize')],
  extract: ['--import', 'tsx', main('extract')],
  index: ['--import', 'tsx', main('index')],
  ocr: ['--import', 'tsx', main('ocr')],
  trigger: ['--import', 'tsx', main('trigger')],
  dashboard: ['--import', 'tsx', main('dashboard')],
  'imr worker': [IMR_BIN, 'worker', '--stages', 'extract'],
  'imr backfill': [IMR_BIN, 'backfill'],
  'imr replay': [IMR_BIN, 'replay', '--dry-run'],
  'imr search': [IMR_BIN, 'search', 'ketamine'],
  'imr trigger --sqs': [IMR_BIN, 'trigger', '--sqs', 'http://127.0.0.1:1/000000000000/imr-events'],
  'imr status': [IMR_BIN, 'status'],
};

function start(args: string[], env: Record<string, string>) {
  return new Promise<{ code: number | null; stderr: string }>((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      // Nothing it could reach: a process that got past its configuration would hang or fail otherwise.
      env: {
        PATH: process.env.PATH ?? '',
        REDIS_URL: 'redis://127.0.0.1:1',
        IMR_TRIGGER_TOKEN: 't'.repeat(16),
        ...env,
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, stderr }));
  });
}

describe.concurrent('a bad setting stops every entry point with one line naming the variable, exit code 2', () => {
  const cases: [string, Record<string, string>, string][] = [
    ['IMR_DASHBOARD_TOKEN', { IMR_DASHBOARD_TOKEN: 'short' }, 'use at least 16 characters'],
    ['IMR_LOCK_DURATION_MS', { IMR_LOCK_DURATION_MS: 'soon' }, 'expected number'],
    ['IMR_ARTIFACT_BUCKET', { IMR_LETTER_BUCKET: 'letters', IMR_ARTIFACT_BUCKET: 'letters' }, 'must differ'],
  ];
  // Each entry point with one of the bad settings in turn (each setting meets several of them).
  for (const [i, [name, args]] of Object.entries(ENTRY_POINTS).entries()) {
    const [variable, env, reason] = cases[i % cases.length] as (typeof cases)[number];
    it(`${name} (${variable})`, async () => {
      const { code, stderr } = await start(args, env);
      const lines = stderr.trim().split('\n');
      expect(code, stderr).toBe(2);
      expect(lines, stderr).toHaveLength(1);
      expect(lines[0]).toContain(`${variable}: `);
      expect(lines[0]).toContain(reason);
    });
  }

  it('the trigger refuses to start without a way to authenticate senders', async () => {
    const { code, stderr } = await start(ENTRY_POINTS.trigger as string[], { IMR_TRIGGER_TOKEN: '' });
    expect(code).toBe(2);
    expect(stderr.trim()).toBe(
      'imr-trigger: invalid configuration: IMR_TRIGGER_TOKEN: set it (or IMR_TRIGGER_HMAC_SECRET) to serve /events, or IMR_SQS_QUEUE_URL to poll SQS; an open endpoint is refused',
    );
  });
});
