import { describe, expect, it } from 'vitest';
import { parseCitations } from './citations.ts';

describe('parseCitations', () => {
  it('gives one citation per "Decision based on" sentence', () => {
    const basis =
      'Decision based on MTUS Chronic Pain Treatment Guidelines Physical Medicine Page(s): 98.  Decision based on ' +
      'Non-MTUS Citation Official Disability Guidelines (ODG) Low Back - Lumbar & Thoracic (Acute & Chronic), Physical therapy.';
    expect(parseCitations(basis)).toEqual([
      {
        body: 'MTUS',
        title: 'MTUS Chronic Pain Treatment Guidelines',
        topic: 'Physical Medicine',
        pages: '98',
      },
      {
        body: 'ODG',
        title: 'Official Disability Guidelines (ODG)',
        topic: 'Low Back - Lumbar & Thoracic (Acute & Chronic), Physical therapy',
        pages: null,
      },
    ]);
  });

  it('files an MTUS ACOEM chapter under ACOEM and skips section numbers in the topic', () => {
    expect(
      parseCitations('Decision based on MTUS ACOEM Chapter 12 Low Back Complaints Page(s): 303.'),
    ).toEqual([
      { body: 'ACOEM', title: 'MTUS ACOEM Chapter 12', topic: 'Low Back Complaints', pages: '303' },
    ]);
    const [c] = parseCitations(
      'Decision based on MTUS Chronic Pain Treatment Guidelines 9792.20, Topical analgesics Page(s): 111-112.',
    );
    expect(c).toMatchObject({ topic: 'Topical analgesics', pages: '111-112' });
  });

  it('reads the prose of layouts 2 and 3', () => {
    const basis =
      'The Expert Reviewer based his/her decision on the ACOEM Practice Guidelines, 2nd Edition, Chapter 12, Low Back ' +
      'Complaints, pages 303-304, which are part of the MTUS. The Expert Reviewer also cited the Official Disability ' +
      'Guidelines (ODG), Low Back Chapter, MRIs, which is not part of the MTUS.';
    expect(parseCitations(basis).map((c) => [c.body, c.pages])).toEqual([
      ['ACOEM', '303-304'],
      ['ODG', null],
    ]);
    expect(
      parseCitations(
        'The professional reviewer relied upon the MTUS Chronic Pain Medical Treatment Guidelines, ESIs, page 46, because ...',
      ),
    ).toEqual([
      { body: 'MTUS', title: 'MTUS Chronic Pain Medical Treatment Guidelines', topic: 'ESIs', pages: '46' },
    ]);
  });

  it('gives none for a basis that names no guideline', () => {
    expect(
      parseCitations('The Claims Administrator did not cite any medical evidence for its decision.'),
    ).toEqual([]);
    expect(parseCitations(null)).toEqual([]);
  });
});
