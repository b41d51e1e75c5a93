import { LAYOUTS, TREATMENT_CATEGORIES } from '@imr/contracts';
import { describe, expect, it } from 'vitest';
import { generateCorpus, generateLetter } from './generate.ts';

describe('generateLetter', () => {
  it('is deterministic: the same seed and options give the same letter, another seed another', () => {
    expect(generateLetter(42)).toEqual(generateLetter(42));
    expect(generateLetter(42, { layout: 'maximus-imr' })).toEqual(
      generateLetter(42, { layout: 'maximus-imr' }),
    );
    expect(generateLetter(42).id).toBe('syn-42');
    expect(generateLetter(43).text).not.toBe(generateLetter(42).text);
    expect(generateCorpus(5, { seed: 9 })).toEqual(generateCorpus(5, { seed: 9 }));
  });

  it('follows its options', () => {
    for (const layout of LAYOUTS) {
      const letter = generateLetter(7, { layout, truncated: true, redactedAge: true, headerBlock: true });
      expect(letter.layout).toBe(layout);
      expect(letter.expected.warningsMention).toEqual(['redact', 'truncat']);
      expect(letter.expected.patient.age).toBeNull();
      expect(letter.text).toMatch(/\ba year[- ]old\b/);
      expect(letter.expected.caseNumber).toMatch(/^CM\d{2}-\d{7}$/);
      expect(letter.text).toContain(`Case Number: ${letter.expected.caseNumber}`);
      // A cut-off export ends inside a word of the last rationale.
      expect(letter.text.trimEnd()).not.toMatch(/[.:]$/);
    }
    const plain = generateLetter(7, {
      layout: 'imr-final-determination',
      headerBlock: false,
      truncated: false,
    });
    expect(plain.expected.caseNumber).toBeNull();
    expect(plain.text.startsWith('HOW THE IMR FINAL DETERMINATION WAS MADE')).toBe(true);
    expect(plain.expected.warningsMention ?? []).not.toContain('truncat');
  });

  it('starts each layout with its own headings', () => {
    const text = (layout: (typeof LAYOUTS)[number]) => generateLetter(3, { layout }).text;
    expect(text('maximus-imr')).toMatch(/^MAXIMUS FEDERAL SERVICES, INC\.\nIndependent Medical Review\n/);
    expect(text('maximus-imr')).toContain('\nDOCUMENTS REVIEWED\n');
    expect(text('maximus-imr')).toContain('\nIMR DECISION(S) AND RATIONALE(S)\n');
    const professional = text('medical-professional-review');
    for (const heading of [
      'MEDICAL PROFESSIONAL REVIEW',
      'ISSUE AT DISPUTE:',
      'CASE SUMMARY:',
      'DOCUMENTS REVIEWED FOR DETERMINATION:',
      'MEDICAL TREATMENT GUIDELINE(S) RELIED UPON BY PROFESSIONAL REVIEWER AND WHY:',
      'RATIONALE FOR WHY THE REQUESTED TREATMENT/SERVICE IS/WAS NOT MEDICALLY NECESSARY:',
      'MEDICAL REVIEWER QUALIFICATIONS:',
    ])
      expect(professional).toContain(heading);
    expect(text('imr-final-determination')).toContain('IMR ISSUES, DECISIONS AND RATIONALES');
  });
});

describe('a corpus of 200 letters', () => {
  const corpus = generateCorpus(200);
  const decisions = corpus.flatMap((l) => l.expected.decisions);

  it('covers every layout, treatment category, outcome and guideline body', () => {
    expect(new Set(corpus.map((l) => l.layout))).toEqual(new Set(LAYOUTS));
    expect(new Set(decisions.map((d) => d.category))).toEqual(new Set(TREATMENT_CATEGORIES));
    expect(new Set(decisions.map((d) => d.outcome))).toEqual(new Set(['upheld', 'overturned']));
    expect(new Set(decisions.flatMap((d) => d.sources))).toEqual(new Set(['MTUS', 'ACOEM', 'ODG']));
    expect(decisions.some((d) => d.pages.length === 0)).toBe(true);
    expect(decisions.some((d) => d.pages.some((p) => p.includes('-')))).toBe(true);
    const counts = new Set(corpus.map((l) => l.expected.decisions.length));
    for (const n of [1, 2, 3, 4, 5, 6]) expect(counts).toContain(n);
  });

  it('varies the reviewer, the patient and the damage', () => {
    const roles = new Set(corpus.map((l) => l.expected.reviewer?.role));
    expect(roles).toContain('expert reviewer');
    expect(roles).toContain('physician reviewer');
    expect(corpus.some((l) => l.text.includes('State(s) of Licensure: '))).toBe(true);
    expect(corpus.some((l) => /is Board Certified in .* and is licensed to practice in /.test(l.text))).toBe(
      true,
    );
    expect(corpus.some((l) => (l.expected.reviewer?.licensure.length ?? 0) > 1)).toBe(true);
    expect(new Set(corpus.map((l) => l.expected.patient.sex))).toEqual(new Set(['male', 'female']));
    expect(corpus.some((l) => / (man|woman)\b/.test(l.text))).toBe(true);
    expect(corpus.some((l) => l.expected.patient.occupation)).toBe(true);
    expect(
      corpus.some((l) => l.expected.patient.age === null && l.expected.warningsMention?.includes('redact')),
    ).toBe(true);
    expect(corpus.some((l) => l.expected.warningsMention?.includes('truncat'))).toBe(true);
    expect(corpus.some((l) => l.expected.caseNumber === null)).toBe(true);
    expect(corpus.some((l) => l.expected.dates)).toBe(true);
    expect(corpus.some((l) => / on \d{1,2}\/\d{1,2}\/\d{2}\b(?!\/)/.test(l.text))).toBe(true);
    expect(corpus.some((l) => / on \d{1,2}\/\d{1,2}\/\d{4}\b/.test(l.text))).toBe(true);
    expect(corpus.some((l) => l.text.includes('patient?s') || l.text.includes('worker?s'))).toBe(true);
    expect(corpus.some((l) => l.text.includes('§§9792.20'))).toBe(true);
  });

  it('writes titles the way letters do', () => {
    const titles = decisions.map((d) => d.item);
    expect(titles.some((t) => /QTY: \d+/.test(t))).toBe(true);
    expect(titles.some((t) => /#\d+$/.test(t))).toBe(true);
    expect(titles.some((t) => /\b\dx\d\b/.test(t))).toBe(true);
    expect(titles.some((t) => /\b(six|eight|four|twelve) /i.test(t))).toBe(true);
    expect(titles.some((t) => /\bTID\b/.test(t))).toBe(true);
    expect(titles.some((t) => /^[^:]+:\s/.test(t))).toBe(true);
    expect(decisions.some((d) => d.sessions !== undefined)).toBe(true);
    expect(decisions.some((d) => d.quantity !== undefined)).toBe(true);
  });

  it('has letters of realistic length', () => {
    const sizes = corpus.map((l) => Buffer.byteLength(l.text)).sort((a, b) => a - b);
    const median = sizes[sizes.length >> 1] as number;
    expect(median).toBeGreaterThan(4000);
    expect(median).toBeLessThan(9000);
    expect(sizes[0]).toBeGreaterThan(2000);
  });
});
