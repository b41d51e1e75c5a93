import { describe, expect, it } from 'vitest';
import { parseReviewer } from './reviewer.ts';

describe('parseReviewer', () => {
  it('reads the prose form', () => {
    expect(
      parseReviewer(
        'MAXIMUS Federal Services sent the complete case file to an expert reviewer. The expert reviewer is Board ' +
          'Certified in Anesthesiology, has a subspecialty in Pain Medicine and is licensed to practice in Texas. He/she',
      ),
    ).toEqual({
      role: 'expert reviewer',
      boardCertifications: ['Anesthesiology'],
      subspecialties: ['Pain Medicine'],
      specialties: [],
      licensure: ['TX'],
    });
    expect(
      parseReviewer(
        'to a physician reviewer. The physician reviewer is Board Certified in psychiatry and is licensed to practice in California.',
      ),
    ).toMatchObject({
      role: 'physician reviewer',
      boardCertifications: ['Psychiatry'],
      licensure: ['CA'],
    });
  });

  it('reads the credentials block', () => {
    const r = parseReviewer(
      'The Expert Reviewer has the following credentials:\n\nState(s) of Licensure: Texas, Illinois\n\n' +
        'Certification(s)/Specialty: Preventive Medicine, Occupational Medicine\n',
    );
    expect(r.licensure).toEqual(['TX', 'IL']);
    expect(r.specialties).toEqual(['Preventive Medicine', 'Occupational Medicine']);
  });

  it('keeps multi-word states and specialty names whole', () => {
    const r = parseReviewer(
      'is Board Certified in Physical Medicine and Rehabilitation and is licensed to practice in West Virginia and New York.',
    );
    expect(r.boardCertifications).toEqual(['Physical Medicine and Rehabilitation']);
    expect(r.licensure).toEqual(['WV', 'NY']);
  });
});
