import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { envSchema } from '@imr/config';
import { WORKER_STAGES } from '@imr/contracts';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const root = fileURLToPath(new URL('../../', import.meta.url));
const COMPOSE = join(root, 'docker-compose.yml');
const ENV_EXAMPLE = join(root, '.env.example');
/** The pipeline's own containers: every worker stage and lane, the trigger, the dashboard. */
const APPS = [...WORKER_STAGES, 'trigger', 'dashboard'];
/** Debian's docker-compose 1.29 (scripts/ensure-test-services.sh installs it). */
const DOCKER_COMPOSE = '/usr/bin/docker-compose';
const scratch = mkdtempSync(join(tmpdir(), 'imr-compose-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/**
 * `docker-compose --env-file FILE ARGS` on the project's compose file, with nothing of this
 * process's environment but PATH and HOME (a variable set here must not stand in for `.env`).
 */
function compose(envFile: string, args: string[]) {
  if (!existsSync(DOCKER_COMPOSE)) {
    throw new Error(
      `${DOCKER_COMPOSE} is missing: run scripts/ensure-test-services.sh (Debian: apt-get install docker-compose)`,
    );
  }
  return spawnSync(DOCKER_COMPOSE, ['--env-file', envFile, '--file', COMPOSE, ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' },
  });
}

/** KEY=VALUE lines of an env file, comments and blank lines left out. */
function envFile(path: string): Map<string, string> {
  const entries = readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim() && !l.trimStart().startsWith('#'))
    .map((l) => {
      const at = l.indexOf('=');
      return [l.slice(0, at), l.slice(at + 1)] as [string, string];
    });
  return new Map(entries);
}

// biome-ignore lint/suspicious/noExplicitAny: compose services as parsed
type Service = Record<string, any>;
/** Names that hold secrets, in the compose file, the services' environments and .env.example. */
const SECRET_NAME = /PASSWORD|SECRET|TOKEN/;

describe('docker-compose.yml', () => {
  it('is valid for docker-compose with .env.example as its env file (`config -q`)', () => {
    const run = compose(ENV_EXAMPLE, ['config', '-q']);
    expect(run.error).toBeUndefined();
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });

  it('refuses to start without a secret of .env, naming it, rather than fall back to a default', () => {
    const values = envFile(ENV_EXAMPLE);
    for (const name of ['IMR_TRIGGER_TOKEN', 'POSTGRES_PASSWORD', 'IMR_DASHBOARD_TOKEN']) {
      const partial = join(scratch, `without-${name}.env`);
      writeFileSync(
        partial,
        [...values]
          .filter(([k]) => k !== name)
          .map(([k, v]) => `${k}=${v}\n`)
          .join(''),
      );
      const run = compose(partial, ['config', '-q']);
      expect(run.status, name).not.toBe(0);
      expect(run.stderr, name).toContain(name);
    }
  });

  const resolved = (): Record<string, Service> => {
    const run = compose(ENV_EXAMPLE, ['config']);
    expect(run.status, run.stderr).toBe(0);
    return parse(run.stdout).services;
  };

  it('gives every long-running service a health check, and starts each after what it needs is healthy', () => {
    const services = resolved();
    expect(Object.keys(services).sort()).toEqual(
      [...WORKER_STAGES, 'dashboard', 'minio', 'minio-setup', 'postgres', 'redis', 'trigger'].sort(),
    );
    // One-shot jobs (restart "no") are waited on until they exit 0, and need no health check.
    const oneShot = new Set(
      Object.entries(services)
        .filter(([, s]) => s.restart === 'no')
        .map(([name]) => name),
    );
    expect([...oneShot]).toEqual(['minio-setup']);
    for (const [name, s] of Object.entries(services)) {
      if (!oneShot.has(name)) {
        expect(s.healthcheck?.test, `${name}: healthcheck`).toBeTruthy();
        expect(s.healthcheck?.disable, name).toBeFalsy();
        expect(s.restart, `${name}: restart`).toBe('unless-stopped');
      }
      for (const [dep, { condition }] of Object.entries(s.depends_on ?? {}) as [
        string,
        { condition: string },
      ][]) {
        expect(condition, `${name} -> ${dep}`).toBe(
          oneShot.has(dep) ? 'service_completed_successfully' : 'service_healthy',
        );
      }
    }
    for (const app of APPS) {
      expect(Object.keys(services[app]?.depends_on ?? {}), app).toEqual(
        expect.arrayContaining(['redis', 'postgres']),
      );
    }
    for (const stage of [...WORKER_STAGES, 'trigger']) {
      expect(Object.keys(services[stage]?.depends_on ?? {}), stage).toEqual(
        expect.arrayContaining(['minio', 'minio-setup']),
      );
    }
  });

  it('keeps Redis durable and never evicting; publishes ports on 127.0.0.1 only, the dashboard on 3000', () => {
    const services = resolved();
    const redis = [services.redis?.command].flat().join(' ');
    expect(redis).toMatch(/--appendonly yes/);
    expect(redis).toMatch(/--maxmemory-policy noeviction/);
    for (const [name, s] of Object.entries(services)) {
      for (const port of s.ports ?? []) {
        const text =
          typeof port === 'string' ? port : `${port.host_ip ?? ''}:${port.published}:${port.target}`;
        expect(text, `${name}: ${text}`).toMatch(/^127\.0\.0\.1:/);
      }
    }
    expect(services.dashboard?.ports).toEqual(['127.0.0.1:3000:3000/tcp']);
  });

  it('runs the app containers with what the configuration knows, its drain deadline inside their stop grace', () => {
    const services = resolved();
    const known = new Set(Object.keys(envSchema.shape));
    for (const app of APPS) {
      const s = services[app] as Service;
      expect(
        Object.keys(s.environment).filter((k) => !known.has(k)),
        app,
      ).toEqual([]);
      const grace = Number(/^(\d+)s$/.exec(s.stop_grace_period)?.[1]);
      expect(grace * 1000, `${app}: stop_grace_period`).toBeGreaterThan(
        Number(s.environment.IMR_DRAIN_TIMEOUT_MS),
      );
      expect(s).toMatchObject({ read_only: true, cap_drop: ['ALL'] });
    }
    expect(services.dashboard?.environment.IMR_DASHBOARD_TOKEN).toBeTruthy();
  });

  it('holds no secret value: every secret comes from .env, and .env.example holds only placeholders', () => {
    const raw = parse(readFileSync(COMPOSE, 'utf8'), { merge: true });
    const secretValues: string[] = [];
    for (const [name, s] of Object.entries(raw.services as Record<string, Service>)) {
      for (const [key, value] of Object.entries((s.environment ?? {}) as Record<string, string>)) {
        const text = String(value);
        // A secret is an interpolation of .env without a default, or a URL whose credentials are.
        if (SECRET_NAME.test(key)) {
          if (key === 'IMR_DASHBOARD_READ_TOKEN') expect(text, `${name}.${key}`).toBe(`$\{${key}:-}`);
          else expect(text, `${name}.${key}`).toMatch(/^\$\{[A-Z0-9_]+:\?[^}]*\}$/);
        }
        if (/^[a-z]+:\/\/[^/]*@/.test(text)) {
          expect(text, `${name}.${key}`).toMatch(/^[a-z]+:\/\/[a-z]*:\$\{[A-Z0-9_]+:\?[^}]*\}@/);
        }
        if (SECRET_NAME.test(key)) secretValues.push(text);
      }
    }
    expect(secretValues.length).toBeGreaterThan(0);
    // No literal secret anywhere in the file (commands and health checks included).
    expect(readFileSync(COMPOSE, 'utf8')).not.toMatch(
      /minioadmin|change-me|(password|token)\s*[:=]\s*[A-Za-z0-9]{8,}/i,
    );

    const example = envFile(ENV_EXAMPLE);
    const secrets = [...example.keys()].filter((k) => SECRET_NAME.test(k));
    expect(secrets.length).toBeGreaterThan(0);
    for (const key of secrets) expect(example.get(key), `.env.example ${key}`).toBe('change-me');
    // Every variable the compose file takes from .env is documented in .env.example.
    const used = new Set(
      [...readFileSync(COMPOSE, 'utf8').matchAll(/\$\{([A-Z0-9_]+)[:?-]/g)].map((m) => m[1]),
    );
    used.delete('LOG_LEVEL');
    expect([...used].filter((v) => !example.has(v as string))).toEqual([]);
    // .env itself is never committed.
    expect(readFileSync(join(root, '.gitignore'), 'utf8')).toMatch(/^\.env$/m);
    expect(readFileSync(join(root, '.dockerignore'), 'utf8')).toMatch(/^\.env$/m);
  });
});
