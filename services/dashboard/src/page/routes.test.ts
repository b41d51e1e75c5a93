import { readFileSync } from 'node:fs';
import { CITATION_BODIES, TREATMENT_CATEGORIES } from '@imr/contracts';
import { RedisServer } from '@imr/embedded';
import { createLogger } from '@imr/logging';
import { createRedis, PipelineQueues } from '@imr/queue';
import type { SearchIndex } from '@imr/search';
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDashboard } from '../app.ts';
import { PAGE_ASSETS, PAGE_CSP } from './routes.ts';

const ADMIN = 'admin-token-0123456789abcdef';
const READ = 'read-token-0123456789abcdef';
const read = { authorization: `Basic ${Buffer.from(`me:${READ}`).toString('base64')}` };

let redis: RedisServer;
let queues: PipelineQueues;
let app: Hono;

beforeAll(async () => {
  redis = await RedisServer.start();
  queues = new PipelineQueues({ connection: createRedis(redis.url), prefix: 'page' });
  // The page's routes never touch the index; /api/stats answers from this stand-in.
  const search = async () => ({ stats: async () => ({ letters: 0 }) }) as unknown as SearchIndex;
  app = createDashboard({
    queues,
    search,
    log: createLogger('test', { level: 'silent' }),
    tokens: { admin: ADMIN, read: READ },
  });
});

afterAll(async () => {
  await queues?.close();
  queues?.settings.connection.disconnect();
  await redis?.stop();
});

describe('the search page', () => {
  it('is HTML under a strict Content-Security-Policy: own scripts only, nothing inline, no framing', async () => {
    const res = await app.request('/', { headers: read });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=UTF-8');
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toBe(PAGE_CSP);
    const directives = new Map(csp.split(/;\s*/).map((d) => [d.split(' ')[0], d.split(' ').slice(1)]));
    expect(directives.get('default-src')).toEqual(["'none'"]);
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('style-src')).toEqual(["'self'"]);
    expect(directives.get('connect-src')).toEqual(["'self'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
    expect(csp).not.toMatch(/unsafe-|data:|https?:|\*/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
  });

  it('has no inline script, style or event handler, and loads nothing from another origin', async () => {
    const html = await (await app.request('/', { headers: read })).text();
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    expect(scripts).toEqual(['<script type="module" src="/page/app.js">']);
    expect(html).not.toMatch(/<script\b[^>]*>[^<]+<\/script>/);
    expect(html).not.toMatch(/<style\b|\sstyle=|\son[a-z]+=/i);
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
  });

  it('offers every category and guideline body of the contracts as a filter', async () => {
    const html = await (await app.request('/', { headers: read })).text();
    for (const value of [...TREATMENT_CATEGORIES, ...CITATION_BODIES]) {
      expect(html).toContain(`<option value="${value}">${value}</option>`);
    }
    expect(html).not.toContain('-options-->');
  });

  it('serves its files with their content types and the same headers; nothing else under /page', async () => {
    for (const [name, type] of Object.entries(PAGE_ASSETS)) {
      const res = await app.request(`/page/${name}`, { headers: read });
      expect(res.status, name).toBe(200);
      expect(res.headers.get('content-type'), name).toBe(type);
      expect(res.headers.get('content-security-policy'), name).toBe(PAGE_CSP);
      expect(res.headers.get('x-content-type-options'), name).toBe('nosniff');
      expect(await res.text(), name).toBe(readFileSync(new URL(`./client/${name}`, import.meta.url), 'utf8'));
    }
    for (const path of [
      '/page/routes.ts',
      '/page/index.html',
      '/page/..%2Froutes.ts',
      '/page/',
      '/page/nope.js',
    ]) {
      expect((await app.request(path, { headers: read })).status, path).toBe(404);
    }
  });

  it('every module the client imports is served (no file left out of PAGE_ASSETS)', () => {
    for (const name of Object.keys(PAGE_ASSETS).filter((n) => n.endsWith('.js'))) {
      const source = readFileSync(new URL(`./client/${name}`, import.meta.url), 'utf8');
      for (const [, imported] of source.matchAll(/from '\.\/([^']+)'/g)) {
        expect(Object.keys(PAGE_ASSETS), `${name} imports ${imported}`).toContain(imported);
      }
    }
  });

  it('the client never parses HTML: no innerHTML, outerHTML, insertAdjacentHTML, document.write or eval', () => {
    for (const name of Object.keys(PAGE_ASSETS)) {
      const source = readFileSync(new URL(`./client/${name}`, import.meta.url), 'utf8');
      expect(source, name).not.toMatch(
        /innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(|new Function/,
      );
    }
  });
});

describe('who may read what', () => {
  const get = (path: string, headers: Record<string, string> = {}) => app.request(path, { headers });

  it('without credentials: 401 with a basic-auth challenge for the page, its files, the API, /metrics and /ui', async () => {
    for (const path of ['/', '/page/app.js', '/page/style.css', '/api/stats', '/metrics', '/ui']) {
      const res = await get(path);
      expect(res.status, path).toBe(401);
      expect(res.headers.get('www-authenticate'), path).toMatch(/^Basic realm="imr-pipeline"/);
      expect(res.headers.get('content-type'), path).toMatch(/^application\/json/);
    }
  });

  it('the read token reads the page and the API, and gets 403 from Bull Board', async () => {
    expect((await get('/api/stats', read)).status).toBe(200);
    expect((await get('/api/stats', read)).headers.get('cache-control')).toBe('no-store');
    expect((await get('/ui', read)).status).toBe(403);
    expect((await get('/ui/api/queues', read)).status).toBe(403);
    // /metrics (metrics-route.ts) is the read role's, and the admin's: Prometheus scrapes with a bearer token.
    expect((await get('/metrics', read)).status).toBe(200);
    expect((await get('/metrics', { authorization: `Bearer ${READ}` })).status).toBe(200);
    expect((await get('/metrics', { authorization: `Bearer ${ADMIN}` })).status).toBe(200);
    expect((await get('/metrics', { authorization: 'Bearer not-a-token-0123456789' })).status).toBe(401);
  });

  it('the admin token also opens Bull Board, which keeps its own headers (not the page CSP)', async () => {
    const admin = { authorization: `Bearer ${ADMIN}` };
    expect((await get('/', admin)).status).toBe(200);
    const ui = await get('/ui', admin);
    expect(ui.status).toBe(200);
    expect(ui.headers.get('content-security-policy')).not.toBe(PAGE_CSP);
  });
});
