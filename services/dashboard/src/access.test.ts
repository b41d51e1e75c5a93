import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { ConfigError } from '@imr/config';
import { describe, expect, it } from 'vitest';
import { dashboardTokens, isLoopback } from './access.ts';

const ADMIN = 'admin-token-0123456789abcdef';
const READ = 'read-token-0123456789abcdef';

describe('loopback addresses', () => {
  it('are 127.0.0.0/8, ::1 and localhost; 0.0.0.0, :: and other addresses are not', () => {
    for (const host of [
      '127.0.0.1',
      '127.1.2.3',
      '::1',
      '[::1]',
      'localhost',
      'LOCALHOST',
      '::ffff:127.0.0.1',
    ]) {
      expect(isLoopback(host), host).toBe(true);
    }
    for (const host of [
      '0.0.0.0',
      '::',
      '10.0.0.5',
      '192.168.1.1',
      'example.com',
      '128.0.0.1',
      '',
      '127.0.0.1.nip.io',
    ]) {
      expect(isLoopback(host), host).toBe(false);
    }
  });
});

describe('start-up check of the dashboard tokens', () => {
  const config = (HOST: string, admin?: string, read?: string) => ({
    HOST,
    IMR_DASHBOARD_TOKEN: admin,
    IMR_DASHBOARD_READ_TOKEN: read,
  });

  it('refuses a non-loopback address without IMR_DASHBOARD_TOKEN, naming it', () => {
    for (const host of ['0.0.0.0', '::', '10.1.2.3']) {
      const attempt = () => dashboardTokens(config(host));
      expect(attempt, host).toThrow(ConfigError);
      expect(attempt, host).toThrow(/IMR_DASHBOARD_TOKEN: required when the dashboard listens on/);
    }
    // A read token alone protects nothing on an open address either.
    expect(() => dashboardTokens(config('0.0.0.0', undefined, READ))).toThrow(
      /^invalid configuration: IMR_DASHBOARD_TOKEN: /,
    );
  });

  it('allows loopback without a token (open), and any address with one', () => {
    expect(dashboardTokens(config('127.0.0.1'))).toEqual({});
    expect(dashboardTokens(config('0.0.0.0', ADMIN))).toEqual({ admin: ADMIN });
    expect(dashboardTokens(config('0.0.0.0', ADMIN, READ))).toEqual({ admin: ADMIN, read: READ });
  });

  it('refuses a read token without an admin token (Bull Board would be open), and one token for both roles', () => {
    expect(() => dashboardTokens(config('127.0.0.1', undefined, READ))).toThrow(
      /IMR_DASHBOARD_TOKEN: required when IMR_DASHBOARD_READ_TOKEN is set/,
    );
    expect(() => dashboardTokens(config('127.0.0.1', ADMIN, ADMIN))).toThrow(
      /IMR_DASHBOARD_READ_TOKEN: must differ from IMR_DASHBOARD_TOKEN/,
    );
  });
});

/** Starts the dashboard as an operator would, with only `env` (and nothing it could reach). */
function startDashboard(env: Record<string, string>) {
  const main = fileURLToPath(new URL('./main.ts', import.meta.url));
  return new Promise<{ code: number | null; stderr: string }>((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', main], {
      env: { PATH: process.env.PATH ?? '', REDIS_URL: 'redis://127.0.0.1:1', PORT: '0', ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
      // A dashboard that wrongly starts would serve until killed: it is, and the test fails on its code.
      timeout: 15_000,
      killSignal: 'SIGKILL',
    });
    let stderr = '';
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, stderr }));
  });
}

describe('the dashboard process', () => {
  it('refuses to start on the default address (0.0.0.0) without IMR_DASHBOARD_TOKEN: one line, exit 2', async () => {
    const { code, stderr } = await startDashboard({});
    expect(code, stderr).toBe(2);
    const lines = stderr.trim().split('\n');
    expect(lines, stderr).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^imr-dashboard: invalid configuration: IMR_DASHBOARD_TOKEN: required when the dashboard listens on 0\.0\.0\.0/,
    );
  });

  it('listens on HOST (here 127.0.0.2) with the tokens applied', async () => {
    const main = fileURLToPath(new URL('./main.ts', import.meta.url));
    const child = spawn(process.execPath, ['--import', 'tsx', main], {
      env: {
        PATH: process.env.PATH ?? '',
        REDIS_URL: 'redis://127.0.0.1:1',
        PORT: '0',
        HOST: '127.0.0.2',
        LOG_LEVEL: 'info',
        IMR_DASHBOARD_TOKEN: ADMIN,
        IMR_DASHBOARD_READ_TOKEN: READ,
      },
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    const exited = new Promise<never>((_, reject) =>
      child.once('exit', (code) => reject(new Error(`dashboard exited with ${code}`))),
    );
    try {
      const listening = new Promise<{ url: string; roles: string[] }>((resolve) => {
        createInterface({ input: child.stdout }).on('line', (line) => {
          if (!line.includes('dashboard listening')) return;
          resolve(JSON.parse(line) as { url: string; roles: string[] });
        });
      });
      const { url, roles } = await Promise.race([listening, exited]);
      expect(new URL(url).hostname).toBe('127.0.0.2');
      expect(roles.sort()).toEqual(['admin', 'read']);
      expect((await fetch(`${url}/api/stats`)).status).toBe(401);
      expect((await fetch(`${url}/ui`, { headers: { authorization: `Bearer ${READ}` } })).status).toBe(403);
    } finally {
      child.kill('SIGKILL');
    }
  });

  it('refuses a read token alone on loopback too', async () => {
    const { code, stderr } = await startDashboard({ HOST: '127.0.0.1', IMR_DASHBOARD_READ_TOKEN: READ });
    expect(code, stderr).toBe(2);
    expect(stderr.trim().split('\n')).toEqual([
      expect.stringContaining('IMR_DASHBOARD_TOKEN: required when IMR_DASHBOARD_READ_TOKEN'),
    ]);
  });
});
