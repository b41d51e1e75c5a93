import { LAYOUTS, TREATMENT_CATEGORIES } from '@imr/contracts';
import { compareWithExpected, extractDetermination, normalizeText } from '@imr/parser';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { generateCorpus, generateLetter } from './generate.ts';
import { type Rendering, renderLetter } from './render.ts';

describe('synthetic letters', () => {
  it('are deterministic: the same seed gives the same text and the same bytes', async () => {
    expect(generateLetter(42)).toEqual(generateLetter(42));
    expect(generateLetter(42).text).not.toBe(generateLetter(43).text);
    for (const rendering of [
      { format: 'pdf' },
      { format: 'txt', encoding: 'utf-16le', wrap: 70 },
    ] as Rendering[]) {
      const letter = generateLetter(7);
      expect((await renderLetter(letter, rendering)).equals(await renderLetter(letter, rendering))).toBe(
        true,
      );
    }
  });

  it('cover every layout, category, outcome and guideline body, with redacted and truncated cases', () => {
    const corpus = generateCorpus(200);
    expect(new Set(corpus.map((l) => l.layout))).toEqual(new Set(LAYOUTS));
    const decisions = corpus.flatMap((l) => l.expected.decisions);
    const categories = new Set(decisions.map((d) => d.category));
    for (const c of TREATMENT_CATEGORIES.filter((c) => c !== 'chiropractic' && c !== 'other'))
      expect(categories).toContain(c);
    expect(new Set(decisions.map((d) => d.outcome))).toEqual(new Set(['upheld', 'overturned']));
    expect(new Set(decisions.flatMap((d) => d.sources))).toEqual(new Set(['MTUS', 'ACOEM', 'ODG']));
    expect(corpus.some((l) => l.expected.warningsMention?.includes('redact'))).toBe(true);
    expect(generateLetter(3, { truncated: true }).expected.warningsMention).toContain('truncat');
  });

  it('decode back to their text in every encoding', async () => {
    const letter = generateLetter(11);
    const flat = (s: string) => s.replace(/\s+/g, ' ').trim();
    const decode: Array<[Rendering, (b: Buffer) => string]> = [
      [{ format: 'txt', encoding: 'utf-8' }, (b) => b.toString('utf8')],
      [
        { format: 'txt', encoding: 'windows-1252', lineEnding: 'crlf' },
        (b) => iconv.decode(b, 'windows-1252'),
      ],
      [{ format: 'txt', encoding: 'utf-16be', doubleSpaced: true }, (b) => iconv.decode(b, 'utf-16be')],
      [
        { format: 'txt', encoding: 'double-utf-8' },
        (b) => Buffer.from(iconv.encode(b.toString('utf8'), 'windows-1252')).toString('utf8'),
      ],
    ];
    for (const [rendering, back] of decode)
      expect(flat(back(await renderLetter(letter, rendering)))).toBe(flat(letter.text));
    const pdf = await renderLetter(letter, { format: 'pdf', ownerPassword: 'o' });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.includes('/Encrypt')).toBe(true);
  });

  it('agree with the extractor on at least 98% of expected fields', () => {
    let checked = 0;
    let matched = 0;
    for (const letter of generateCorpus(300, { seed: 3 })) {
      const result = compareWithExpected(
        extractDetermination(normalizeText(letter.text)),
        letter.expected as unknown as Parameters<typeof compareWithExpected>[1],
      );
      checked += result.checked;
      matched += result.matched;
    }
    console.log(`extractor agreement on 300 synthetic letters: ${((matched / checked) * 100).toFixed(2)}%`);
    expect(matched / checked).toBeGreaterThanOrEqual(0.98);
  });
});
