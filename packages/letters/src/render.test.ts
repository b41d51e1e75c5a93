import { inflateSync } from 'node:zlib';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { generateLetter, type SyntheticLetter } from './generate.ts';
import { type Rendering, renderLetter } from './render.ts';
import { toWindows1252Repertoire, undoDoubleEncoding } from './windows-1252.ts';

const flat = (s: string) => s.replace(/\s+/g, ' ').trim();
const letter = generateLetter(11, { layout: 'maximus-imr' });
/** A letter with characters Windows-1252 and the standard PDF fonts lack, and some it has. */
const exotic: SyntheticLetter = {
  ...letter,
  text: `${letter.text}Relief \u2265 30% \u2192 \u0142ata \u201cquoted\u201d \u00a7\u00a79792.20 caf\u00e9\n`,
};

const TEXT_RENDERINGS: Rendering[] = [
  { format: 'txt', encoding: 'utf-8' },
  { format: 'txt', encoding: 'utf-8-bom', lineEnding: 'crlf' },
  { format: 'txt', encoding: 'windows-1252', wrap: 70 },
  { format: 'txt', encoding: 'utf-16le', doubleSpaced: true },
  { format: 'txt', encoding: 'utf-16be', lineEnding: 'crlf', wrap: 64 },
  { format: 'txt', encoding: 'double-utf-8', doubleSpaced: true, wrap: 80 },
];
const PDF_RENDERINGS: Rendering[] = [
  { format: 'pdf' },
  { format: 'pdf', pageHeader: 'Independent Medical Review' },
  { format: 'pdf', userPassword: 'u' },
  { format: 'pdf', ownerPassword: 'o' },
  { format: 'pdf', noTextLayer: true },
];

function decode(bytes: Buffer, rendering: Rendering): string {
  if (rendering.format !== 'txt') throw new Error('text renderings only');
  switch (rendering.encoding) {
    case 'utf-8':
      return bytes.toString('utf8');
    case 'utf-8-bom':
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      return bytes.subarray(3).toString('utf8');
    case 'windows-1252':
      return iconv.decode(bytes, 'windows-1252');
    case 'utf-16le':
    case 'utf-16be':
      expect([...bytes.subarray(0, 2)]).toEqual(
        rendering.encoding === 'utf-16le' ? [0xff, 0xfe] : [0xfe, 0xff],
      );
      return iconv.decode(bytes.subarray(2), rendering.encoding);
    case 'double-utf-8':
      return undoDoubleEncoding(bytes);
  }
}

/** The page content streams of a PDF, inflated. */
function contentStreams(pdf: Buffer): string {
  const out: string[] = [];
  const text = pdf.toString('latin1');
  for (const m of text.matchAll(/stream\r?\n/g)) {
    const start = (m.index ?? 0) + m[0].length;
    const end = text.indexOf('endstream', start);
    try {
      out.push(inflateSync(pdf.subarray(start, end)).toString('latin1'));
    } catch {
      // Not a deflated stream (or encrypted): not a page we can read here.
    }
  }
  return out.join('\n');
}

describe('renderLetter', () => {
  it('gives the same bytes for the same letter and rendering', async () => {
    for (const rendering of [...TEXT_RENDERINGS, ...PDF_RENDERINGS]) {
      const a = await renderLetter(letter, rendering);
      expect(
        a.equals(await renderLetter(generateLetter(11, { layout: 'maximus-imr' }), rendering)),
        JSON.stringify(rendering),
      ).toBe(true);
    }
  });

  it('writes text that decodes back to the letter in every encoding', async () => {
    for (const rendering of TEXT_RENDERINGS) {
      const back = decode(await renderLetter(exotic, rendering), rendering);
      const want =
        rendering.format === 'txt' && rendering.encoding === 'windows-1252'
          ? toWindows1252Repertoire(exotic.text)
          : exotic.text;
      expect(flat(back), JSON.stringify(rendering)).toBe(flat(want));
    }
  });

  it('maps what Windows-1252 lacks to readable stand-ins', async () => {
    const back = iconv.decode(
      await renderLetter(exotic, { format: 'txt', encoding: 'windows-1252' }),
      'windows-1252',
    );
    expect(back).toContain('Relief >= 30% -> ?ata \u201cquoted\u201d \u00a7\u00a79792.20 caf\u00e9');
  });

  it('double encodes as mojibake', async () => {
    const bytes = await renderLetter(exotic, { format: 'txt', encoding: 'double-utf-8' });
    expect(bytes.toString('utf8')).toContain('\u00c2\u00a7\u00c2\u00a79792.20');
    expect(bytes.toString('utf8')).toContain('\u00e2\u20ac\u0153quoted\u00e2\u20ac\u009d');
  });

  it('lays text out: line endings, wrapping, double spacing', async () => {
    const crlf = (
      await renderLetter(letter, { format: 'txt', encoding: 'utf-8', lineEnding: 'crlf' })
    ).toString('utf8');
    expect(crlf.includes('\r\n')).toBe(true);
    expect(crlf.replace(/\r\n/g, '')).not.toContain('\n');
    const wrapped = (await renderLetter(letter, { format: 'txt', encoding: 'utf-8', wrap: 60 })).toString(
      'utf8',
    );
    for (const line of wrapped.split('\n')) expect(line.length <= 60 || !line.includes(' ')).toBe(true);
    const spaced = (
      await renderLetter(letter, { format: 'txt', encoding: 'utf-8', doubleSpaced: true })
    ).toString('utf8');
    const lines = spaced.split('\n');
    expect(lines.filter((_, i) => i % 2 === 1).every((l) => l === '')).toBe(true);
    expect(lines).toContain(' ');
  });

  it('makes PDFs: several pages with header and footer, encrypted when asked, no text layer for a scan', async () => {
    const long = generateLetter(5, { layout: 'imr-final-determination', headerBlock: true });
    const pdf = await renderLetter(long, { format: 'pdf' });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.includes('/Encrypt')).toBe(false);
    const pages = pdf.toString('latin1').match(/\/Type \/Page\n/g)?.length ?? 0;
    expect(pages).toBeGreaterThan(1);
    const content = contentStreams(pdf);
    expect(content).toMatch(/\bTJ\b/);
    for (const rendering of [
      { format: 'pdf', userPassword: 'u' },
      { format: 'pdf', ownerPassword: 'o' },
    ] as Rendering[]) {
      const locked = await renderLetter(long, rendering);
      expect(locked.subarray(0, 5).toString()).toBe('%PDF-');
      expect(locked.includes('/Encrypt')).toBe(true);
    }
    const scan = await renderLetter(long, { format: 'pdf', noTextLayer: true });
    const ink = contentStreams(scan);
    expect(ink).toMatch(/ re\b/);
    expect(ink).not.toMatch(/\bT[Jj]\b/);
  });
});
