import type { Determination } from '@imr/contracts';
import { describe, expect, it } from 'vitest';
import { compareWithExpected } from './expected.ts';

const determination = {
  caseNumber: null,
  reviewer: {
    role: 'expert reviewer',
    boardCertifications: ['Anesthesiology'],
    subspecialties: ['Pain Medicine'],
    specialties: [],
    licensure: ['TX'],
  },
  patient: { age: null, sex: 'female', occupation: null },
  summary: 'A summary.',
  decisions: [
    {
      item: 'Pain Cream',
      outcome: 'upheld',
      treatment: { category: 'medication', quantity: null, sessions: null },
      citations: [{ body: 'MTUS', title: null, topic: null, pages: '111' }],
      claimsAdministratorBasis: null,
      reviewerBasis: null,
      rationale: 'See §§9792.20   - 9792.26.',
    },
  ],
  warnings: ['the letter appears truncated'],
} as unknown as Determination;

describe('compareWithExpected', () => {
  it('counts every listed field and every listed list element', () => {
    const result = compareWithExpected(determination, {
      caseNumber: null,
      reviewer: {
        role: 'expert reviewer',
        specialties: ['Anesthesiology', 'Pain Medicine'],
        licensure: ['TX'],
      },
      patient: { age: null, sex: 'female' },
      decisions: [
        { item: 'Pain Cream', outcome: 'upheld', category: 'medication', pages: ['111'], sources: ['MTUS'] },
      ],
      textContains: ['§§9792.20 - 9792.26'],
      warningsMention: ['truncat'],
    });
    expect(result).toEqual({ checked: 15, matched: 15, mismatches: [] });
  });

  it('reports each mismatch', () => {
    const result = compareWithExpected(determination, {
      caseNumber: 'CM13-0050844',
      reviewer: { specialties: ['Psychiatry'], licensure: ['CA'] },
      patient: { age: 42 },
      decisions: [{ item: 'Pain cream', sessions: 6, pages: [], sources: ['ODG'] }, { item: 'Other' }],
      textContains: ['absent text'],
      warningsMention: ['redacted'],
    });
    expect(result.checked).toBe(12);
    expect(result.matched).toBe(0);
    expect(result.mismatches).toHaveLength(12);
    expect(result.mismatches[0]).toMatch(/^caseNumber: expected "CM13-0050844", got null$/);
  });

  it("scores the real letters' gold: heading starts, modified requests, certifications", () => {
    const request = { original: 'Baclofen 100mg #30', authorized: 'Baclofen 100mg #27' };
    const real = {
      ...determination,
      decisions: [
        { ...determination.decisions[0]!, request: null },
        { ...determination.decisions[0]!, item: 'Baclofen 100mg #3', request },
      ],
    } as Determination;
    const gold = {
      reviewerBoardCertifications: ['Pain Medicine'],
      decisions: [
        { itemStartsWith: 'Pain', outcome: 'upheld', item: 'Pain Cream' },
        {
          itemStartsWith: 'Baclofen 100mg #30 was the',
          modifiedRequest: true,
          remainingItemStartsWith: 'Baclofen 100mg #3',
        },
      ],
    };
    expect(compareWithExpected(real, gold)).toEqual({ checked: 8, matched: 8, mismatches: [] });
    const wrong = compareWithExpected(real, {
      reviewerBoardCertifications: ['Psychiatry'],
      decisions: [
        { itemStartsWith: 'Cream', modifiedRequest: true },
        {
          itemStartsWith: 'Baclofen 100mg #3 was',
          modifiedRequest: false,
          remainingItemStartsWith: 'Baclofen 100mg #30',
        },
      ],
    });
    expect(wrong.checked).toBe(7);
    expect(wrong.matched).toBe(1);
  });
});
