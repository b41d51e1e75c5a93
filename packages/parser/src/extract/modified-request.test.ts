import { determinationSchema } from '@imr/contracts';
import { describe, expect, it } from 'vitest';
import { normalizeText } from '../normalize/index.ts';
import { extractDetermination } from './extract-determination.ts';
import { readModifiedRequest } from './modified-request.ts';

const NORCO =
  'Norco 10/325mg #60 was the original request. Norco 10/325mg #25 was authorized by the Claims ' +
  'Administrator. The remaining IMR eligible portion of the original request, Norco 10/325mg #35 is';
const REHAB =
  'Acute inpatient rehabilitation for 14 days was the original request. The Claims Administrator ' +
  'authorized Skilled nursing facility for 7 days, leaving the original request IMR eligible. The ' +
  'original request, Acute inpatient rehabilitation for 14 days is';

describe('readModifiedRequest', () => {
  it('reads the remaining portion, the original request and what was authorized', () => {
    expect(readModifiedRequest(NORCO)).toEqual({
      item: 'Norco 10/325mg #35',
      request: { original: 'Norco 10/325mg #60', authorized: 'Norco 10/325mg #25' },
    });
    // "Z: Upheld" without "is", and "… original request is Z".
    expect(readModifiedRequest(NORCO.replace(/, (Norco 10\/325mg #35) is$/, ' is $1'))?.item).toBe(
      'Norco 10/325mg #35',
    );
    expect(readModifiedRequest(NORCO.replace(/ is$/, ''))?.item).toBe('Norco 10/325mg #35');
  });

  it('takes the original request as decided when the authorization left it IMR eligible', () => {
    const rehab = { original: 'Acute inpatient rehabilitation for 14 days', authorized: null };
    expect(readModifiedRequest(REHAB)).toEqual({
      item: 'Acute inpatient rehabilitation for 14 days',
      request: { ...rehab, authorized: 'Skilled nursing facility for 7 days' },
    });
    // Without the first sentence, the original request is the one the last sentence names.
    const rest = REHAB.slice(REHAB.indexOf('The Claims'));
    expect(readModifiedRequest(rest)).toEqual({
      item: rehab.original,
      request: { ...rehab, authorized: 'Skilled nursing facility for 7 days' },
    });
    expect(readModifiedRequest('The original request, Acupuncture x6 is')).toEqual({
      item: 'Acupuncture x6',
      request: { original: 'Acupuncture x6', authorized: null },
    });
  });

  it('leaves plain headings alone', () => {
    for (const heading of [
      'Norco 10/325mg #60',
      'MRI of the lumbar spine without contrast',
      'The original request for MRI was modified',
      'Norco 10/325mg #60 was the original request',
    ]) {
      expect(readModifiedRequest(heading)).toBeNull();
    }
  });

  it('keeps the decided portion when the heading does not name the original request', () => {
    expect(
      readModifiedRequest('The remaining IMR eligible portion of the original request, Norco #35 is'),
    ).toEqual({ item: 'Norco #35', request: null });
    // A numbered layout's lead-in ("… has determined the …") takes the "The".
    expect(readModifiedRequest('remaining IMR eligible portion of the original request, Norco #35')).toEqual({
      item: 'Norco #35',
      request: null,
    });
  });
});

const extract = (text: string) => {
  const determination = extractDetermination(normalizeText(text));
  expect(determinationSchema.safeParse(determination).error).toBeUndefined();
  return determination;
};

const LABELS = `Claims Administrator guideline: Decision based on MTUS Chronic Pain Treatment Guidelines.

MAXIMUS guideline: Decision based on MTUS Chronic Pain Treatment Guidelines, Opioids Page(s): 78.

Decision rationale:`;

/** A layout 1 letter whose decisions region is `decisions`. */
const finalLetter = (decisions: string) => `HOW THE IMR FINAL DETERMINATION WAS MADE

The expert reviewer is Board Certified in Anesthesiology and is licensed to practice in Texas.

CLINICAL CASE SUMMARY

The patient is a 45 year old male who injured his back on 11/13/03 due to a fall.

IMR ISSUES, DECISIONS AND RATIONALES

The Final Determination was based on decisions for the disputed items/services set forth below:

${decisions}`;

const RATIONALE = `${LABELS} Opioids need documented functional improvement. ${'The records do not show it. '.repeat(5)}The request is not medically necessary.`;

describe('modified requests in layout 1', () => {
  it('decides the remaining portion, with its treatment read from it (#35, not #60)', () => {
    const d = extract(finalLetter(`${NORCO}: Upheld\n\n${RATIONALE}`));
    expect(d.decisions).toHaveLength(1);
    expect(d.decisions[0]).toMatchObject({
      item: 'Norco 10/325mg #35',
      outcome: 'upheld',
      request: { original: 'Norco 10/325mg #60', authorized: 'Norco 10/325mg #25' },
      treatment: { category: 'medication', quantity: 35 },
    });
  });

  it('reads the heading when it follows the previous rationale with no blank line', () => {
    const d = extract(
      finalLetter(`MRI of the lumbar spine: Upheld\n\n${RATIONALE} ${NORCO}: Upheld\n\n${RATIONALE}`),
    );
    expect(d.decisions.map((x) => [x.item, x.request?.original ?? null])).toEqual([
      ['MRI of the lumbar spine', null],
      ['Norco 10/325mg #35', 'Norco 10/325mg #60'],
    ]);
    expect(d.decisions[0]!.rationale).toMatch(/The request is not medically necessary\.$/);
  });

  it('reads a heading wrapped over lines and split by a page break', () => {
    const wrapped = [
      'Norco 10/325mg #60 was the original request. Norco 10/325mg #25 was authorized',
      '\fPage 3 of 5',
      'CM16-0213037',
      'by the Claims Administrator. The remaining IMR eligible portion of the original request,',
      'Norco 10/325mg #35 is: Overturned',
    ].join('\n');
    const d = extract(
      finalLetter(`MRI of the lumbar spine: Upheld\n\n${RATIONALE}\n${wrapped}\n${RATIONALE}`),
    );
    expect(d.decisions[1]).toMatchObject({
      item: 'Norco 10/325mg #35',
      outcome: 'overturned',
      request: { original: 'Norco 10/325mg #60', authorized: 'Norco 10/325mg #25' },
    });
  });

  it('reads a heading right after a page break, and one that leaves the original request eligible', () => {
    const d = extract(
      finalLetter(`MRI of the lumbar spine: Upheld\n\n${RATIONALE}\f${REHAB}: Overturned\n\n${RATIONALE}`),
    );
    expect(d.decisions[1]).toMatchObject({
      item: 'Acute inpatient rehabilitation for 14 days',
      outcome: 'overturned',
      request: {
        original: 'Acute inpatient rehabilitation for 14 days',
        authorized: 'Skilled nursing facility for 7 days',
      },
    });
  });

  it('sets request to null for plain headings', () => {
    const d = extract(finalLetter(`MRI of the lumbar spine: Upheld\n\n${RATIONALE}`));
    expect(d.decisions[0]!.request).toBeNull();
  });
});

describe('modified requests in layouts 2 and 3', () => {
  /** A MAXIMUS (layout 2) letter with `intro` under its first heading and `decisions` under the last. */
  const maximusLetter = (intro: string, decisions: string) => `MAXIMUS FEDERAL SERVICES, INC.
Independent Medical Review

INDEPENDENT MEDICAL REVIEW DECISION AND RATIONALE

${intro}

Expert Reviewer Case Summary:

The patient is a 47 year old woman who sustained an industrial injury on 3/4/10.

IMR DECISION(S) AND RATIONALE(S)

${decisions}
`;
  const NORCO_DECIDED = {
    item: 'Norco 10/325mg #35',
    outcome: 'upheld',
    request: { original: 'Norco 10/325mg #60', authorized: 'Norco 10/325mg #25' },
    treatment: { quantity: 35 },
  };

  it('reads a numbered statement wrapped over lines, a paragraph ending after its first sentence', () => {
    const statement = [
      '1. Norco 10/325mg #60 was the original request.',
      'Norco 10/325mg #25 was authorized by the Claims Administrator. The remaining IMR eligible portion',
      'of the original request, Norco 10/325mg #35 is not medically necessary and appropriate.',
    ].join('\n');
    const d = extract(
      maximusLetter(
        'A decision has been made for each of the treatment and/or services that were in dispute.',
        `${statement}

Medical Treatment Guideline(s) Relied Upon by the Expert Reviewer:

The Expert Reviewer based his/her decision on the MTUS Chronic Pain Medical Treatment Guidelines, Opioids, pages 76-80.

Rationale Used by the Expert Reviewer:

The records do not document functional improvement. The request is not medically necessary.`,
      ),
    );
    expect(d.layout).toBe('maximus-imr');
    expect(d.decisions).toHaveLength(1);
    expect(d.decisions[0]).toMatchObject(NORCO_DECIDED);
  });

  it('reads a statement after the MAXIMUS lead-in', () => {
    const d = extract(
      maximusLetter(
        `1) MAXIMUS Federal Services, Inc. has determined that Norco 10/325mg #60 was the original request.
Norco 10/325mg #25 was authorized by the Claims Administrator. The remaining IMR eligible portion
of the original request, Norco 10/325mg #35 is not medically necessary and appropriate.`,
        'The records do not document functional improvement. The request is not medically necessary.',
      ),
    );
    expect(d.decisions).toHaveLength(1);
    expect(d.decisions[0]).toMatchObject(NORCO_DECIDED);
  });

  it('reads a medical professional review item', () => {
    const d = extract(`MEDICAL PROFESSIONAL REVIEW
Independent Medical Review Final Determination

ISSUE AT DISPUTE:

1) Acupuncture #12

CASE SUMMARY:

The injured worker is a 39-year-old female who sustained an industrial injury on 6/14/17.

DOCUMENTS REVIEWED FOR DETERMINATION:

1. Application for Independent Medical Review, 02/20/2019

1) Acupuncture #12 was the original request. Acupuncture #6 was authorized by the Claims
Administrator. The remaining IMR eligible portion of the original request, Acupuncture #6 is
medically necessary and appropriate.

RATIONALE FOR WHY THE REQUESTED TREATMENT/SERVICE IS/WAS NOT MEDICALLY NECESSARY:

Acupuncture may be extended with documented functional improvement, which is documented.
`);
    expect(d.layout).toBe('medical-professional-review');
    expect(d.decisions[0]).toMatchObject({
      item: 'Acupuncture #6',
      outcome: 'overturned',
      request: { original: 'Acupuncture #12', authorized: 'Acupuncture #6' },
      treatment: { category: 'acupuncture', sessions: 6 },
    });
  });
});
