import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type AuthSettings, authenticate, signatureHeaders, signBody } from './auth.ts';
import { anyCodePoint } from './event-keys.arbitraries.ts';

const SECRET = 'unit-test-secret-0123456789';
const TOKEN = 'unit-test-token-0123456789';
const NOW = 1_790_000_000_000;

describe('authenticate', () => {
  it('accepts a body signed now, and refuses it once any byte of it changes', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 1, maxLength: 200 }),
        fc.nat(),
        fc.integer({ min: 1, max: 255 }),
        (bytes, at, flip) => {
          const body = Buffer.from(bytes);
          const headers = signatureHeaders(SECRET, body, NOW);
          expect(authenticate(headers, body, { hmacSecret: SECRET }, NOW)).toEqual({
            ok: true,
            scheme: 'hmac',
          });
          const tampered = Buffer.from(body);
          const i = at % tampered.length;
          tampered[i] = (tampered[i] as number) ^ flip;
          expect(authenticate(headers, tampered, { hmacSecret: SECRET }, NOW).ok).toBe(false);
        },
      ),
    );
  });

  it('holds the replay window at 300 s either way', () => {
    const body = Buffer.from('{}');
    const at = (offsetS: number) => {
      const ts = Math.floor(NOW / 1000) + offsetS;
      return authenticate(
        { 'x-imr-timestamp': String(ts), 'x-imr-signature': signBody(SECRET, ts, body) },
        body,
        { hmacSecret: SECRET },
        NOW,
      );
    };
    expect(at(-300).ok).toBe(true);
    expect(at(300).ok).toBe(true);
    expect(at(-301)).toEqual({ ok: false, reason: 'stale timestamp' });
    expect(at(301)).toEqual({ ok: false, reason: 'stale timestamp' });
  });

  it('takes the token as Bearer (any case) or as a Basic password, and nothing close to it', () => {
    const body = Buffer.alloc(0);
    const check = (authorization: string) => authenticate({ authorization }, body, { token: TOKEN }).ok;
    const basic = (creds: string) => `Basic ${Buffer.from(creds).toString('base64')}`;
    expect(check(`Bearer ${TOKEN}`)).toBe(true);
    expect(check(`BEARER   ${TOKEN}`)).toBe(true);
    expect(check(basic(`sns:${TOKEN}`))).toBe(true);
    expect(check(basic(`:${TOKEN}`))).toBe(true);
    for (const wrong of [
      TOKEN,
      `Bearer ${TOKEN.slice(0, -1)}`,
      `Bearer ${TOKEN} x`,
      basic(TOKEN),
      basic(`${TOKEN}:x`),
      `Token ${TOKEN}`,
    ])
      expect(check(wrong), wrong).toBe(false);
  });

  it('an HMAC-only service ignores an Authorization header it has no token for', () => {
    const body = Buffer.from('{"a":1}');
    const headers = { ...signatureHeaders(SECRET, body, NOW), authorization: 'Bearer whatever' };
    expect(authenticate(headers, body, { hmacSecret: SECRET }, NOW).ok).toBe(true);
    expect(authenticate({ authorization: 'Bearer whatever' }, body, { hmacSecret: SECRET }, NOW).ok).toBe(
      false,
    );
  });
});

describe('authenticate: any headers', () => {
  it('never throws and never lets a request through without the token or a valid signature', () => {
    const nowS = Math.floor(NOW / 1000);
    const value = fc.oneof(
      fc.string(),
      fc.string({ unit: anyCodePoint }),
      fc.constantFrom('', ' ', 'Bearer', 'Bearer ', 'Basic', 'Basic ', 'basic Og==', `Bearer ${TOKEN}x`),
      fc.string().map((s) => `Bearer ${s}`),
      fc.string().map((s) => `Basic ${Buffer.from(s).toString('base64')}`),
      fc.string({ unit: anyCodePoint }).map((s) => `Basic ${s}`),
      fc.integer({ min: nowS - 1000, max: nowS + 1000 }).map(String),
      fc.constantFrom('1e9', '-1', '0x10', '9'.repeat(40), `${nowS}.5`),
      fc.string({ unit: fc.constantFrom(...'0123456789abcdef') }).map((h) => `sha256=${h}`),
    );
    const headers = fc.dictionary(
      fc.constantFrom('authorization', 'x-imr-signature', 'x-imr-timestamp', 'content-type', 'x-other'),
      fc.oneof(value, fc.array(value, { maxLength: 3 }), fc.constant(undefined)),
    );
    fc.assert(
      fc.property(
        headers,
        fc.uint8Array({ maxLength: 64 }),
        fc.constantFrom<AuthSettings>(
          { token: TOKEN },
          { hmacSecret: SECRET },
          { token: TOKEN, hmacSecret: SECRET },
        ),
        (h, bytes, settings) => {
          const result = authenticate(h, Buffer.from(bytes), settings, NOW);
          expect(result.ok).toBe(false);
          if (!result.ok) expect(result.reason).toMatch(/^[a-z ]+$/);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('refuses every near miss of the token, in every scheme', () => {
    const tokens = [TOKEN.slice(1), TOKEN.slice(0, -1), `${TOKEN}x`, TOKEN.toUpperCase(), ` ${TOKEN}`, TOKEN];
    for (const token of tokens)
      for (const user of ['', ':', 'sns', 'sns:'])
        for (const scheme of ['Bearer', 'Basic', 'Token', '']) {
          // These pass, rightly: the token itself, any user before a colon, spaces after the scheme.
          if (token.trim() === TOKEN && scheme === 'Bearer') continue;
          if (token === TOKEN && scheme === 'Basic' && user.endsWith(':')) continue;
          const authorization =
            scheme === 'Basic'
              ? `Basic ${Buffer.from(`${user}${token}`).toString('base64')}`
              : `${scheme} ${token}`;
          expect(authenticate({ authorization }, Buffer.alloc(0), { token: TOKEN }).ok, authorization).toBe(
            false,
          );
        }
  });
});
