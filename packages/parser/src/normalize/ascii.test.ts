import { describe, expect, it } from 'vitest';
import { isAscii, someNonAscii } from './ascii.ts';

describe('isAscii', () => {
  it('is true for text below U+0080 only, controls and DEL included', () => {
    expect(isAscii('')).toBe(true);
    expect(isAscii('Case Number: CM13-0050844\r\n\t\f\x00\x7f')).toBe(true);
  });

  it('is false for any character from U+0080 on, lone surrogates included', () => {
    for (const c of ['\u0080', '\u00a0', 'é', '\u2019', '\ufeff', '\ud83d', '\udca9', '😀']) {
      expect(isAscii(`plain text ${c} plain text`), JSON.stringify(c)).toBe(false);
    }
  });
});

describe('someNonAscii', () => {
  const LEAD = /[\u00c2\u00c3\u2019]/;

  it('finds a matching character wherever it is, however many others come before it', () => {
    expect(someNonAscii('Ã©', LEAD)).toBe(true);
    expect(someNonAscii(`${'§ ≥ “x” '.repeat(500)}it’s`, LEAD)).toBe(true);
    expect(someNonAscii(`it’s${'x'.repeat(5000)}`, LEAD)).toBe(true);
  });

  it('is false when no non-ASCII character matches, even where ASCII text would', () => {
    expect(someNonAscii('', LEAD)).toBe(false);
    expect(someNonAscii('plain text', /[a-z]/)).toBe(false);
    expect(someNonAscii('§ 9792.24.2 ≥ 50% “quoted” 😀', LEAD)).toBe(false);
  });

  it('gives the same answer twice in a row (no state is left behind between calls)', () => {
    const text = 'x Ã y';
    expect([someNonAscii(text, LEAD), someNonAscii(text, LEAD), someNonAscii('Ã', LEAD)]).toEqual([
      true,
      true,
      true,
    ]);
  });
});
