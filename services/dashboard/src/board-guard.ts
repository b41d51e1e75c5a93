import type { MiddlewareHandler } from 'hono';

/** Requests that read. Everything else changes jobs or queues. */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Content types a cross-site form or a CORS "simple request" can send without a preflight. */
const SIMPLE_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain'];

/**
 * Writes Bull Board offers that operators of this pipeline never need: adding jobs and editing job
 * data (payloads are references the stages compute; a forged one is refused by the workers anyway),
 * and wiping a queue whole. Retrying, promoting, cleaning and pausing stay.
 */
const REFUSED_WRITES = [
  /^\/api\/queues\/[^/]+\/add$/,
  /^\/api\/queues\/[^/]+\/[^/]+\/update-data$/,
  /^\/api\/queues\/[^/]+\/obliterate$/,
];

function sameOrigin(origin: string, requestUrl: string, host: string | undefined): boolean {
  try {
    const from = new URL(origin);
    const to = new URL(requestUrl);
    return from.host === (host ?? to.host);
  } catch {
    return false;
  }
}

/**
 * Guards Bull Board's API (mounted at `basePath`) against cross-site requests: its Hono adapter
 * reads any body as JSON whatever its Content-Type, so a text/plain form post from another site,
 * sent by a browser with cached basic-auth credentials, would add or change jobs. A state-changing
 * request is refused (403) when the browser says it comes from another site (Sec-Fetch-Site, or
 * an Origin that is not this host), when its body has a form-like Content-Type instead of JSON, or
 * when it asks for a write operators never need.
 */
export function boardGuard(basePath: string): MiddlewareHandler {
  return async (c, next) => {
    if (SAFE_METHODS.has(c.req.method)) return next();
    const refuse = (reason: string) => c.json({ error: { code: 'forbidden', message: reason } }, 403);
    const site = c.req.header('sec-fetch-site');
    if (site && site !== 'same-origin' && site !== 'none') return refuse('cross-site request');
    const origin = c.req.header('origin');
    if (origin && !sameOrigin(origin, c.req.url, c.req.header('host'))) return refuse('cross-site request');
    const type = (c.req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
    const hasBody = Number(c.req.header('content-length') ?? 0) > 0 || c.req.header('transfer-encoding');
    if (SIMPLE_TYPES.includes(type) || (hasBody && type !== 'application/json')) {
      return refuse('a request body must be application/json');
    }
    const path = c.req.path.slice(basePath.length);
    if (REFUSED_WRITES.some((pattern) => pattern.test(path))) return refuse('this operation is turned off');
    return next();
  };
}
