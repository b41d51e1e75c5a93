import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Logger, rateLimited } from '@imr/logging';
import type { PipelineQueues } from '@imr/queue';
import type { ObjectStore } from '@imr/storage';
import { type AuthSettings, checkHeaders } from './auth.ts';
import { dispatchChanges, type KeyFilter } from './dispatch.ts';
import { changesFromBody, EnvelopeError } from './envelopes.ts';

export interface TriggerDeps {
  queues: PipelineQueues;
  removeSource: (source: { bucket: string; key: string }) => Promise<unknown>;
  /** When given, removal events for keys that hold an object again are not acted on. */
  objects?: Pick<ObjectStore, 'head'>;
  log: Logger;
  /** Who may POST /events; null serves no /events at all, only the probes (the SQS trigger's). */
  auth: AuthSettings | null;
  filter?: KeyFilter;
  maxBodyBytes?: number;
  /** GET /readyz: whether Redis, S3 and the index answer (503 with the failing parts when not). */
  readiness?: () => Promise<{ ready: boolean }>;
}

class BodyTooLarge extends Error {}

/** The trigger never runs unauthenticated: with neither secret configured it refuses to start. */
export function refuseOpenEndpoint(auth: AuthSettings): void {
  if (!auth.token && !auth.hmacSecret) {
    throw new Error('trigger: set IMR_TRIGGER_TOKEN or IMR_TRIGGER_HMAC_SECRET; an open endpoint is refused');
  }
}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        // Stop keeping it, but let the client finish sending so it can read the 413.
        req.removeAllListeners('data');
        req.resume();
        reject(new BodyTooLarge());
        return;
      }
      chunks.push(chunk);
    });
    req.once('end', () => resolve(Buffer.concat(chunks)));
    req.once('error', reject);
  });
}

/**
 * Whether Redis answers a PING within `ms`. (Queue connections wait for Redis indefinitely, by
 * design; a health check must not.)
 */
async function redisAnswers(redis: PipelineQueues['settings']['connection'], ms = 2_000): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), ms);
  });
  const pong = await Promise.race([redis.ping().catch(() => null), late]);
  clearTimeout(timer);
  return pong === 'PONG';
}

/** The path of a request target, or null when it is none (`//host:bad-port`, ...). */
function requestPath(target: string | undefined): string | null {
  try {
    return new URL(target ?? '/', 'http://trigger').pathname;
  } catch {
    return null;
  }
}

function reply(res: ServerResponse, status: number, body: unknown) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (status === 413 || status === 401) headers.connection = 'close';
  res.writeHead(status, headers).end(JSON.stringify(body));
}

/**
 * The trigger endpoint: POST /events takes S3 event notifications (plain, SNS, EventBridge),
 * authenticated by bearer token or HMAC; created objects are enqueued for ingest, removed ones
 * leave the index. 202 is answered only once the work is queued (or the removal done), so a
 * sender that sees an error retries. GET /healthz reports whether Redis answers.
 */
export function createTriggerServer(deps: TriggerDeps): Server {
  if (deps.auth) refuseOpenEndpoint(deps.auth);
  // One S3, SNS or EventBridge notification is a few kB; a MinIO batch some tens.
  const limit = deps.maxBodyBytes ?? 256 * 1024;
  const logRefusal = rateLimited(deps.log, 'warn', 'refused an unauthenticated event', 10_000);
  const server = createServer(async (req, res) => {
    try {
      const pathname = requestPath(req.url);
      if (pathname === null) return reply(res, 400, { error: 'bad request target', code: 'bad_request' });
      if (req.method === 'GET' && pathname === '/healthz') {
        const ok = await redisAnswers(deps.queues.settings.connection);
        return reply(res, ok ? 200 : 503, { ok });
      }
      if (req.method === 'GET' && pathname === '/readyz' && deps.readiness) {
        const readiness = await deps.readiness();
        return reply(res, readiness.ready ? 200 : 503, readiness);
      }
      if (pathname !== '/events' || !deps.auth) return reply(res, 404, { error: 'not found' });
      if (req.method !== 'POST') return reply(res, 405, { error: 'POST only' });
      // Credentials first: a request without them is refused before its body is read.
      const check = checkHeaders(req.headers, deps.auth);
      const refuse = (reason: string) => {
        logRefusal({ reason, remote: req.socket.remoteAddress });
        // Not read: the connection closes after the answer.
        return reply(res, 401, { error: 'unauthorized' });
      };
      if (check.ok === false) return refuse(check.reason);
      if (Number(req.headers['content-length'] ?? 0) > limit) {
        req.resume();
        return reply(res, 413, { error: 'body too large' });
      }
      const raw = await readBody(req, limit);
      const auth = check.ok === 'body' ? check.verify(raw) : check;
      if (!auth.ok) return refuse(auth.reason);
      let body: unknown;
      try {
        body = JSON.parse(raw.toString('utf8'));
      } catch {
        return reply(res, 400, { error: 'body is not JSON' });
      }
      const changes = changesFromBody(body, deps.log);
      const counts = await dispatchChanges(changes, {
        queues: deps.queues,
        removeSource: deps.removeSource,
        ...(deps.objects ? { objects: deps.objects } : {}),
        ...(deps.filter ? { filter: deps.filter } : {}),
      });
      deps.log.info({ ...counts, scheme: auth.scheme }, 'events accepted');
      return reply(res, 202, counts);
    } catch (err) {
      if (err instanceof BodyTooLarge) return reply(res, 413, { error: 'body too large' });
      if (err instanceof EnvelopeError) {
        // The code only: a message names fields, and a body's values (keys) may hold names.
        deps.log.warn({ code: err.code }, 'refused a body that is no valid event');
        return reply(res, 400, { error: err.message, code: err.code });
      }
      deps.log.error({ err }, 'could not handle events');
      return reply(res, 503, { error: 'try again' });
    }
  });
  // A sender that trickles its request does not hold a connection for long.
  server.headersTimeout = 15_000;
  server.requestTimeout = 30_000;
  return server;
}

export function listenOn(server: Server, port: number, host = '0.0.0.0'): Promise<string> {
  return new Promise((resolve) => {
    server.listen(port, host, () => {
      const { port: bound } = server.address() as AddressInfo;
      resolve(`http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${bound}`);
    });
  });
}
