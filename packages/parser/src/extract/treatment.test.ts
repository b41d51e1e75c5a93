import { describe, expect, it } from 'vitest';
import { parseTreatment } from './treatment.ts';

const t = (title: string, rationale: string | null = null) => parseTreatment(title, rationale);

describe('parseTreatment', () => {
  it('reads drug, strength, form, frequency and quantity of a medication', () => {
    expect(t('Morphine sulfate ER 30mg 1 tab q 9H #90')).toEqual({
      category: 'medication',
      drug: 'Morphine sulfate ER',
      strength: '30mg',
      form: 'tablet',
      frequency: 'q 9H',
      quantity: 90,
      sessions: null,
    });
    expect(t('CAPSAICIN 0.075% CREAM QTY: 1')).toMatchObject({
      drug: 'CAPSAICIN',
      strength: '0.075%',
      form: 'cream',
      quantity: 1,
    });
    expect(t('DSS 100MG SOFTGEL QTY: 180')).toMatchObject({
      strength: '100mg',
      form: 'softgel',
      quantity: 180,
    });
    expect(t('Baclofen 10mg tablet qty:90')).toMatchObject({ quantity: 90, frequency: null });
    expect(t('Pain Cream')).toMatchObject({
      category: 'medication',
      drug: null,
      form: 'cream',
      quantity: null,
    });
  });

  it('counts sessions: #12, 2x3, words and times a week', () => {
    expect(t('PHYSICAL THERAPY SESSIONS FOR LUMBAR SPINE #12')).toMatchObject({
      category: 'physical-therapy',
      sessions: 12,
    });
    expect(t('Lumbar Acupuncture 2x3')).toMatchObject({ category: 'acupuncture', sessions: 6 });
    expect(t('Chronic pain physical therapy evaluation and six visits of treatment').sessions).toBe(6);
    expect(t('6 massage therapy sessions for the low back')).toMatchObject({
      category: 'massage',
      sessions: 6,
    });
    expect(t('Physical therapy 2 times a week for 4 weeks').sessions).toBe(8);
    expect(t('Home health aide 4 hours per day, 5 days a week for 2 weeks').sessions).toBe(10);
    expect(t('Aquatic therapy 3 visits per week for 4 weeks').sessions).toBe(12);
    expect(t('Chiropractic manipulation x 6 visits')).toMatchObject({
      category: 'chiropractic',
      sessions: 6,
    });
  });

  it('puts each item in the most specific category', () => {
    expect(t('FOLLOW UP VISITS WITH THE PSYCHOLOGIST (COGNITIVE BEHAVIOR THERAPY) #12').category).toBe(
      'psychotherapy',
    );
    expect(t('Follow Up with Spine Surgeon').category).toBe('office-visit');
    expect(t('Right knee arthroscopy with partial medial meniscectomy').category).toBe('surgery');
    expect(t('Lumbar epidural steroid injection at L4-L5').category).toBe('injection');
    expect(t('MRI of the lumbar spine').category).toBe('imaging');
    expect(t('EMG/NCV of the lower extremities').category).toBe('diagnostic-test');
    expect(t('Urine drug screen').category).toBe('diagnostic-test');
    expect(t('TENS unit rental').category).toBe('dme');
    expect(t('Home health aide 4 hours per day').category).toBe('home-health');
    expect(t('Morphine sulfate extended release 15mg').category).toBe('medication');
    expect(
      t('Unlisted request', 'Acupuncture is used as an option when pain medication is reduced.').category,
    ).toBe('acupuncture');
    expect(t('Unlisted request', 'Nothing to go by.').category).toBe('other');
  });
});
