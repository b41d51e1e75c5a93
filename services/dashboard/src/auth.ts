import { createHash, timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';

function same(a: string, b: string): boolean {
  return timingSafeEqual(createHash('sha256').update(a).digest(), createHash('sha256').update(b).digest());
}

/**
 * Requires the dashboard token: `Authorization: Bearer <token>` for API clients, or HTTP basic
 * auth with the token as password so a browser can open Bull Board. Letters are medical records.
 */
export function requireToken(token: string): MiddlewareHandler {
  return async (c, next) => {
    const header = c.req.header('authorization') ?? '';
    let given: string | null = null;
    if (header.startsWith('Bearer ')) given = header.slice(7).trim();
    else if (header.startsWith('Basic ')) {
      const decoded = Buffer.from(header.slice(6), 'base64').toString('utf8');
      given = decoded.slice(decoded.indexOf(':') + 1);
    }
    if (given !== null && same(given, token)) return next();
    c.header('WWW-Authenticate', 'Basic realm="imr-pipeline"');
    return c.json({ error: { code: 'unauthorized', message: 'the dashboard token is required' } }, 401);
  };
}
