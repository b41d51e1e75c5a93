import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { accessControl, type DashboardTokens, presentedToken, requireRole, roleOf } from './auth.ts';

const ADMIN = 'admin-token-0123456789abcdef';
const READ = 'read-token-0123456789abcdef';
const both: DashboardTokens = { admin: ADMIN, read: READ };

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const basic = (user: string, token: string) => ({
  authorization: `Basic ${Buffer.from(`${user}:${token}`).toString('base64')}`,
});

/** An app behind accessControl whose every route answers 200 "ok". */
function guarded(tokens: DashboardTokens) {
  const app = new Hono();
  app.use('*', accessControl(tokens));
  app.get('*', (c) => c.text('ok'));
  app.put('*', (c) => c.text('ok'));
  return app;
}

describe('the token a request presents', () => {
  it('is the bearer token, or the basic-auth password whatever the user name', () => {
    expect(presentedToken(`Bearer ${READ}`)).toBe(READ);
    expect(presentedToken(`bearer   ${READ}`)).toBe(READ);
    expect(presentedToken(basic('anyone', ADMIN).authorization)).toBe(ADMIN);
    expect(presentedToken(basic('', ADMIN).authorization)).toBe(ADMIN);
    // A password may hold colons: only the first separates it from the user name.
    expect(presentedToken(basic('ops', 'a:b:c').authorization)).toBe('a:b:c');
  });

  it('is none without a header, with another scheme, or with basic auth that has no colon', () => {
    expect(presentedToken(undefined)).toBeNull();
    expect(presentedToken('')).toBeNull();
    expect(presentedToken('Bearer')).toBeNull();
    expect(presentedToken(`Token ${READ}`)).toBeNull();
    expect(presentedToken(`Basic ${Buffer.from(ADMIN).toString('base64')}`)).toBeNull();
  });
});

describe('roles', () => {
  it('the admin token is admin, the read token is read, anything else is nobody', () => {
    expect(roleOf(ADMIN, both)).toBe('admin');
    expect(roleOf(READ, both)).toBe('read');
    expect(roleOf(`${READ}x`, both)).toBeNull();
    expect(roleOf(READ.slice(0, -1), both)).toBeNull();
    expect(roleOf('', both)).toBeNull();
    expect(roleOf(null, both)).toBeNull();
    expect(roleOf(READ, { admin: ADMIN })).toBeNull();
  });

  it('requireRole: 401 with a basic-auth challenge without a valid token, 403 for a role too weak', async () => {
    const app = new Hono();
    app.use('/admin', requireRole('admin', both));
    app.use('/read', requireRole('read', both));
    app.get('*', (c) => c.text('ok'));
    const status = async (path: string, headers: Record<string, string> = {}) => {
      const res = await app.request(path, { headers });
      return { status: res.status, challenge: res.headers.get('www-authenticate') };
    };
    expect(await status('/read')).toEqual({ status: 401, challenge: expect.stringMatching(/^Basic realm=/) });
    expect((await status('/read', bearer('nope-0123456789abcdef'))).status).toBe(401);
    expect((await status('/read', bearer(READ))).status).toBe(200);
    expect((await status('/read', bearer(ADMIN))).status).toBe(200);
    expect((await status('/admin', bearer(ADMIN))).status).toBe(200);
    // The read token is known but not enough: 403, and no challenge (a browser would ask again).
    expect(await status('/admin', basic('ops', READ))).toEqual({ status: 403, challenge: null });
  });
});

describe('accessControl: one rule for every path', () => {
  const app = guarded(both);
  const status = async (path: string, headers: Record<string, string> = {}, method = 'GET') =>
    (await app.request(path, { headers, method })).status;

  it('leaves the probes open', async () => {
    expect(await status('/healthz')).toBe(200);
    expect(await status('/readyz')).toBe(200);
  });

  it('gives the search page, its files, the API and /metrics to the read role (and admin)', async () => {
    for (const path of [
      '/',
      '/page/app.js',
      '/api/search?q=x',
      '/api/letters/abc',
      '/api/stats',
      '/metrics',
    ]) {
      expect(await status(path), path).toBe(401);
      expect(await status(path, bearer(READ)), path).toBe(200);
      expect(await status(path, basic('x', READ)), path).toBe(200);
      expect(await status(path, bearer(ADMIN)), path).toBe(200);
    }
  });

  it('gives Bull Board, its API and its writes to the admin role only', async () => {
    for (const path of ['/ui', '/ui/', '/ui/queue/ingest', '/ui/api/queues', '/ui/static/js/main.js']) {
      expect(await status(path), path).toBe(401);
      expect(await status(path, basic('ops', READ)), path).toBe(403);
      expect(await status(path, basic('ops', ADMIN)), path).toBe(200);
    }
    const retry = '/ui/api/queues/ingest/job-1/retry/failed';
    expect(await status(retry, bearer(READ), 'PUT')).toBe(403);
    expect(await status(retry, bearer(ADMIN), 'PUT')).toBe(200);
  });

  it('guards paths that are no route too, and does not take look-alikes of the probes or /ui', async () => {
    for (const path of ['/nothing', '/healthz/x', '/healthzz', '/readyz/', '/ui2', '/uix/api']) {
      expect(await status(path), path).toBe(401);
    }
    expect(await status('/ui2', bearer(READ))).toBe(200);
  });

  it('with no token configured, lets everything through (allowed on loopback only)', async () => {
    const open = guarded({});
    for (const path of ['/', '/api/stats', '/ui', '/metrics']) {
      expect((await open.request(path)).status, path).toBe(200);
    }
  });

  it('with only the admin token, the admin token opens everything and nothing else does', async () => {
    const adminOnly = guarded({ admin: ADMIN });
    expect((await adminOnly.request('/', { headers: bearer(ADMIN) })).status).toBe(200);
    expect((await adminOnly.request('/ui', { headers: bearer(ADMIN) })).status).toBe(200);
    expect((await adminOnly.request('/', { headers: bearer(READ) })).status).toBe(401);
  });
});
