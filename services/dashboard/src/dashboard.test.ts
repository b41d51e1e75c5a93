import { QUEUE_NAMES } from '@imr/contracts';
import { RedisServer } from '@imr/embedded';
import { createLogger } from '@imr/logging';
import { createRedis, PipelineQueues } from '@imr/queue';
import { openTestIndex, seedDeterminations } from '@imr/search/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDashboard } from './app.ts';
import { listen } from './serve.ts';

let redis: RedisServer;
let queues: PipelineQueues;
let index: Awaited<ReturnType<typeof openTestIndex>>;
let server: Awaited<ReturnType<typeof listen>>;
const ids = new Map<string, string>();

beforeAll(async () => {
  redis = await RedisServer.start();
  const connection = createRedis(redis.url);
  queues = new PipelineQueues({ connection, prefix: 'dash' });
  index = await openTestIndex('pglite');
  for (const seed of seedDeterminations()) {
    ids.set(seed.name, seed.determination.letterId as string);
    await index.index.upsertLetter(seed.determination, { bucket: 'b', key: `${seed.name}.txt` });
  }
  const log = createLogger('test', { level: 'silent' });
  server = await listen(createDashboard({ queues, search: async () => index.index, log }), 0, '127.0.0.1');
});

afterAll(async () => {
  await server?.close();
  await queues?.close();
  queues?.settings.connection.disconnect();
  await index?.dispose();
  await redis?.stop();
});

const get = async (path: string) => {
  const res = await fetch(`${server.url}${path}`);
  return {
    status: res.status,
    // biome-ignore lint/suspicious/noExplicitAny: response bodies are checked field by field
    body: (res.headers.get('content-type')?.includes('json') ? await res.json() : await res.text()) as any,
  };
};

describe('dashboard HTTP API', () => {
  it('searches with websearch syntax and returns the two letters that dispute ketamine', async () => {
    const { status, body } = await get('/api/search?q=ketamine');
    expect(status).toBe(200);
    const letters = new Set(body.hits.map((h: { letterId: string }) => h.letterId));
    expect(letters).toEqual(new Set([ids.get('000_a594974daae5dff3'), ids.get('002_f82ec10896ee3b83')]));
    expect(body.facets.outcome).toBeTypeOf('object');
  });

  it('filters by outcome and category (repeated parameters allowed)', async () => {
    const { body } = await get('/api/search?outcome=overturned&category=physical-therapy&category=massage');
    expect(body.hits.map((h: { item: string }) => h.item)).toEqual([
      'Chronic pain physical therapy evaluation and six visits of treatment',
    ]);
  });

  it('answers injection attempts with a 400 code or an empty page, never a server error', async () => {
    const attempts = [
      "/api/search?q=x'); DROP TABLE letters; --",
      '/api/search?outcome=upheld%27%20OR%201=1--',
      '/api/search?limit=1;DELETE',
      '/api/search?cursor=%27%20OR%20%271%27=%271',
      '/api/search?licensure=CA%27--',
      '/api/search?injuryFrom=2013-01-01%27',
      '/api/stats?category=x%27%20OR%201=1',
      '/api/letters/%27%20OR%201=1',
    ];
    for (const path of attempts) {
      const { status, body } = await get(path);
      expect([200, 400], path).toContain(status);
      if (status === 400) expect(body.error.code, path).toMatch(/^invalid_/);
      else expect(body.hits, path).toEqual([]);
    }
    expect((await get('/api/search?q=ketamine')).body.hits.length).toBeGreaterThan(0);
  });

  it('serves a letter by id, 404 for an unknown one, and stats', async () => {
    const id = ids.get('003_bb4913a5b984f6c8') as string;
    const letter = await get(`/api/letters/${id}`);
    expect(letter.status).toBe(200);
    expect(letter.body.sources).toEqual([{ bucket: 'b', key: '003_bb4913a5b984f6c8.txt', etag: null }]);
    expect((await get(`/api/letters/${'f'.repeat(64)}`)).status).toBe(404);
    const stats = await get('/api/stats');
    expect(stats.body.letters).toBe(5);
    expect(stats.body.totals.overturned).toBe(1);
  });

  it('serves Bull Board and a health check', async () => {
    const ui = await get('/ui');
    expect(ui.status).toBe(200);
    expect(String(ui.body)).toContain('<html');
    const queuesApi = await get('/ui/api/queues');
    expect(queuesApi.status).toBe(200);
    expect(queuesApi.body.queues.map((q: { name: string }) => q.name).sort()).toEqual(
      [...QUEUE_NAMES].sort(),
    );
    expect(await get('/healthz')).toEqual({ status: 200, body: { ok: true } });
  });
});

describe('dashboard with tokens', () => {
  it('refuses / , /api and /ui without a token, accepts bearer and basic auth, keeps /healthz and /readyz open', async () => {
    const log = createLogger('test', { level: 'silent' });
    const tokens = { admin: 'a-dashboard-token-0123456789', read: 'a-read-only-token-0123456789' };
    let ready = true;
    const readiness = async () => ({
      ready,
      s3: { ok: ready, code: ready ? undefined : 'storage_unavailable' },
    });
    const guarded = await listen(
      createDashboard({ queues, search: async () => index.index, log, tokens, readiness }),
      0,
      '127.0.0.1',
    );
    try {
      const status = async (path: string, headers: Record<string, string> = {}) =>
        (await fetch(`${guarded.url}${path}`, { headers })).status;
      const basic = (token: string) => `Basic ${Buffer.from(`ops:${token}`).toString('base64')}`;
      for (const path of ['/', '/api/stats', '/ui', '/ui/api/queues'])
        expect(await status(path), path).toBe(401);
      expect(await status('/api/stats', { authorization: 'Bearer wrong-token-0123456789' })).toBe(401);
      expect(await status('/api/stats', { authorization: `Bearer ${tokens.admin}` })).toBe(200);
      expect(await status('/api/stats', { authorization: `Bearer ${tokens.read}` })).toBe(200);
      expect(await status('/', { authorization: basic(tokens.read) })).toBe(200);
      expect(await status('/ui', { authorization: basic(tokens.admin) })).toBe(200);
      expect(await status('/ui', { authorization: basic(tokens.read) })).toBe(403);
      expect(await status('/ui/api/queues', { authorization: `Bearer ${tokens.read}` })).toBe(403);
      expect(await status('/healthz')).toBe(200);
      // Readiness is for probes too: open, and 503 with what is not ready.
      expect(await status('/readyz')).toBe(200);
      ready = false;
      const notReady = await fetch(`${guarded.url}/readyz`);
      expect(notReady.status).toBe(503);
      expect(await notReady.json()).toMatchObject({ ready: false, s3: { code: 'storage_unavailable' } });
    } finally {
      await guarded.close();
    }
  });
});

describe('Bull Board against cross-site requests', () => {
  const send = (path: string, method: string, headers: Record<string, string> = {}, body?: string) =>
    fetch(`${server.url}${path}`, { method, headers, ...(body === undefined ? {} : { body }) });
  const waiting = async () => (await queues.queue('ingest').getJobCounts('waiting')).waiting;

  it('refuses a form-like post that would add a job (the adapter reads any body as JSON)', async () => {
    const before = await waiting();
    const body = JSON.stringify({ name: 'ingest', data: { source: { bucket: 'x', key: 'y' } } });
    for (const type of [
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
    ]) {
      const res = await send('/ui/api/queues/ingest/add', 'POST', { 'content-type': type }, body);
      expect(res.status, type).toBe(403);
    }
    expect(await waiting()).toBe(before);
  });

  it('refuses state changes another site asks for, and writes operators never need', async () => {
    const retry = '/ui/api/queues/extract/retry/failed';
    expect((await send(retry, 'PUT', { origin: 'https://evil.example' })).status).toBe(403);
    expect((await send(retry, 'PUT', { 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    const own = new URL(server.url).origin;
    expect((await send(retry, 'PUT', { origin: own, 'sec-fetch-site': 'same-origin' })).status).toBe(200);
    const json = { origin: own, 'content-type': 'application/json' };
    const add = JSON.stringify({ name: 'ingest', data: {} });
    expect((await send('/ui/api/queues/ingest/add', 'POST', json, add)).status).toBe(403);
    expect((await send('/ui/api/queues/ingest/some-job/update-data', 'PATCH', json, '{}')).status).toBe(403);
    expect((await send('/ui/api/queues/ingest/obliterate', 'PUT', { origin: own })).status).toBe(403);
  });

  it('shows dead letters read-only', async () => {
    const res = await send('/ui/api/queues/dead-letter/clean/waiting', 'PUT', {
      origin: new URL(server.url).origin,
    });
    expect(res.status).toBe(405);
  });
});
