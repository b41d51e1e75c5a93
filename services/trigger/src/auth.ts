import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

export interface AuthSettings {
  /** Accepts `Authorization: Bearer <token>`. */
  token?: string;
  /** Accepts `X-Imr-Timestamp` + `X-Imr-Signature: sha256=<hex HMAC-SHA256 of "<timestamp>.<raw body>">`. */
  hmacSecret?: string;
  /** How far the timestamp may be from now, in seconds (replay window). */
  toleranceSeconds?: number;
}

export type AuthResult = { ok: true; scheme: 'bearer' | 'hmac' } | { ok: false; reason: string };

/** Compares secrets in constant time, whatever their lengths. */
function sameSecret(a: string, b: string): boolean {
  const ha = createHash('sha256').update(a).digest();
  const hb = createHash('sha256').update(b).digest();
  return timingSafeEqual(ha, hb);
}

export function signBody(secret: string, timestamp: number, body: Buffer | string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex')}`;
}

/**
 * Checks a request against the configured schemes. Anything else (no header, a wrong token, a
 * forged or stale signature) is refused with a reason for the log, never for the caller.
 */
export function authenticate(
  headers: Record<string, string | string[] | undefined>,
  rawBody: Buffer,
  settings: AuthSettings,
  now = Date.now(),
): AuthResult {
  const header = (name: string) => {
    const v = headers[name];
    return Array.isArray(v) ? v[0] : v;
  };
  const authorization = header('authorization');
  if (settings.token && authorization?.startsWith('Bearer ')) {
    return sameSecret(authorization.slice(7).trim(), settings.token)
      ? { ok: true, scheme: 'bearer' }
      : { ok: false, reason: 'wrong bearer token' };
  }
  const signature = header('x-imr-signature');
  const timestamp = header('x-imr-timestamp');
  if (settings.hmacSecret && signature && timestamp) {
    const ts = Number(timestamp);
    if (!Number.isInteger(ts)) return { ok: false, reason: 'bad timestamp' };
    if (Math.abs(now / 1000 - ts) > (settings.toleranceSeconds ?? 300))
      return { ok: false, reason: 'stale timestamp' };
    return sameSecret(signature, signBody(settings.hmacSecret, ts, rawBody))
      ? { ok: true, scheme: 'hmac' }
      : { ok: false, reason: 'bad signature' };
  }
  return { ok: false, reason: 'no credentials' };
}
