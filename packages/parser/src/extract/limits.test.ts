import { determinationSchema } from '@imr/contracts';
import { describe, expect, it } from 'vitest';
import { hostileLetter } from '../../test-letters/hostile.ts';
import { seedLetters, testLetters } from '../../test-letters/load.ts';
import { normalizeBytes, normalizeText } from '../normalize/index.ts';
import { extractDetermination } from './extract-determination.ts';
import { cutTo, LIMITS } from './limits.ts';

const extract = (text: string) => {
  const determination = extractDetermination(normalizeText(text));
  expect(determinationSchema.safeParse(determination).error).toBeUndefined();
  return determination;
};

/** A layout 1 letter with one item and the given parts. */
function letter(parts: {
  reviewer?: string;
  summary?: string;
  title?: string;
  claims?: string;
  basis?: string;
  rationale?: string;
  more?: string;
}): string {
  return `HOW THE IMR FINAL DETERMINATION WAS MADE

The expert reviewer is Board Certified in Anesthesiology${parts.reviewer ?? ''} and is licensed to practice in Texas.

CLINICAL CASE SUMMARY

The patient is a 45 year old male ${parts.summary ?? ''} injured his back on 11/13/03 due to a fall.

IMR ISSUES, DECISIONS AND RATIONALES

${parts.title ?? 'KETAMINE 5% CREAM 60 GR. QTY: 1'}: Upheld

Claims Administrator guideline: ${parts.claims ?? 'Decision based on MTUS Chronic Pain Treatment Guidelines.'}

MAXIMUS guideline: ${parts.basis ?? 'Decision based on MTUS Chronic Pain Treatment Guidelines, Topical analgesics Page(s): 111-112.'}

Decision rationale: ${parts.rationale ?? 'Topical analgesics are largely experimental. The request is not medically necessary.'}
${parts.more ?? ''}`;
}

const words = (count: number) => Array.from({ length: count }, (_, i) => `word${i}`).join(' ');

describe('field limits', () => {
  it('cut an item title to its limit, with a warning', () => {
    const d = extract(
      hostileLetter({ layout: 'maximus', runs: [{ slot: 'title', unit: ' lumbar spine' }] }, 20_000),
    );
    const item = d.decisions[0]!.item;
    expect(item.length).toBeLessThanOrEqual(LIMITS.item);
    expect(item.length).toBeGreaterThan(LIMITS.item - 20);
    expect(item.startsWith('Gabapentin 300mg capsule lumbar spine')).toBe(true);
    expect(d.warnings).toContain(
      `decision 1: the item title is longer than ${LIMITS.item} characters; it is cut to that length`,
    );
  });

  it('cut the three texts of a decision and the case summary, with a warning each', () => {
    const long = `${words(6_000)}.`;
    const d = extract(letter({ summary: long, claims: long, basis: long, rationale: long }));
    const [decision] = d.decisions;
    for (const text of [
      d.summary,
      decision!.claimsAdministratorBasis,
      decision!.reviewerBasis,
      decision!.rationale,
    ]) {
      expect(text!.length).toBeLessThanOrEqual(LIMITS.text);
      expect(text!.length).toBeGreaterThan(LIMITS.text - 20);
    }
    expect(decision!.rationale!.startsWith('word0 word1 word2')).toBe(true);
    const cut = (what: string) =>
      `${what} is longer than ${LIMITS.text} characters; it is cut to that length`;
    expect(d.warnings).toEqual(
      expect.arrayContaining([
        cut('the case summary'),
        cut("decision 1: the claims administrator's basis"),
        cut("decision 1: the reviewer's basis"),
        cut('decision 1: the rationale'),
      ]),
    );
  });

  it('keep the first citations of a decision, and cut long titles and page lists', () => {
    const many = Array.from({ length: 30 }, (_, i) => `Decision based on ODG Guidelines topic ${i}.`).join(
      ' ',
    );
    const d = extract(letter({ basis: many }));
    expect(d.decisions[0]!.citations).toHaveLength(LIMITS.citations);
    expect(d.decisions[0]!.citations[0]!.topic).toBe('topic 0');
    expect(d.warnings).toContain(
      `decision 1: guideline citations: 30 found; only the first ${LIMITS.citations} are kept`,
    );

    const pages = Array.from({ length: 60 }, (_, i) => i + 1).join(', ');
    const long = extract(letter({ basis: `Decision based on ${words(100)} Guidelines Page(s): ${pages}.` }));
    const [citation] = long.decisions[0]!.citations;
    expect(citation!.title!.length).toBeLessThanOrEqual(LIMITS.citationTitle);
    expect(citation!.title!.startsWith('word0 word1')).toBe(true);
    expect(citation!.pages!.length).toBeLessThanOrEqual(LIMITS.citationPages);
    expect(citation!.pages!.startsWith('1,2,3,')).toBe(true);
    expect(long.warnings).toEqual(
      expect.arrayContaining([
        `decision 1: 1 citation title(s) longer than ${LIMITS.citationTitle} characters; each is cut to that length`,
        `decision 1: 1 citation page list(s) longer than ${LIMITS.citationPages} characters; each is cut to that length`,
      ]),
    );
  });

  it("keep the reviewer's first names and cut a long occupation", () => {
    const boards = Array.from({ length: 30 }, (_, i) => `, Board Certified in Specialty${i}`).join('');
    const d = extract(letter({ reviewer: boards, summary: `${'a'.repeat(300)}` }));
    expect(d.reviewer.boardCertifications).toHaveLength(LIMITS.names);
    expect(d.reviewer.boardCertifications[0]).toBe('Anesthesiology');
    expect(d.patient.occupation).toBe('a'.repeat(LIMITS.occupation));
    expect(d.warnings).toEqual(
      expect.arrayContaining([
        `the reviewer's board certifications: 31 found; only the first ${LIMITS.names} are kept`,
        `the patient's occupation is longer than ${LIMITS.occupation} characters; it is cut to that length`,
      ]),
    );
  });

  it('keep the first decisions of a letter', () => {
    const more = Array.from(
      { length: 150 },
      (_, i) => `\nITEM ${i}: Overturned\n\nDecision rationale: The request is medically necessary.\n`,
    ).join('');
    const d = extract(letter({ more }));
    expect(d.decisions).toHaveLength(LIMITS.decisions);
    expect(d.decisions[1]!.item).toBe('ITEM 0');
    expect(d.warnings).toContain(`disputed items: 151 found; only the first ${LIMITS.decisions} are kept`);
  });

  it('leave real letters as they are', () => {
    for (const { bytes } of [...seedLetters(), ...testLetters()]) {
      const d = extractDetermination(normalizeBytes(bytes));
      expect(d.warnings.filter((w) => /longer than|found; only the first/.test(w))).toEqual([]);
    }
  });

  it('never split a surrogate pair', () => {
    expect(cutTo('ab\u{1F600}c', 3)).toBe('ab');
    expect(cutTo('ab\u{1F600}c', 4)).toBe('ab\u{1F600}');
    expect(cutTo('abc  d', 5)).toBe('abc');
  });
});
