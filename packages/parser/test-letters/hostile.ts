/**
 * Hostile letters for the parser's linear-time test and benchmark: a short letter of each layout with
 * places (slots) where long runs of a unit go: separators after a guideline name, digits in a drug
 * name, labels and decision headings repeated, short lines, long lines, spaces after a header label...
 * A letter is built to a size, so the same shape can be parsed at 10 KB and at 1 MB.
 */

export const HOSTILE_LAYOUTS = ['final', 'final-titles-only', 'maximus', 'professional'] as const;
export type HostileLayout = (typeof HOSTILE_LAYOUTS)[number];

export const HOSTILE_SLOTS = [
  'header',
  'qualifications',
  'licensure',
  'summary',
  'drug',
  'title',
  'citation',
  'rationale',
  'end',
] as const;
export type HostileSlot = (typeof HOSTILE_SLOTS)[number];

/**
 * A run of `unit` repeated, between `lead` and `tail` (written once). `{n}` in the unit becomes the
 * repetition's number (base 36), for runs of distinct names.
 */
export interface HostileRun {
  slot: HostileSlot;
  unit: string;
  lead?: string;
  tail?: string;
}

export interface HostileShape {
  layout: HostileLayout;
  runs: HostileRun[];
}

// Each template holds every slot once, as {slot}. Layout 1 with labels, layout 1 whose items are title
// lines only, layout 2 (MAXIMUS) and layout 3 (medical professional review).
const TEMPLATES: Record<HostileLayout, string> = {
  final: `{header}Case Number: CM13-0050844
Date of Injury: 11/13/03
Priority: Standard

Page 1 of 2

HOW THE IMR FINAL DETERMINATION WAS MADE

MAXIMUS Federal Services sent the complete case file to an expert reviewer. The expert reviewer is
Board Certified in Anesthesiology{qualifications} and is licensed to practice in Texas.

State(s) of Licensure: Texas{licensure}
Certification(s)/Specialty: Anesthesiology

CLINICAL CASE SUMMARY

The patient is a 45 year old male injured on 11/13/03 due to a fall{summary}. Current diagnoses include
sciatica and lumbar strain.

IMR ISSUES, DECISIONS AND RATIONALES

The Final Determination was based on decisions for the disputed items/services set forth below:

KETAMINE{drug} 5% CREAM 60 GR{title}. QTY: 1: Upheld

Claims Administrator guideline: Decision based on MTUS Chronic Pain Treatment Guidelines.

MAXIMUS guideline: Decision based on MTUS Chronic Pain Treatment Guidelines{citation} 9792.20, Topical
analgesics Page(s): 111-112.

Decision rationale: Topical analgesics are largely experimental{rationale}. The request is not
medically necessary.
{end}`,
  'final-titles-only': `{header}Case Number: CM13-0050844
Priority: Standard

HOW THE IMR FINAL DETERMINATION WAS MADE

The expert reviewer is Board Certified in Anesthesiology{qualifications} and is licensed to practice in
Texas. State(s) of Licensure: Texas{licensure}

CLINICAL CASE SUMMARY

The patient is a 45 year old male injured on 11/13/03 due to a fall{summary}.

IMR ISSUES, DECISIONS AND RATIONALES

KETAMINE{drug} 5% CREAM{title}: Upheld

Decision based on MTUS Chronic Pain Treatment Guidelines{citation}.

CAPSAICIN CREAM: Overturned

Topical analgesics are largely experimental{rationale}.
{end}`,
  maximus: `MAXIMUS FEDERAL SERVICES, INC.
Independent Medical Review

{header}IMR Case Number: CM13-0098765
Date of Injury: 3/4/2010
Priority: Standard

INDEPENDENT MEDICAL REVIEW DECISION AND RATIONALE

1) MAXIMUS Federal Services, Inc. has determined the request for MRI of the lumbar spine is not
medically necessary and appropriate.

Medical Qualifications of the Expert Reviewer:

The expert reviewer is Board Certified in Physical Medicine and Rehabilitation{qualifications} and is
licensed to practice in California. State(s) of Licensure: California{licensure}

Expert Reviewer Case Summary:

The patient is a 47 year old woman employed as a warehouse clerk who sustained an industrial injury on
3/4/10 while lifting a box{summary}. The diagnoses include lumbar strain.

DOCUMENTS REVIEWED

Application of Independent Medical Review, 9/9/2013

IMR DECISION(S) AND RATIONALE(S)

1. Gabapentin{drug} 300mg capsule{title} is not medically necessary and appropriate.

Medical Treatment Guideline(s) Relied Upon by the Claims Administrator:

The Claims Administrator based its decision on the ACOEM Practice Guidelines, 2nd Edition, Chapter 12.

Medical Treatment Guideline(s) Relied Upon by the Expert Reviewer:

The Expert Reviewer based his/her decision on the MTUS Chronic Pain Medical Treatment
Guidelines{citation}, Antiepilepsy drugs, pages 16-18.

Rationale Used by the Expert Reviewer:

Gabapentin is recommended for neuropathic pain{rationale}. The request is not medically necessary.
{end}`,
  professional: `MEDICAL PROFESSIONAL REVIEW
Independent Medical Review Final Determination

{header}Case Number: CM19-0101010
Date of Injury: 06/14/2017
Priority: Standard

ISSUE AT DISPUTE:

1) Gabapentin 300mg capsule TID #90

CASE SUMMARY:

The injured worker is a 39-year-old female who sustained an industrial injury on 6/14/17 while pulling
a pallet jack{summary}. The diagnoses have included lumbar disc herniation.

DOCUMENTS REVIEWED FOR DETERMINATION:

1. Application for Independent Medical Review, 02/20/2019

1) Gabapentin{drug} 300mg capsule{title} TID #90 is medically necessary and appropriate.

MEDICAL TREATMENT GUIDELINE(S) RELIED UPON BY PROFESSIONAL REVIEWER AND WHY:

The professional reviewer relied upon the MTUS Chronic Pain Medical Treatment Guidelines{citation},
Antiepilepsy drugs (AEDs), pages 16-18.

RATIONALE FOR WHY THE REQUESTED TREATMENT/SERVICE IS/WAS NOT MEDICALLY NECESSARY:

Gabapentin is a first-line treatment for neuropathic pain{rationale}. The request is medically
necessary and appropriate.

MEDICAL REVIEWER QUALIFICATIONS:

The physician reviewer is Board Certified in Anesthesiology{qualifications} and is licensed to practice
in California. State(s) of Licensure: California{licensure}
{end}`,
};

/** Units of runs: separators, digits, words and lines, labels, headings, encodings, header fields. */
export const HOSTILE_UNITS: readonly string[] = [
  ',',
  ';',
  ':',
  ' ',
  '-',
  '.',
  '\t',
  ', ',
  '. ',
  ': ',
  ' ,',
  ';-',
  '1',
  '1.',
  '12 ',
  '#1',
  'q1',
  'a',
  'A',
  '\n',
  'a\n',
  'A\n',
  ':\n',
  '-\n',
  '.\n',
  ' \n',
  '\n \n',
  'AB CD\n',
  'AB:\n',
  'post-\n',
  'Guidelines ',
  'Guideline, ',
  'Decision based on ',
  'relied upon the ',
  'Page(s) 1, ',
  'p. 1, ',
  'Chapter 1',
  'Page 1 of 2 ',
  'Decision rationale: x\n',
  'MAXIMUS guideline:\n',
  'Claims Administrator guideline:\n',
  'Rationale Used by the Expert Reviewer:\n',
  '1. a: Upheld\nMAXIMUS guideline:\n',
  '1) X is medically necessary.\n',
  'KETAMINE CREAM: Upheld\n',
  'A: Upheld\n\nDecision rationale: x\n\n',
  'CLINICAL CASE SUMMARY\n',
  'Upheld ',
  'injury due to ',
  'Board Certified in N{n}. ',
  'specializing in S{n}, ',
  'licensed to practice in ',
  'Priority ',
  'Date of Injury ',
  'CM13-',
  'Ã©',
  'â€™',
  'Ã ',
  '\u0093',
  '\u00a0',
  '?s ',
  'é',
  'was the original request. ',
  'was authorized by the Claims Administrator. ',
  'The remaining IMR eligible portion of the original request, ',
  'leaving the original request IMR eligible. The original request, ',
  'A was the original request.\n',
  'A was the original request. B was authorized by the Claims Administrator. The remaining IMR eligible portion of the original request, C: Upheld\n',
];

/**
 * Shapes that were super-linear in earlier versions of the parser (quadratic trims, regexes that
 * rescanned a run from each of its characters, scans of every label or name per entry), and the
 * shapes of what later versions read (modified requests' headings).
 */
export const REGRESSION_SHAPES: Record<string, HostileShape> = {
  /** Commas after a guideline name (the security review's case), spaces after a header label and in prose. */
  'separators after a guideline, a header label and in a rationale': {
    layout: 'final',
    runs: [
      { slot: 'citation', unit: ',' },
      { slot: 'header', lead: 'Priority', unit: ' ', tail: 'x' },
      { slot: 'rationale', unit: ' ', tail: 'x' },
    ],
  },
  /** A drug name with separators and digits before its strength. */
  'separators and digits in a drug name': {
    layout: 'professional',
    runs: [
      { slot: 'drug', unit: ', ', tail: 'x' },
      { slot: 'drug', unit: '1', tail: 'x' },
    ],
  },
  /** Tens of thousands of distinct board certifications. */
  'distinct reviewer names': {
    layout: 'final',
    runs: [{ slot: 'qualifications', unit: 'Board Certified in N{n}. ' }],
  },
  /** Numbered decision headings, each with a label under it (items x labels). */
  'numbered items and labels': {
    layout: 'maximus',
    runs: [{ slot: 'end', unit: '1. a: Upheld\nMAXIMUS guideline:\n' }],
  },
  /** Modified requests' headings, each with its rationale, and their phrases run into one title. */
  'modified request headings': {
    layout: 'final',
    runs: [
      {
        slot: 'end',
        unit: 'A was the original request. B was authorized by the Claims Administrator. The remaining IMR eligible portion of the original request, C: Upheld\nDecision rationale: x. ',
      },
      {
        slot: 'title',
        unit: 'was the original request. The remaining IMR eligible portion of the original request, ',
      },
    ],
  },
  /** Numbered statements whose lines each end one of a modified request's first sentences. */
  'numbered modified statements': {
    layout: 'maximus',
    runs: [
      {
        slot: 'end',
        unit: '1. A was the original request.\nB was authorized by the Claims Administrator.\n',
      },
    ],
  },
};

/** The slowest shapes of linear work (per-line and per-decision work on hundreds of thousands of them). */
export const SLOW_SHAPES: Record<string, HostileShape> = {
  'short lines': { layout: 'final', runs: [{ slot: 'licensure', unit: 'a\n' }] },
  'repeated labels': { layout: 'final', runs: [{ slot: 'citation', unit: 'Decision rationale: x\n' }] },
};

function repeated(unit: string, count: number): string {
  if (!unit.includes('{n}')) return unit.repeat(count);
  const parts: string[] = [];
  for (let i = 0; i < count; i++) parts.push(unit.replaceAll('{n}', i.toString(36)));
  return parts.join('');
}

/** The letter of `shape` at about `size` characters: the runs share what the template leaves. */
export function hostileLetter(shape: HostileShape, size: number): string {
  const template = TEMPLATES[shape.layout];
  const base = template.replace(/\{[a-z]+\}/g, '').length;
  const share = Math.max(0, size - base) / Math.max(1, shape.runs.length);
  const filled = new Map<string, string>();
  for (const run of shape.runs) {
    const fixed = (run.lead ?? '').length + (run.tail ?? '').length;
    const unitLength = run.unit.replaceAll('{n}', 'xx').length || 1;
    const count = Math.max(1, Math.floor((share - fixed) / unitLength));
    const text = `${run.lead ?? ''}${repeated(run.unit, count)}${run.tail ?? ''}`;
    filled.set(run.slot, (filled.get(run.slot) ?? '') + text);
  }
  return template.replace(/\{([a-z]+)\}/g, (_m, slot: string) => filled.get(slot) ?? '');
}
