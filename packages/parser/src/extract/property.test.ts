import { determinationSchema, type NormalizedText, PipelineError } from '@imr/contracts';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeBytes, normalizeText } from '../normalize/index.ts';
import { extractDetermination } from './extract-determination.ts';
import { detectLayout } from './layout.ts';

// Pieces of real letters, so that random documents reach every parsing path, not only the refusal.
const FRAGMENTS = [
  'HOW THE IMR FINAL DETERMINATION WAS MADE',
  'CLINICAL CASE SUMMARY',
  'IMR ISSUES, DECISIONS AND RATIONALES',
  'The Final Determination was based on decisions for the disputed items/services set forth below:',
  'Claims Administrator guideline:',
  'MAXIMUS guideline:',
  'Decision rationale:',
  'Decision based on MTUS Chronic Pain Treatment Guidelines 9792.20, Topical analgesics Page(s): 111-112.',
  'Decision based on Non-MTUS Citation Official Disability Guidelines (ODG) Low Back.',
  'Decision based on MTUS ACOEM Chapter 12 Low Back Complaints Page(s): ',
  'KETAMINE 5% CREAM 60 GR. QTY: 1: Upheld',
  'Pain Cream: Overturned',
  'Lumbar MRI: Modified',
  'FOLLOW UP VISITS WITH THE PSYCHOLOGIST (COGNITIVE BEHAVIOR',
  '1. Lumbar MRI is not medically necessary and appropriate.',
  '2) Gabapentin 300mg capsule TID #90 is medically necessary and appropriate.',
  '12) was medically necessary.',
  'MAXIMUS FEDERAL SERVICES, INC.',
  'Independent Medical Review',
  'IMR DECISION(S) AND RATIONALE(S)',
  'DOCUMENTS REVIEWED',
  'Medical Treatment Guideline(s) Relied Upon by the Expert Reviewer:',
  'Rationale Used by the Expert Reviewer:',
  'MEDICAL PROFESSIONAL REVIEW',
  'ISSUE AT DISPUTE:',
  'CASE SUMMARY:',
  'DOCUMENTS REVIEWED FOR DETERMINATION:',
  'MEDICAL TREATMENT GUIDELINE(S) RELIED UPON BY PROFESSIONAL REVIEWER AND WHY:',
  'RATIONALE FOR WHY THE REQUESTED TREATMENT/SERVICE IS/WAS NOT MEDICALLY NECESSARY:',
  'MEDICAL REVIEWER QUALIFICATIONS:',
  'Case Number: CM13-0050844',
  'Date of Injury: 99/99/99',
  'Date Assigned: 2/30/2013',
  'Decision Date: December 31, 2099',
  'Priority: Expedited',
  'The patient is a 999 year old female injured on 11/13/03 due to a fall.',
  'The patient is a year old male detailer injured his low back on 5/27/11.',
  'Current diagnoses include a, b (c, d), unspecified, and e and f.',
  'State(s) of Licensure: Texas, Illinois, ZZ',
  'Certification(s)/Specialty: ',
  'The expert reviewer is Board Certified in ',
  'licensed to practice in ',
  '#99999999999999999999',
  'QTY: 18446744073709551616',
  '2x3',
  'six visits of treatment',
  '9999 times a week for 9999 weeks',
];

const piece = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...FRAGMENTS) },
  { weight: 2, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }) },
  { weight: 1, arbitrary: fc.constantFrom(' ', ':', '#', '(', ')', '.', '1', '\t', '\u00a0') },
);
const separator = fc.constantFrom('\n', '\n\n', ' ', ': ', '\r\n', '', '  \n \n');
// Half of the documents open like a letter of one of the layouts, so that most get past detection.
const opening = fc.constantFrom(
  '',
  '',
  '',
  'HOW THE IMR FINAL DETERMINATION WAS MADE\n\nCLINICAL CASE SUMMARY\n\n',
  'MAXIMUS FEDERAL SERVICES, INC.\nIndependent Medical Review\n\n',
  'MEDICAL PROFESSIONAL REVIEW\n\nISSUE AT DISPUTE:\n\n',
);
const document = fc
  .tuple(opening, fc.array(fc.tuple(piece, separator), { maxLength: 60 }))
  .map(([start, parts]) => start + parts.map(([p, s]) => p + s).join(''));

const asNormalized = (text: string): NormalizedText => ({
  text,
  encoding: 'utf-8',
  repairs: [],
  warnings: [],
});

/** Extraction either yields a schema-valid determination or refuses the document as not a letter. */
function extractsOrRefuses(normalized: NormalizedText): void {
  try {
    const determination = extractDetermination(normalized);
    expect(determinationSchema.safeParse(determination).error).toBeUndefined();
  } catch (error) {
    expect(PipelineError.is(error) && error.code === 'not_imr_letter').toBe(true);
  }
}

describe('extractDetermination on arbitrary input', () => {
  it('returns a valid determination or refuses with not_imr_letter (raw text)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), document), (text) => extractsOrRefuses(asNormalized(text))),
      {
        numRuns: 400,
      },
    );
  });

  it('returns a valid determination or refuses with not_imr_letter (normalized text)', () => {
    fc.assert(
      fc.property(document, (text) => extractsOrRefuses(normalizeText(text))),
      { numRuns: 300 },
    );
  });

  it('returns a valid determination or refuses with not_imr_letter (arbitrary bytes)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), (bytes) =>
        extractsOrRefuses(normalizeBytes(Buffer.from(bytes))),
      ),
      { numRuns: 200 },
    );
  });

  it('finishes on long adversarial inputs', () => {
    const start = 'HOW THE IMR FINAL DETERMINATION WAS MADE\nCLINICAL CASE SUMMARY\n';
    const inputs = [
      `injured ${' '.repeat(200_000)}`,
      `Board Certified in ${'x'.repeat(200_000)}`,
      'Decision based on '.repeat(20_000),
      `1. ${'a '.repeat(100_000)}is medically necessary`,
      `${' '.repeat(300_000)}:`,
      `diagnoses include ${'a, '.repeat(50_000)}`,
      `IMR ISSUES, DECISIONS AND RATIONALES\n${'Decision rationale: x\n'.repeat(20_000)}`,
      `IMR ISSUES, DECISIONS AND RATIONALES\n${'A\n'.repeat(100_000)}Claims Administrator guideline: x`,
      `5 year old male ${'a '.repeat(100_000)}`,
      `MEDICAL PROFESSIONAL REVIEW\nISSUE AT DISPUTE:\n${'1. x is medically necessary\n'.repeat(20_000)}`,
    ];
    for (const input of inputs) extractsOrRefuses(asNormalized(start + input));
  });

  it('finds a layout in documents made of letter pieces, and finishes on long ones', () => {
    const long = fc
      .array(fc.tuple(fc.constantFrom(...FRAGMENTS), separator), { minLength: 200, maxLength: 400 })
      .map((parts) => parts.map(([p, s]) => p + s).join(''));
    fc.assert(
      fc.property(long, (text) => extractsOrRefuses(asNormalized(text))),
      { numRuns: 30 },
    );
    expect(detectLayout(FRAGMENTS.join('\n\n'))).not.toBeNull();
  });
});
