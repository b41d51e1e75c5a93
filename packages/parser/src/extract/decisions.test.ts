import { describe, expect, it } from 'vitest';
import { numberedDecisions } from './numbered-decisions.ts';
import { titledDecisions } from './titled-decisions.ts';

describe('titledDecisions (layout 1)', () => {
  it('keeps colons inside titles and joins wrapped titles', () => {
    const region = [
      'KETAMINE 5% CREAM 60 GR. QTY: 1: Upheld',
      'Claims Administrator guideline: Decision based on MTUS.',
      'MAXIMUS guideline: Decision based on MTUS Page(s): 111.',
      'Decision rationale: Not recommended.',
      'FOLLOW UP VISITS WITH THE PSYCHOLOGIST (COGNITIVE BEHAVIOR',
      'THERAPY) #12: Overturned',
      'Claims Administrator guideline: None.',
      "Decision rationale: The Physician Reviewer's decision rationale: recommended.",
    ].join('\n\n');
    const decisions = titledDecisions(region);
    expect(decisions.map((d) => [d.item, d.outcome])).toEqual([
      ['KETAMINE 5% CREAM 60 GR. QTY: 1', 'upheld'],
      ['FOLLOW UP VISITS WITH THE PSYCHOLOGIST (COGNITIVE BEHAVIOR THERAPY) #12', 'overturned'],
    ]);
    expect(decisions[0]!.rationale).toBe('Not recommended.');
    expect(decisions[1]!.reviewerBasis).toBeNull();
    expect(decisions[1]!.rationale).toBe("The Physician Reviewer's decision rationale: recommended.");
  });

  it('leaves a running page footer out of the title', () => {
    const [, second] = titledDecisions(
      'A: Upheld\n\nDecision rationale: Fine.\n\nPage 2 of 4\n\nB 10MG: Overturned\n\nDecision rationale: Yes.',
    );
    expect(second).toMatchObject({ item: 'B 10MG', outcome: 'overturned' });
  });

  it('finds a title run into the end of the paragraph above it', () => {
    const rationale = `Decision rationale: ${'The records do not support the request. '.repeat(6)}`;
    const region = [
      'A: Upheld',
      `${rationale}As such, it is not necessary. KETAMINE 5% CREAM 60 GR. QTY: 1: Upheld`,
      'Decision rationale: No.',
    ].join('\n\n');
    expect(titledDecisions(region).map((d) => [d.item, d.outcome])).toEqual([
      ['A', 'upheld'],
      ['KETAMINE 5% CREAM 60 GR. QTY: 1', 'upheld'],
    ]);
  });

  it('reports an outcome word it does not know', () => {
    const [d] = titledDecisions('Lumbar MRI: Modified\n\nDecision rationale: Partly.');
    expect(d).toMatchObject({ item: 'Lumbar MRI', outcome: null, outcomeProblem: 'unknown-word' });
  });
});

describe('numberedDecisions (layouts 2 and 3)', () => {
  it('reads outcomes from prose in the present and past tense', () => {
    const region = [
      '1) MAXIMUS Federal Services, Inc. has determined the request for Lumbar MRI is not medically necessary and appropriate.',
      '2. Gabapentin 300mg #90 is medically necessary and appropriate.',
      '3. The retrospective request for a urine drug screen was not medically necessary.',
      '4. Acupuncture x 6 were medically necessary.',
      'Criteria:',
      '5. An injection is medically necessary when radiculopathy is documented.',
    ].join('\n\n');
    expect(numberedDecisions(region).map((d) => [d.item, d.outcome])).toEqual([
      ['Lumbar MRI', 'upheld'],
      ['Gabapentin 300mg #90', 'overturned'],
      ['urine drug screen', 'upheld'],
      ['Acupuncture x 6', 'overturned'],
    ]);
  });

  it('joins a title whose outcome word was split off into a paragraph of its own', () => {
    const region =
      '1. Right knee arthroscopy with partial medial meniscectomy:\n\nUpheld\n\n2. Hinged knee\n\nbrace: Overturned';
    expect(numberedDecisions(region).map((d) => [d.item, d.outcome])).toEqual([
      ['Right knee arthroscopy with partial medial meniscectomy', 'upheld'],
      ['Hinged knee brace', 'overturned'],
    ]);
  });

  it('prefers the occurrence of a number that carries the texts', () => {
    const region = [
      '1) The request for Lumbar MRI is not medically necessary and appropriate.',
      'Medical Qualifications follow.',
      '1. Lumbar MRI of the spine is not medically necessary and appropriate.',
      'Rationale Used by the Expert Reviewer:',
      'No red flags.',
    ].join('\n\n');
    expect(numberedDecisions(region)).toEqual([
      {
        item: 'Lumbar MRI of the spine',
        outcome: 'upheld',
        outcomeProblem: null,
        claimsAdministratorBasis: null,
        reviewerBasis: null,
        rationale: 'No red flags.',
      },
    ]);
  });
});
