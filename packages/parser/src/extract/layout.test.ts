import { PipelineError } from '@imr/contracts';
import { describe, expect, it } from 'vitest';
import { extractDetermination } from './extract-determination.ts';
import { detectLayout } from './layout.ts';

const normalized = (text: string) => ({ text, encoding: 'utf-8', repairs: [], warnings: [] });

const NOT_LETTERS = {
  email: 'Hi team,\n\nThe IMR meeting moved to Tuesday. Please bring the MAXIMUS invoices.\n\nThanks,\nDana',
  lease:
    'RESIDENTIAL LEASE AGREEMENT\n\nThis lease is made between the Landlord and the Tenant for the premises at ' +
    '12 Main Street. Rent is due on the first day of each month.',
  bill:
    'STATEMENT OF SERVICES\n\nPatient account 4411. Physical therapy, 6 visits: $840.00. The services were ' +
    'medically necessary and appropriate. Decision rationale: payment due in 30 days.',
};

describe('detectLayout', () => {
  it('recognises each layout from its headings', () => {
    expect(detectLayout('HOW THE IMR FINAL DETERMINATION WAS MADE\n\nCLINICAL CASE SUMMARY\n')).toBe(
      'imr-final-determination',
    );
    expect(detectLayout('MAXIMUS FEDERAL SERVICES, INC.\nIndependent Medical Review\n')).toBe('maximus-imr');
    expect(detectLayout('MEDICAL PROFESSIONAL REVIEW\n\nISSUE AT DISPUTE:\n')).toBe(
      'medical-professional-review',
    );
  });

  it.each(Object.entries(NOT_LETTERS))('finds none in a %s', (_kind, text) => {
    expect(detectLayout(text)).toBeNull();
  });
});

describe('documents that are not IMR letters', () => {
  it.each(Object.entries(NOT_LETTERS))('a %s is refused with not_imr_letter', (_kind, text) => {
    expect(() => extractDetermination(normalized(text))).toThrow(PipelineError);
    try {
      extractDetermination(normalized(text));
    } catch (error) {
      expect(PipelineError.is(error) && error.code).toBe('not_imr_letter');
    }
  });

  it('headings alone, with neither summary nor item, are refused too', () => {
    expect(() =>
      extractDetermination(
        normalized('HOW THE IMR FINAL DETERMINATION WAS MADE\n\nIMR ISSUES, DECISIONS AND RATIONALES\n'),
      ),
    ).toThrow(/neither a case summary nor an item/);
  });
});
