import { deflateSync } from 'node:zlib';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { identifyContent } from './identify.ts';
import { letterPdf } from './test-pdfs.ts';

const TEXT = 'The patient’s request for §9792.20 review — “Ketamine 5% cream”: Upheld.\r\n';
const bom = (...bytes: number[]) => Buffer.from(bytes);

/** Deterministic noise (xorshift32) so a failure can be reproduced. */
function noise(length: number, seed = 2463534242): Buffer {
  const bytes = Buffer.alloc(length);
  let x = seed;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    bytes[i] = x & 0xff;
  }
  return bytes;
}

const codeOf = (bytes: Uint8Array) => {
  try {
    return identifyContent(bytes);
  } catch (err) {
    return (err as { code: string }).code;
  }
};

describe('identifyContent', () => {
  it('finds a PDF by its header, also after junk within the first KiB, whatever the file is called', async () => {
    const pdf = await letterPdf();
    expect(identifyContent(pdf)).toBe('pdf');
    expect(identifyContent(Buffer.concat([Buffer.alloc(1000, 0x0a), pdf]))).toBe('pdf');
    expect(identifyContent(Buffer.from('%PDF-'))).toBe('pdf');
  });

  it('does not take a %PDF- beyond the first KiB for a header', () => {
    const late = Buffer.concat([Buffer.alloc(1020, 0x41), Buffer.from('%PDF-1.7')]);
    expect(identifyContent(late)).toBe('text');
    expect(codeOf(Buffer.concat([Buffer.alloc(1020, 0), Buffer.from('%PDF-1.7')]))).toBe('unsupported_type');
  });

  it.each([
    ['UTF-8', Buffer.from(TEXT)],
    ['UTF-8 with BOM', Buffer.concat([bom(0xef, 0xbb, 0xbf), Buffer.from(TEXT)])],
    ['UTF-16 LE with BOM', iconv.encode(TEXT, 'utf-16le', { addBOM: true })],
    ['UTF-16 BE with BOM', iconv.encode(TEXT, 'utf-16be', { addBOM: true })],
    ['UTF-16 LE without BOM', iconv.encode(TEXT, 'utf-16le')],
    ['UTF-16 BE without BOM', iconv.encode(TEXT, 'utf-16be')],
    ['Windows-1252', iconv.encode(TEXT, 'windows-1252')],
    ['Windows-1251 (mostly bytes above 0x7F)', iconv.encode('Запрос на лечение отклонён.\n', 'windows-1251')],
    ['form feeds between pages', Buffer.from(`${TEXT}\f${TEXT}`)],
  ])('%s is text', (_label, bytes) => {
    expect(identifyContent(bytes)).toBe('text');
  });

  it('reads a UTF-8 sample cut inside a character at 64 KiB as UTF-8 text', () => {
    const bytes = Buffer.from(`${'a'.repeat(64 * 1024 - 1)}é and more`);
    expect(bytes[64 * 1024 - 1]).toBe(0xc3);
    expect(identifyContent(bytes)).toBe('text');
  });

  it.each([
    ['PNG', Buffer.concat([bom(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13), noise(200)])],
    ['ZIP', Buffer.concat([bom(0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0, 8, 0), deflateSync(TEXT.repeat(20))])],
    ['ELF', Buffer.concat([bom(0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0), noise(300, 7)])],
    ['gzip', Buffer.concat([bom(0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3), deflateSync(TEXT.repeat(50))])],
    ['random bytes', noise(4096)],
    ['random bytes without NULs', Buffer.from(noise(4096).filter((b) => b !== 0))],
  ])('%s is unsupported_type', (_label, bytes) => {
    expect(codeOf(bytes)).toBe('unsupported_type');
  });

  it.each([
    ['no bytes', Buffer.alloc(0)],
    ['whitespace', Buffer.from(' \n\t \r\n\f ')],
    ['a UTF-8 BOM alone', bom(0xef, 0xbb, 0xbf)],
    ['UTF-16 LE whitespace', iconv.encode(' \r\n  \t\n', 'utf-16le', { addBOM: true })],
    ['UTF-16 BE whitespace without BOM', iconv.encode('    \n    \n', 'utf-16be')],
  ])('%s is empty', (_label, bytes) => {
    expect(codeOf(bytes)).toBe('empty');
  });
});
