import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { authenticate, signatureHeaders, signBody } from './auth.ts';

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
