import { describe, expect, it } from 'vitest';
import { extractDetermination } from './extract-determination.ts';

const letter = (itemLine: string) =>
  [
    'HOW THE IMR FINAL DETERMINATION WAS MADE',
    'MAXIMUS Federal Services sent the complete case file to an expert reviewer.',
    'CLINICAL CASE SUMMARY',
    'The patient is a year old male injured on 1/2/12. Treatment has included medications.',
    'IMR ISSUES, DECISIONS AND RATIONALES',
    itemLine,
    'Claims Administrator guideline: Decision based on MTUS Chronic Pain Treatment Guidelines.',
    'MAXIMUS guideline: Decision based on MTUS Chronic Pain Treatment Guidelines Page(s): 111.',
    'Decision rationale: The request is not medically necessary.',
  ].join('\n\n');

describe('warnings', () => {
  it('names an outcome word the parser does not know and leaves the outcome null', () => {
    const d = extractDetermination({
      text: letter('Lidocaine 5% patch #30: Modified'),
      encoding: 'utf-8',
      repairs: [],
      warnings: [],
    });
    expect(d.decisions[0]).toMatchObject({ item: 'Lidocaine 5% patch #30', outcome: null });
    expect(d.warnings.some((w) => /outcome word/.test(w))).toBe(true);
    expect(d.warnings.some((w) => /redacted/.test(w))).toBe(true);
    expect(d.warnings.some((w) => /truncat/.test(w))).toBe(false);
  });

  it('carries over encoding repairs and the normalizer warnings', () => {
    const d = extractDetermination({
      text: letter('Lidocaine 5% patch #30: Upheld'),
      encoding: 'windows-1252',
      repairs: [
        { name: 'mojibake', count: 2 },
        { name: 'line-endings', count: 40 },
      ],
      warnings: ['running page headers removed'],
    });
    expect(d.warnings).toContain('repaired encoding: mojibake (2)');
    expect(d.warnings).toContain('running page headers removed');
    expect(d.warnings.some((w) => /line-endings/.test(w))).toBe(false);
  });

  it('notices a letter cut short', () => {
    const text = `${letter('Lidocaine 5% patch #30: Upheld')} Given the great number of visits already s`;
    const d = extractDetermination({ text, encoding: 'utf-8', repairs: [], warnings: [] });
    expect(d.warnings.some((w) => /truncat/.test(w))).toBe(true);
  });

  it('does not take a closing copy list for a cut', () => {
    const text = `${letter('Lidocaine 5% patch #30: Upheld')}\n\ncc: Example Insurance Company, 100 Main Street, Sacramento, California 95800`;
    const d = extractDetermination({ text, encoding: 'utf-8', repairs: [], warnings: [] });
    expect(d.warnings.some((w) => /truncat/.test(w))).toBe(false);
  });
});
