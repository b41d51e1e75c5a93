import { describe, expect, it } from 'vitest';
import { isAscii } from './ascii.ts';

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
