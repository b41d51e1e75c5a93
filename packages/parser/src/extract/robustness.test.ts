import { determinationSchema } from '@imr/contracts';
import { describe, expect, it } from 'vitest';
import { seedLetters, testLetters } from '../../test-letters/load.ts';
import {
  crlf,
  expectedWithHeader,
  type HeaderBlock,
  rewrap,
  utf16be,
  utf16le,
  windows1252,
  withHeader,
} from '../../test-letters/variants.ts';
import { normalizeBytes } from '../normalize/index.ts';
import { compareWithExpected } from './expected.ts';
import { extractDetermination } from './extract-determination.ts';

const seeds = seedLetters();
const written = testLetters();

function score(bytes: Buffer, expected: Record<string, unknown>): string[] {
  const determination = extractDetermination(normalizeBytes(bytes));
  expect(determinationSchema.safeParse(determination).error).toBeUndefined();
  const result = compareWithExpected(determination, expected);
  expect(result.checked).toBeGreaterThan(20);
  return result.mismatches;
}

function headerFor(expected: Record<string, unknown>): HeaderBlock {
  const injury = (expected.injury as { date: string }).date;
  return {
    caseNumber: 'CM14-0012345',
    assigned: '2014-03-03',
    injury,
    decision: '2014-04-01',
    urDenial: '2014-02-10',
    applicationReceived: '2014-02-20',
    priority: 'Expedited',
  };
}

describe.each([...seeds, ...written])('letter $name', (seed) => {
  const original = seed.bytes.toString('utf8');

  it.each([60, 75, 130])('re-wrapped to %i columns still gives 100%%', (width) => {
    const paragraphs = normalizeBytes(seed.bytes).text;
    expect(score(Buffer.from(rewrap(paragraphs, width)), seed.expected)).toEqual([]);
  });

  it('with CRLF line endings still gives 100%', () => {
    expect(score(Buffer.from(crlf(original)), seed.expected)).toEqual([]);
  });

  it('with a header block gives 100% including the header fields', () => {
    const header = headerFor(seed.expected);
    const expected = expectedWithHeader(seed.expected, header);
    expect(score(Buffer.from(withHeader(original, header)), expected)).toEqual([]);
  });

  it('in Windows-1252 still gives 100%', () => {
    expect(score(windows1252(original), seed.expected)).toEqual([]);
  });

  it('in UTF-16 LE and BE with a byte-order mark still gives 100%', () => {
    expect(score(utf16le(original), seed.expected)).toEqual([]);
    expect(score(utf16be(original), seed.expected)).toEqual([]);
  });
});

// Shapes of text the normalizer did not re-flow: the extractor must still read them on its own.
const UNFLOWED: Record<string, (text: string) => string> = {
  'exported lines': (text) => text,
  'single-spaced lines': (text) =>
    text
      .split('\n')
      .filter((line) => line.trim())
      .join('\n'),
  'form feeds between pages and no-break spaces': (text) =>
    text
      .split('\n')
      .map((line, i) => (i % 41 === 40 ? `\f${line.replace(/ /g, '\u00a0')}` : line))
      .join('\r\n'),
  'page numbers and case numbers every 37 lines': (text) =>
    text
      .split('\n')
      .flatMap((line, i) => (i % 37 === 36 ? [line, '', `Page ${i} of 9`, '', 'CM13-0050844', ''] : [line]))
      .join('\n'),
};

describe.each(Object.entries(UNFLOWED))('extraction alone on %s', (_shape, shape) => {
  // Only decoding has been done; textContains is left out: the encoding repair it checks is the normalizer's.
  it.each([...seeds, ...written])('$name still gives 100%', (letter) => {
    const { textContains: _ignored, ...expected } = letter.expected;
    const text = shape(letter.bytes.toString('utf8'));
    const determination = extractDetermination({ text, encoding: 'utf-8', repairs: [], warnings: [] });
    expect(compareWithExpected(determination, expected).mismatches).toEqual([]);
  });
});
