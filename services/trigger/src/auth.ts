import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

export interface AuthSettings {
  /**
   * Accepted as `Authorization: Bearer <token>` (MinIO's `auth_token`, an EventBridge API
   * destination's API key) or as the password of `Authorization: Basic` (SNS, which can only
   * send credentials written into its HTTPS endpoint URL).
   */
  token?: string;
  /** Accepts `X-Imr-Timestamp` + `X-Imr-Signature: sha256=<hex HMAC-SHA256 of "<timestamp>.<raw body>">`. */
  hmacSecret?: string;
  /** How far the timestamp may be from now, in seconds (replay window). Default 300. */
  toleranceSeconds?: number;
}

export type AuthResult = { ok: true; scheme: 'bearer' | 'basic' | 'hmac' } | { ok: false; reason: string };

export const SIGNATURE_HEADER = 'x-imr-signature';
export const TIMESTAMP_HEADER = 'x-imr-timestamp';

/** Compares secrets in constant time, whatever their lengths (both sides are hashed first). */
function sameSecret(a: string, b: string): boolean {
  const ha = createHash('sha256').update(a).digest();
  const hb = createHash('sha256').update(b).digest();
  return timingSafeEqual(ha, hb);
}

/** The signature header value for a body sent at `timestamp` (Unix seconds). */
export function signBody(secret: string, timestamp: number, body: Buffer | string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex')}`;
}

/** Headers a sender adds to sign `body` now. */
export function signatureHeaders(secret: string, body: Buffer | string, now = Date.now()) {
  const timestamp = Math.floor(now / 1000);
  return { [TIMESTAMP_HEADER]: String(timestamp), [SIGNATURE_HEADER]: signBody(secret, timestamp, body) };
}

function basicPassword(credentials: string): string | null {
  const decoded = Buffer.from(credentials, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? null : decoded.slice(colon + 1);
}

/** What the headers alone say: a verdict, or (a fresh HMAC signature) a check of the body to make. */
export type HeaderCheck = AuthResult | { ok: 'body'; verify: (rawBody: Buffer) => AuthResult };

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
  const check = checkHeaders(headers, settings, now);
  return check.ok === 'body' ? check.verify(rawBody) : check;
}

/**
 * The headers' part of `authenticate`, so that a request without valid credentials is refused
 * before its body is read: a token is checked whole, a signature's timestamp too; only a
 * signature itself needs the body.
 */
export function checkHeaders(
  headers: Record<string, string | string[] | undefined>,
  settings: AuthSettings,
  now = Date.now(),
): HeaderCheck {
  const header = (name: string) => {
    const v = headers[name];
    return Array.isArray(v) ? v[0] : v;
  };
  const authorization = header('authorization')?.trim();
  if (settings.token && authorization) {
    const [, scheme = '', value = ''] = /^(\S+)\s+(.*)$/s.exec(authorization) ?? [];
    if (/^bearer$/i.test(scheme)) {
      return sameSecret(value, settings.token)
        ? { ok: true, scheme: 'bearer' }
        : { ok: false, reason: 'wrong bearer token' };
    }
    if (/^basic$/i.test(scheme)) {
      const password = basicPassword(value);
      return password !== null && sameSecret(password, settings.token)
        ? { ok: true, scheme: 'basic' }
        : { ok: false, reason: 'wrong basic credentials' };
    }
  }
  const signature = header(SIGNATURE_HEADER);
  const timestamp = header(TIMESTAMP_HEADER);
  if (settings.hmacSecret && signature && timestamp) {
    if (!/^\d{1,12}$/.test(timestamp)) return { ok: false, reason: 'bad timestamp' };
    const ts = Number(timestamp);
    if (Math.abs(now / 1000 - ts) > (settings.toleranceSeconds ?? 300))
      return { ok: false, reason: 'stale timestamp' };
    const secret = settings.hmacSecret;
    return {
      ok: 'body',
      verify: (rawBody) =>
        sameSecret(signature, signBody(secret, ts, rawBody))
          ? { ok: true, scheme: 'hmac' }
          : { ok: false, reason: 'bad signature' },
    };
  }
  return { ok: false, reason: authorization ? 'unsupported authorization' : 'no credentials' };
}
