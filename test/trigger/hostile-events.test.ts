import type { Server } from 'node:http';
import { connect } from 'node:net';
import { createRedis, ingestJobId, PipelineQueues } from '@imr/queue';
import { openSearchDatabase, type SearchIndex } from '@imr/search';
import {
  createTriggerServer,
  listenOn,
  OWN_PREFIXES,
  signatureHeaders,
  signBody,
} from '@imr/service-trigger';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  anyCodePoint,
  type EventSpec,
  encodeKey,
  eventBody,
  eventSpec,
  surrogateKey,
  tooLongKey,
  validKey,
} from '../../services/trigger/src/event-keys.arbitraries.ts';
import { createTestDatabase, quietLog, startRedis, uniquePrefix } from '../support/services.ts';
import { SECRET, TOKEN } from './helpers.ts';

let redis: Awaited<ReturnType<typeof startRedis>>;
let database: Awaited<ReturnType<typeof createTestDatabase>>;
let index: SearchIndex;
let queues: PipelineQueues;
let server: Server;
let url: string;

beforeAll(async () => {
  [redis, database] = await Promise.all([startRedis(), createTestDatabase()]);
  index = await openSearchDatabase({ databaseUrl: database.url });
  queues = new PipelineQueues({ connection: createRedis(redis.url), prefix: uniquePrefix('hostile') });
  // As services/trigger/src/main.ts wires it: the real index behind removals, the letter bucket only.
  server = createTriggerServer({
    queues,
    removeSource: (source) => index.removeSource(source),
    log: quietLog,
    auth: { token: TOKEN, hmacSecret: SECRET },
    filter: { buckets: ['letters'] },
  });
  url = await listenOn(server, 0, '127.0.0.1');
});

afterAll(async () => {
  if (server) await new Promise((resolve) => server.close(resolve));
  await queues?.close();
  queues?.settings.connection.disconnect();
  await index?.close();
  await database?.drop();
  await redis?.stop();
});

type Body = string | Uint8Array;
const text = (body: unknown): string => JSON.stringify(body);

/** The ways a sender authenticates, for a given body. */
const credentials = fc.constantFrom<(body: Body) => Record<string, string>>(
  () => ({ authorization: `Bearer ${TOKEN}` }),
  () => ({ authorization: `Basic ${Buffer.from(`sns:${TOKEN}`).toString('base64')}` }),
  (body) => signatureHeaders(SECRET, Buffer.from(body)),
);

/** POSTs to /events; a hang fails the test instead of stalling it. */
async function post(body: Body, headers: Record<string, string>) {
  const res = await fetch(`${url}/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
    signal: AbortSignal.timeout(10_000),
  });
  const raw = await res.text();
  return { status: res.status, body: JSON.parse(raw) as Record<string, unknown> };
}

/** Bodies of every kind: junk, JSON, events with crafted keys, events with fields of the wrong type. */
const anyBody: fc.Arbitrary<Body> = fc.oneof(
  fc.string(),
  fc.string({ unit: anyCodePoint }),
  fc.uint8Array({ maxLength: 200 }),
  fc.json(),
  fc.jsonValue().map(text),
  fc.record({ Records: fc.array(fc.jsonValue(), { maxLength: 3 }) }).map(text),
  fc.record({ Type: fc.constant('Notification'), Message: fc.oneof(fc.string(), fc.json()) }).map(text),
  fc.record({ source: fc.constant('aws.s3'), 'detail-type': fc.string(), detail: fc.jsonValue() }).map(text),
  eventSpec(fc.oneof(validKey, tooLongKey, surrogateKey)).map((spec) =>
    // Unpaired surrogates cannot be URL-encoded: they travel raw.
    text(eventBody(spec, spec.envelope === 'eventbridge' ? undefined : encodeKey(spec.key, 'minimal'))),
  ),
  eventSpec().map((spec) => text(eventBody({ ...spec, bucket: 'letters' }))),
);

const COUNTS = {
  enqueued: expect.any(Number),
  removed: expect.any(Number),
  kept: 0,
  ignored: expect.any(Number),
};

describe('POST /events: any body', () => {
  it('an authenticated body gets 202 or a 400 with a code: never a server error', async () => {
    await fc.assert(
      fc.asyncProperty(anyBody, credentials, async (body, auth) => {
        const res = await post(body, auth(body));
        expect([202, 400], JSON.stringify(res)).toContain(res.status);
        if (res.status === 202) expect(res.body).toEqual(COUNTS);
        else if (res.body.error !== 'body is not JSON') {
          expect(res.body).toEqual({ error: expect.any(String), code: expect.stringMatching(/^[a-z_]+$/) });
        }
      }),
      { numRuns: 80 },
    );
  });

  it('an unauthenticated request gets 401 whatever its body, and nothing is enqueued', async () => {
    const now = Math.floor(Date.now() / 1000);
    const wrong = fc.constantFrom<(body: Body) => Record<string, string>>(
      () => ({}),
      () => ({ authorization: `Bearer ${TOKEN.slice(1)}` }),
      () => ({ authorization: TOKEN }),
      () => ({ authorization: `Basic ${Buffer.from(TOKEN).toString('base64')}` }),
      (body) => ({
        'x-imr-timestamp': String(now - 301),
        'x-imr-signature': signBody(SECRET, now - 301, Buffer.from(body)),
      }),
      (body) => ({
        'x-imr-timestamp': String(now),
        'x-imr-signature': signBody(`${SECRET}x`, now, Buffer.from(body)),
      }),
      (body) => ({
        'x-imr-timestamp': String(now),
        'x-imr-signature': signBody(SECRET, now, Buffer.concat([Buffer.from(body), Buffer.from(' ')])),
      }),
      (body) => ({ ...signatureHeaders(SECRET, Buffer.from(body)), authorization: 'Bearer not-the-token' }),
    );
    const before = await queues.queue('ingest').count();
    await fc.assert(
      fc.asyncProperty(anyBody, wrong, async (body, auth) => {
        expect(await post(body, auth(body))).toEqual({ status: 401, body: { error: 'unauthorized' } });
      }),
      { numRuns: 50 },
    );
    expect(await queues.queue('ingest').count()).toBe(before);
  });

  it('a request target that is no URL gets a 4xx, not a server error', async () => {
    const { port } = new URL(url);
    const target = fc.oneof(
      fc.constantFrom(
        '//a:b',
        '//[',
        '//a:99999/events',
        '//x/events',
        '/events/../events',
        '/%zz',
        '*',
        '/events?%',
      ),
      fc.string({ unit: fc.constantFrom(...'/:[]@%?#.ab'), minLength: 1, maxLength: 12 }),
    );
    await fc.assert(
      fc.asyncProperty(target, async (t) => {
        const status = await rawStatus(Number(port), `POST ${t} HTTP/1.1`, '{"Records":[]}');
        expect(status, t).toBeGreaterThanOrEqual(200);
        expect(status, t).toBeLessThan(500);
      }),
      { numRuns: 40 },
    );
  });
});

describe('POST /events: a crafted key stays a key', () => {
  it('reaches its ingest job character for character, under a job id that is no path', async () => {
    await fc.assert(
      fc.asyncProperty(eventSpec(validKey), credentials, async (generated, auth) => {
        const spec: EventSpec = { ...generated, kind: 'created', bucket: 'letters' };
        const body = text(eventBody(spec));
        const res = await post(body, auth(body));
        // The pipeline's own objects (artifacts/...) are never letters, whatever else the key holds.
        if (OWN_PREFIXES.some((prefix) => spec.key.startsWith(prefix))) {
          expect(res).toEqual({ status: 202, body: { enqueued: 0, removed: 0, kept: 0, ignored: 1 } });
          return;
        }
        expect(res).toEqual({ status: 202, body: { enqueued: 1, removed: 0, kept: 0, ignored: 0 } });
        const source = { bucket: 'letters', key: spec.key, etag: spec.etag, versionId: null };
        const id = ingestJobId(source);
        expect(id).toMatch(/^ingest-[0-9a-f]{32}$/);
        const job = await queues.queue('ingest').getJob(id);
        expect(job?.data.source).toEqual(source);
        expect(job?.data.source.key).toBe(spec.key);
      }),
      { numRuns: 40 },
    );
  });

  it('a removal of any key S3 can hold is acted on or ignored, never answered with a retry', async () => {
    await fc.assert(
      fc.asyncProperty(eventSpec(validKey), async (generated) => {
        const spec: EventSpec = { ...generated, kind: 'removed', bucket: 'letters' };
        const res = await post(text(eventBody(spec)), { authorization: `Bearer ${TOKEN}` });
        expect(res.status, JSON.stringify(res)).toBe(202);
        expect((res.body.removed as number) + (res.body.ignored as number)).toBe(1);
      }),
      { numRuns: 40 },
    );
    // A NUL character: S3 can hold it, PostgreSQL text cannot.
    const nul: EventSpec = {
      kind: 'removed',
      bucket: 'letters',
      key: 'in/a\u0000b.txt',
      etag: 'e',
      envelope: 's3',
      encoding: 'aws',
    };
    expect(await post(text(eventBody(nul)), { authorization: `Bearer ${TOKEN}` })).toEqual({
      status: 202,
      body: { enqueued: 0, removed: 0, kept: 0, ignored: 1 },
    });
  });

  it('a key S3 could not hold (over 1,024 bytes, unpaired surrogates) is refused with its code, nothing enqueued', async () => {
    const before = await queues.queue('ingest').count();
    const refused = fc.oneof(
      eventSpec(tooLongKey).map((spec) => ({ spec, code: 'key_too_long' })),
      eventSpec(surrogateKey).map((spec) => ({ spec, code: 'invalid_key' })),
    );
    await fc.assert(
      fc.asyncProperty(refused, async ({ spec, code }) => {
        const raw = spec.envelope === 'eventbridge' ? undefined : encodeKey(spec.key, 'minimal');
        const res = await post(text(eventBody({ ...spec, bucket: 'letters' }, raw)), {
          authorization: `Bearer ${TOKEN}`,
        });
        expect(res).toEqual({ status: 400, body: { error: expect.stringContaining('key'), code } });
      }),
      { numRuns: 30 },
    );
    expect(await queues.queue('ingest').count()).toBe(before);
  });
});

/** Sends a raw HTTP request (any request line) and returns the status code of the answer. */
function rawStatus(port: number, requestLine: string, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let answer = '';
    socket.setTimeout(10_000, () => socket.destroy(new Error('no answer')));
    socket.on('data', (chunk) => {
      answer += chunk.toString('latin1');
    });
    socket.on('error', reject);
    socket.on('close', () => {
      const match = /^HTTP\/1\.[01] (\d{3})/.exec(answer);
      if (match) resolve(Number(match[1]));
      else reject(new Error(`no status line in ${JSON.stringify(answer.slice(0, 100))}`));
    });
    // Written, not ended: a client that half-closes first gets no answer from Node's HTTP server.
    socket.write(
      `${requestLine}\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${TOKEN}\r\nContent-Type: application/json\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  });
}
