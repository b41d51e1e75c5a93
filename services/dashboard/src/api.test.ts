import { connect } from 'node:net';
import { CITATION_BODIES, OUTCOMES, TREATMENT_CATEGORIES } from '@imr/contracts';
import { RedisServer } from '@imr/embedded';
import { createLogger } from '@imr/logging';
import { createRedis, PipelineQueues } from '@imr/queue';
import { openTestIndex, seedDeterminations } from '@imr/search/testing';
import fc from 'fast-check';
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDashboard } from './app.ts';
import { SEARCH_PARAMS } from './query-params.ts';
import { listen } from './serve.ts';

let redis: RedisServer;
let queues: PipelineQueues;
let index: Awaited<ReturnType<typeof openTestIndex>>;
let app: Hono;
const letterIds: string[] = [];
/** Cursors the API handed out: one from a ranked search, one from a listing. */
const cursors: { ranked: string; listed: string } = { ranked: '', listed: '' };

beforeAll(async () => {
  [redis, index] = await Promise.all([RedisServer.start(), openTestIndex('postgres')]);
  queues = new PipelineQueues({ connection: createRedis(redis.url), prefix: 'dash-props' });
  for (const seed of seedDeterminations()) {
    letterIds.push(seed.determination.letterId as string);
    await index.index.upsertLetter(seed.determination, { bucket: 'b', key: `${seed.name}.txt` });
  }
  app = createDashboard({
    queues,
    search: async () => index.index,
    log: createLogger('test', { level: 'silent' }),
  });
  const nextCursor = async (path: string) =>
    ((await (await app.request(path)).json()) as { nextCursor: string }).nextCursor;
  cursors.ranked = await nextCursor('/api/search?q=treatment&limit=1');
  cursors.listed = await nextCursor('/api/search?limit=1');
});

afterAll(async () => {
  await queues?.close();
  queues?.settings.connection.disconnect();
  await index?.dispose();
  await redis?.stop();
});

const DATES = ['injuryFrom', 'injuryTo', 'decisionFrom', 'decisionTo'] as const;
const codePoint = fc
  .integer({ min: 0, max: 0x10ffff - 0x800 })
  .map((c) => String.fromCodePoint(c >= 0xd800 ? c + 0x800 : c));
/** Pieces of a raw query string that URL decoding does not like, or turns into something else. */
const rawPiece = fc.constantFrom(
  '%',
  '%zz',
  '%0',
  '%00',
  '%ED%A0%80',
  '%C0%AF',
  '%FF',
  '+',
  '%2B',
  '&',
  '=',
  '%26',
);

const text = fc.oneof(
  fc.string(),
  fc.string({ unit: codePoint }),
  fc.string({
    unit: fc.constantFrom('-', ' ', '"', '(', ')', 'or', 'a', '!', '&', '|', ':*', '\\', '\u0000'),
  }),
  fc.integer({ min: 0, max: 1200 }).map((n) => 'é'.repeat(n)),
  fc.constantFrom(
    '\u0000',
    'a\u0000b',
    '\u0001\u007f\u2028',
    '🩺'.repeat(260),
    'x'.repeat(501),
    'x'.repeat(500),
  ),
);
const date = fc.oneof(
  fc
    .date({ min: new Date('0001-01-01'), max: new Date('9999-12-31'), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10)),
  fc.constantFrom(
    '2020-02-30',
    '0999-12-31',
    '1000-01-01',
    '9999-12-31',
    '2020-1-1',
    '2020-01-01T00:00:00Z',
    '',
  ),
  fc.string({ maxLength: 12 }),
);
/** A cursor handed out by the API, with any of its fields replaced. */
type CursorKind = 'ranked' | 'listed';
/** A cursor handed out by the API, with one of its fields (its sort value, mostly) replaced. */
const tamperedCursorOf = (kinds: CursorKind[]) =>
  fc
    .tuple(
      fc.constantFrom(...kinds),
      fc.oneof({ weight: 3, arbitrary: fc.constant(3) }, fc.integer({ min: 0, max: 5 })),
      fc.oneof(
        fc.double().map(String),
        fc.constantFrom(
          '1e39',
          '-1e39',
          '1e-50',
          '3.5e38',
          '1'.repeat(40),
          '0',
          'NaN',
          '9999-12-31',
          '0001-01-01',
        ),
        fc.jsonValue(),
      ),
    )
    .map(([which, field, value]) => {
      const tuple = JSON.parse(Buffer.from(cursors[which], 'base64url').toString('utf8')) as unknown[];
      tuple[field] = value;
      return Buffer.from(JSON.stringify(tuple)).toString('base64url');
    });
const tamperedCursor = tamperedCursorOf(['ranked', 'listed']);
const cursor = fc.oneof(
  tamperedCursor,
  fc.constantFrom('ranked', 'listed').map((which) => cursors[which as 'ranked' | 'listed']),
  fc.base64String().map((s) => s.replace(/=+$/, '')),
  fc.jsonValue().map((v) => Buffer.from(JSON.stringify(v) ?? '').toString('base64url')),
  text,
);
const valueFor: Record<string, fc.Arbitrary<string>> = {
  q: text,
  limit: fc.oneof(
    fc.integer({ min: -5, max: 150 }).map(String),
    fc.constantFrom('1e2', '0x10', ' 5', '5.5', '', 'NaN', 'Infinity', '1e400', '-0', '100', '101', '１０'),
    fc.string({ maxLength: 6 }),
  ),
  cursor,
  outcome: fc.oneof(fc.constantFrom(...OUTCOMES), text),
  category: fc.oneof(fc.constantFrom(...TREATMENT_CATEGORIES), text),
  citationBody: fc.oneof(fc.constantFrom(...CITATION_BODIES), fc.constantFrom('mtus', 'Odg'), text),
  reviewerSpecialty: fc.oneof(fc.constantFrom('Internal Medicine', 'pain medicine', '  '), text),
  licensure: fc.oneof(fc.constantFrom('CA', 'ny', 'C', 'CAL', 'İa'), text),
  ...Object.fromEntries(DATES.map((d) => [d, date])),
};
const name = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...SEARCH_PARAMS) },
  {
    weight: 1,
    arbitrary: fc.constantFrom('Q', 'q[]', '__proto__', 'constructor', '', 'limit ', 'x', '\u0000'),
  },
);
/** One parameter, or one parameter repeated (past the 20 values a filter takes, sometimes). */
const param = name.chain((n) => {
  const value = Object.hasOwn(valueFor, n) ? (valueFor[n] as fc.Arbitrary<string>) : text;
  return fc.oneof(
    { weight: 5, arbitrary: value.map((v) => [[n, v]] as [string, string][]) },
    {
      weight: 1,
      arbitrary: fc
        .array(value, { minLength: 2, maxLength: 25 })
        .map((vs) => vs.map((v) => [n, v] as [string, string])),
    },
  );
});
/** A query string: encoded parameters, with raw pieces URL decoding has to cope with now and then. */
const queryString = fc
  .tuple(fc.array(param, { maxLength: 6 }), fc.array(fc.tuple(fc.nat(), rawPiece), { maxLength: 3 }))
  .map(([params, raw]) => {
    const parts = params.flat().map(([n, v]) => `${encodeURIComponent(n)}=${encodeURIComponent(v)}`);
    for (const [at, piece] of raw) {
      const i = at % (parts.length + 1);
      parts[i] = `${parts[i] ?? 'q='}${piece}`;
    }
    return parts.join('&');
  });

// biome-ignore lint/suspicious/noExplicitAny: response bodies are checked field by field
async function get(path: string): Promise<{ status: number; body: any; text: string }> {
  const res = await app.request(path);
  const text = await res.text();
  expect(res.headers.get('content-type'), path).toMatch(/^application\/json/);
  return { status: res.status, body: JSON.parse(text), text };
}

/** A 400 is a JSON error with a code and the names of fields the request really had. */
function expectClearRefusal(body: unknown, sent: Set<string>, path: string) {
  expect(body, path).toEqual({
    error: {
      code: expect.stringMatching(/^invalid_[a-z_]+$/),
      // One line of codes and field names (never the values sent).
      message: expect.stringMatching(/^invalid_[a-z_]+: [\w.]+(, [\w.]+)*$/),
      fields: expect.any(Array),
    },
  });
  const { fields } = (body as { error: { fields: string[] } }).error;
  expect(fields.length, path).toBeGreaterThan(0);
  for (const field of fields) expect(sent, `${path}: ${field}`).toContain(field.split('.')[0]);
}

const sentNames = (query: string) => new Set(new URLSearchParams(query).keys());

describe('search API: any query string', () => {
  it('/api/search answers 200 with a page or 400 naming a field it was sent, never a server error', async () => {
    await fc.assert(
      fc.asyncProperty(queryString, async (query) => {
        const path = `/api/search?${query}`;
        const { status, body, text: raw } = await get(path);
        expect([200, 400], `${path} -> ${raw.slice(0, 300)}`).toContain(status);
        if (status === 400) expectClearRefusal(body, sentNames(query), path);
        else {
          expect(Array.isArray(body.hits), path).toBe(true);
          expect(body.hits.length).toBeLessThanOrEqual(100);
        }
      }),
      { numRuns: 120 },
    );
  });

  it('/api/stats answers 200 with statistics or 400 naming a filter it was sent', async () => {
    await fc.assert(
      fc.asyncProperty(queryString, async (query) => {
        const path = `/api/stats?${query}`;
        const { status, body, text: raw } = await get(path);
        expect([200, 400], `${path} -> ${raw.slice(0, 300)}`).toContain(status);
        if (status === 400) expectClearRefusal(body, sentNames(query), path);
        else expect(body.letters, path).toEqual(expect.any(Number));
      }),
      { numRuns: 60 },
    );
  });

  it('a cursor edited by hand is refused as invalid_cursor, or continues the search', async () => {
    const edited = fc
      .constantFrom<CursorKind>('ranked', 'listed')
      .chain((kind) => tamperedCursorOf([kind]).map((c) => ({ kind, c })));
    await fc.assert(
      fc.asyncProperty(edited, async ({ kind, c }) => {
        // The query the cursor came from: its scope matches, so the edited value reaches SQL.
        const path = `/api/search?${kind === 'ranked' ? 'q=treatment&' : ''}limit=1&cursor=${c}`;
        const { status, body } = await get(path);
        expect([200, 400], path).toContain(status);
        if (status === 400)
          expect(body.error, path).toMatchObject({ code: 'invalid_cursor', fields: ['cursor'] });
      }),
      { numRuns: 60 },
    );
  });

  it('a query of negations deeper than the text-search parser goes is refused as invalid_query', async () => {
    const negations = fc
      .tuple(
        fc.integer({ min: 1, max: 120 }),
        fc.constantFrom('-', '- ', '-(', ' -'),
        fc.constantFrom('', 'pain', 'x '),
      )
      .map(([n, unit, word]) => `${word}${unit.repeat(n)}${word}`.slice(0, 500));
    await fc.assert(
      fc.asyncProperty(negations, fc.constantFrom('search', 'search-limit'), async (q, route) => {
        const path = `/api/search?q=${encodeURIComponent(q)}${route === 'search-limit' ? '&limit=5' : ''}`;
        const { status, body } = await get(path);
        expect([200, 400], path).toContain(status);
        if (status === 400) expect(body.error, path).toMatchObject({ code: 'invalid_query', fields: ['q'] });
      }),
      { numRuns: 40 },
    );
  });

  it('/api/letters/:id answers a letter, 404, or 400 invalid_id, for any path segment', async () => {
    const segment = fc.oneof(
      fc.constantFrom(...letterIds),
      fc.constantFrom(
        'f'.repeat(64),
        'F'.repeat(64),
        'f'.repeat(63),
        'f'.repeat(65),
        '..',
        '.',
        '%2e%2e',
        '%00',
        '%zz',
      ),
      fc.string({ unit: fc.constantFrom(...'0123456789abcdefABCDEF'), minLength: 60, maxLength: 68 }),
      fc.string({ unit: codePoint }).map(encodeURIComponent),
      fc.string().map(encodeURIComponent),
    );
    await fc.assert(
      fc.asyncProperty(segment, fc.option(queryString, { nil: undefined }), async (id, query) => {
        const path = `/api/letters/${id}${query === undefined ? '' : `?${query}`}`;
        const { status, body } = await get(path);
        expect([200, 400, 404], path).toContain(status);
        if (status === 200) expect(letterIds, path).toContain(body.letterId ?? body.id);
        if (status === 400) expect(body.error, path).toMatchObject({ code: 'invalid_id', fields: ['id'] });
        if (status === 404) expect(body.error.code, path).toBe('not_found');
      }),
      { numRuns: 60 },
    );
  });

  it('over HTTP, odd request lines, huge query strings and NUL bytes get a 4xx, never a 5xx or a stack trace', async () => {
    const server = await listen(app, 0, '127.0.0.1');
    try {
      const port = Number(new URL(server.url).port);
      const lines = [
        'GET //a:b/api/search HTTP/1.1',
        'GET http://evil.example/api/search?q=x HTTP/1.1',
        'GET /api/search?q=%zz%&limit=%00 HTTP/1.1',
        'GET /api/search?q=a\u0000b HTTP/1.1',
        `GET /api/search?q=${'x'.repeat(20_000)} HTTP/1.1`,
        `GET /api/search?${'category=medication&'.repeat(1000)} HTTP/1.1`,
        'GET /api/letters/..%2f..%2fetc%2fpasswd HTTP/1.1',
        'GET /api/stats?%ff=%fe HTTP/1.1',
      ];
      for (const line of lines) {
        const answer = await rawRequest(port, line);
        const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(answer)?.[1]);
        expect(status, line.slice(0, 80)).toBeGreaterThanOrEqual(200);
        expect(status, line.slice(0, 80)).toBeLessThan(500);
        expect(answer, line.slice(0, 80)).not.toMatch(/\n\s+at |Error:/);
      }
    } finally {
      await server.close();
    }
  });
});

function rawRequest(port: number, requestLine: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let answer = '';
    socket.setTimeout(10_000, () => socket.destroy(new Error('no answer')));
    socket.on('data', (chunk) => {
      answer += chunk.toString('latin1');
    });
    socket.on('error', reject);
    socket.on('close', () => resolve(answer));
    // Written, not ended: a client that half-closes first gets no answer from Node's HTTP server.
    socket.write(`${requestLine}\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`, 'latin1');
  });
}
