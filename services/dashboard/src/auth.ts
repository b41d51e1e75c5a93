import { createHash, timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';

/** `read`: the search page and the read API (and /metrics). `admin`: all that, plus Bull Board. */
export type Role = 'read' | 'admin';

/** The dashboard's tokens. None set: everything is open (allowed on a loopback address only). */
export interface DashboardTokens {
  /** IMR_DASHBOARD_TOKEN: the admin role. */
  admin?: string;
  /** IMR_DASHBOARD_READ_TOKEN: the read role. */
  read?: string;
}

function same(a: string, b: string): boolean {
  return timingSafeEqual(createHash('sha256').update(a).digest(), createHash('sha256').update(b).digest());
}

/**
 * The token a request carries: `Authorization: Bearer <token>` (API clients), or HTTP basic auth
 * with any user name and the token as password (browsers). Null when it carries none.
 */
export function presentedToken(header: string | undefined): string | null {
  if (!header) return null;
  const [scheme, value = ''] = header.trim().split(/\s+/, 2);
  if (scheme?.toLowerCase() === 'bearer') return value || null;
  if (scheme?.toLowerCase() === 'basic') {
    const decoded = Buffer.from(value, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    return colon >= 0 ? decoded.slice(colon + 1) : null;
  }
  return null;
}

/** The role a token grants, or null when it matches neither token. */
export function roleOf(token: string | null, tokens: DashboardTokens): Role | null {
  if (token === null) return null;
  // Both compared every time: how long this takes says nothing about which one matched.
  const admin = tokens.admin !== undefined && same(token, tokens.admin);
  const read = tokens.read !== undefined && same(token, tokens.read);
  if (admin) return 'admin';
  return read ? 'read' : null;
}

export function isOpen(tokens: DashboardTokens): boolean {
  return tokens.admin === undefined && tokens.read === undefined;
}

const GRANTS: Record<Role, readonly Role[]> = { read: ['read'], admin: ['read', 'admin'] };

/**
 * Requires `role`: no token, or an unknown one, answers 401 with a basic-auth challenge (so a
 * browser asks for it); a valid token of a role without the right answers 403. With no token
 * configured at all, everything passes (the start-up check allows that on loopback only).
 */
export function requireRole(role: Role, tokens: DashboardTokens): MiddlewareHandler {
  return async (c, next) => {
    if (isOpen(tokens)) return next();
    const granted = roleOf(presentedToken(c.req.header('authorization')), tokens);
    if (granted && GRANTS[granted].includes(role)) return next();
    if (granted) {
      return c.json({ error: { code: 'forbidden', message: `this needs the ${role} role` } }, 403);
    }
    c.header('WWW-Authenticate', 'Basic realm="imr-pipeline", charset="UTF-8"');
    return c.json({ error: { code: 'unauthorized', message: 'a dashboard token is required' } }, 401);
  };
}

/** Paths any client may read, for orchestrator probes. */
export const OPEN_PATHS: readonly string[] = ['/healthz', '/readyz'];

/** Bull Board, and everything under it: the admin role. */
export function isAdminPath(path: string): boolean {
  return path === '/ui' || path.startsWith('/ui/');
}

/**
 * The dashboard's one access rule, for every path: probes are open, Bull Board (/ui) needs the
 * admin role, and everything else (the search page, /api, /metrics, and any path that is no
 * route) needs the read role, which the admin token also has.
 */
export function accessControl(tokens: DashboardTokens): MiddlewareHandler {
  const admin = requireRole('admin', tokens);
  const read = requireRole('read', tokens);
  return (c, next) => {
    const path = c.req.path;
    if (OPEN_PATHS.includes(path)) return next();
    return isAdminPath(path) ? admin(c, next) : read(c, next);
  };
}
