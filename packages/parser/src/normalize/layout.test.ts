import { describe, expect, it } from 'vitest';
import { seedLetters } from '../../test-letters/load.ts';
import { normalizeBytes, normalizeText } from './normalize.ts';

const SEED_BYTES = new Map(seedLetters().map((letter) => [letter.name, letter.bytes]));
const SEED_NAMES = [...SEED_BYTES.keys()];
const normalizedSeed = (name: string) => normalizeBytes(SEED_BYTES.get(name) as Buffer).text;

/** Greedy word wrap at `width` characters, as a text exporter or a monospaced printout does. */
function wrap(paragraph: string, width: number): string[] {
  const rows: string[] = [];
  let row = '';
  for (const word of paragraph.split(' ')) {
    if (row && row.length + 1 + word.length > width) {
      rows.push(row);
      row = word;
    } else row = row ? `${row} ${word}` : word;
  }
  return row ? [...rows, row] : rows;
}

/** Lines cut into pages of `size`, with a running header and a page number, page breaks lost. */
function paginate(lines: string[], size: number): string {
  const pages: string[][] = [];
  for (let i = 0; i < lines.length; i += size) pages.push(lines.slice(i, i + size));
  return pages
    .flatMap((page, i) => [
      'IMR Final Determination',
      'CM13-0050844',
      ...page,
      `Page ${i + 1} of ${pages.length}`,
    ])
    .join('\n');
}

describe('text without paragraph marks (a PDF text layer, a printout)', () => {
  it.each(SEED_NAMES.flatMap((name) => [45, 72, 100].map((width) => [name, width] as const)))(
    'seed %s wrapped at %i columns, no blank lines, running headers and page numbers: same paragraphs',
    (name, width) => {
      const original = normalizedSeed(name);
      const lines = original.split('\n\n').flatMap((paragraph) => wrap(paragraph, width));
      const result = normalizeText(paginate(lines, 40).replace(/\n/g, '\r\n'));
      expect(result.text).toBe(original);
    },
  );

  it('ends a paragraph at a line that ended early, and joins lines that were only wrapped', () => {
    const text = [
      'The injured worker has complaints of low back pain with radiation to the',
      'right leg. The diagnoses have included lumbar intervertebral disc disorder.',
      'Treatment to date has included physiotherapy and an MRI of the lumbar spine,',
      'which was reviewed.',
      'The request was for pain cream and lumbar acupuncture for the right leg pain.',
      'Pain Cream: Upheld',
      'Claims Administrator guideline: Decision based on MTUS Chronic Pain Treatment',
      'Guidelines.',
      'MAXIMUS guideline: Decision based on MTUS Chronic Pain Treatment Guidelines Page(s):',
      '111.',
    ].join('\n');
    expect(normalizeText(text).text.split('\n\n')).toEqual([
      'The injured worker has complaints of low back pain with radiation to the right leg. The diagnoses have included lumbar intervertebral disc disorder. Treatment to date has included physiotherapy and an MRI of the lumbar spine, which was reviewed.',
      'The request was for pain cream and lumbar acupuncture for the right leg pain.',
      'Pain Cream: Upheld',
      'Claims Administrator guideline: Decision based on MTUS Chronic Pain Treatment Guidelines.',
      'MAXIMUS guideline: Decision based on MTUS Chronic Pain Treatment Guidelines Page(s): 111.',
    ]);
  });

  it('joins an item title whose outcome wrapped onto a line of its own', () => {
    const text =
      'FOLLOW UP VISITS WITH THE PSYCHOLOGIST (COGNITIVE BEHAVIOR THERAPY) #12:\nUpheld\nClaims Administrator guideline: Decision based on MTUS.';
    expect(normalizeText(text).text.split('\n\n')).toEqual([
      'FOLLOW UP VISITS WITH THE PSYCHOLOGIST (COGNITIVE BEHAVIOR THERAPY) #12: Upheld',
      'Claims Administrator guideline: Decision based on MTUS.',
    ]);
  });
});

describe('page furniture', () => {
  it('keeps a line of text that happens to repeat at page edges, because it also stands mid-page', () => {
    const body = (n: number) => `Sentence number ${n} of the summary is here and it goes on.`;
    const cite = 'Decision based on MTUS Chronic Pain Medical Treatment Guidelines';
    const page = (n: number, lines: string[]) => [...lines, `Page ${n} of 3`];
    const pages = [
      page(1, [cite, body(1), body(2), body(3), cite, body(4), body(5), body(6)]),
      page(2, [cite, body(7), body(8), body(9), body(10), body(11), body(12)]),
      page(3, [body(13), body(14), body(15), body(16), body(17)]),
    ];
    const text = normalizeText(pages.map((p) => p.join('\n')).join('\f')).text;
    expect(text.split(cite).length - 1).toBe(3);
    expect(text).not.toMatch(/Page \d/);
  });
});

describe('page furniture that looks like text, and text that looks like furniture', () => {
  const body = (n: number) => `Sentence number ${n} of the summary is here and it goes on.`;
  const page = (n: number, lines: string[]) => [...lines, `Page ${n} of 3`].join('\n');

  it("removes a case number that runs at every page top but keeps it as the first page's field", () => {
    const text = [1, 2, 3]
      .map((n) => page(n, ['Case Number: CM13-0050844', body(n * 10), body(n * 10 + 1), body(n * 10 + 2)]))
      .join('\f');
    const paragraphs = normalizeText(text).text.split('\n\n');
    expect(paragraphs[0]).toBe('Case Number: CM13-0050844');
    expect(paragraphs.filter((p) => p.includes('CM13-0050844'))).toHaveLength(1);
  });

  it('keeps labelled lines and lines of running text that repeat by chance at page edges', () => {
    const label = 'MAXIMUS guideline: Decision based on MTUS Chronic Pain';
    const text = [
      page(1, [
        body(1),
        body(2),
        body(3),
        'Claims Administrator guideline: The Claims Administrator did not',
        'base their decision on the MTUS.',
      ]),
      page(2, [
        label,
        'Treatment Guidelines.',
        body(4),
        'Claims Administrator guideline: The Claims Administrator did not',
        'base their decision on the MTUS.',
      ]),
      page(3, [label, 'Treatment Guidelines.', body(5), body(6)]),
    ].join('\f');
    const result = normalizeText(text).text;
    expect(result.split('MAXIMUS guideline:').length - 1).toBe(2);
    expect(result.split('did not base their decision').length - 1).toBe(2);
  });
});

describe('labels in text without paragraph marks', () => {
  it('opens a paragraph at a title-case label, unless the line above leads into it', () => {
    const lines = [
      'Certification(s)/Specialty: Preventive Medicine, Occupational Medicine',
      'Expert Reviewer Case Summary:',
      'The injured worker is a 47-year-old male who was injured according to the',
      'Official Disability Guidelines:',
    ];
    expect(normalizeText(lines.join('\n')).text.split('\n\n')).toEqual([
      'Certification(s)/Specialty: Preventive Medicine, Occupational Medicine',
      'Expert Reviewer Case Summary:',
      'The injured worker is a 47-year-old male who was injured according to the Official Disability Guidelines:',
    ]);
  });
});

describe('numbered items and ALL-CAPS labels', () => {
  it('starts them after a finished line, and joins them where they only continue a wrapped line', () => {
    const text = [
      '1) MAXIMUS Federal Services, Inc. has determined the request for NORCO 10/325MG',
      'TABLET QTY: 30 is not medically necessary and appropriate.',
      '2) PHYSIOTHERAPY SESSIONS FOR CERVICAL SPINE',
      '#8 is not medically necessary and appropriate.',
      'ISSUE AT DISPUTE: Lumbar MRI',
    ].join('\n\n');
    expect(normalizeText(text.replace(/\n\n/g, '\n')).text.split('\n\n')).toEqual([
      '1) MAXIMUS Federal Services, Inc. has determined the request for NORCO 10/325MG TABLET QTY: 30 is not medically necessary and appropriate.',
      '2) PHYSIOTHERAPY SESSIONS FOR CERVICAL SPINE #8 is not medically necessary and appropriate.',
      'ISSUE AT DISPUTE: Lumbar MRI',
    ]);
  });
});

describe('a narrow page', () => {
  it('keeps list items, section labels wrapped before their colon, and wrapped ALL-CAPS labels apart', () => {
    const lines = [
      'DOCUMENTS REVIEWED FOR DETERMINATION:',
      '1. Application of Independent Medical Review, 07/21/2021',
      '2. Utilization review determination, 07/13/2021',
      '3. COGNITIVE BEHAVIORAL THERAPY SESSIONS FOR',
      'LUMBAR SPINE #8',
      '4. Progress reports from the treating physician',
      '1. Hinged knee brace is not medically necessary and',
      'appropriate.',
      '2. COGNITIVE BEHAVIORAL THERAPY SESSIONS FOR',
      'LUMBAR SPINE #8 is not medically necessary and appropriate.',
      'Medical Treatment Guideline(s) Relied Upon by the Claims',
      'Administrator:',
      'The Claims Administrator based its decision on the MTUS Chronic',
      'Pain Medical Treatment Guidelines, Topical analgesics, page 111.',
      'MEDICAL TREATMENT GUIDELINE(S) RELIED UPON BY',
      'PROFESSIONAL REVIEWER AND WHY:',
      'The professional reviewer relied upon the MTUS Chronic Pain',
      'Medical Treatment Guidelines, Flurbiprofen 20%/Gabapentin 10%/',
      'Menthol 2% 30gm.',
    ];
    expect(normalizeText(lines.join('\n')).text.split('\n\n')).toEqual([
      'DOCUMENTS REVIEWED FOR DETERMINATION:',
      '1. Application of Independent Medical Review, 07/21/2021',
      '2. Utilization review determination, 07/13/2021',
      '3. COGNITIVE BEHAVIORAL THERAPY SESSIONS FOR LUMBAR SPINE #8',
      '4. Progress reports from the treating physician',
      '1. Hinged knee brace is not medically necessary and appropriate.',
      '2. COGNITIVE BEHAVIORAL THERAPY SESSIONS FOR LUMBAR SPINE #8 is not medically necessary and appropriate.',
      'Medical Treatment Guideline(s) Relied Upon by the Claims Administrator:',
      'The Claims Administrator based its decision on the MTUS Chronic Pain Medical Treatment Guidelines, Topical analgesics, page 111.',
      'MEDICAL TREATMENT GUIDELINE(S) RELIED UPON BY PROFESSIONAL REVIEWER AND WHY:',
      'The professional reviewer relied upon the MTUS Chronic Pain Medical Treatment Guidelines, Flurbiprofen 20%/Gabapentin 10%/Menthol 2% 30gm.',
    ]);
  });
});

describe('joining lines', () => {
  it.each([
    ['the treat-\nment plan', 'the treatment plan'],
    ['physical thera-\npy sessions', 'physical therapy sessions'],
    ['a work-\nrelated injury', 'a work-related injury'],
    ['evidence-\nbased guidelines', 'evidence-based guidelines'],
    ['occasional flare-\nups of pain', 'occasional flare-ups of pain'],
    ['for short-\nterm relief', 'for short-term relief'],
    ['post-\nlaminectomy syndrome', 'post-laminectomy syndrome'],
    ['improvement of 1-\n7% only', 'improvement of 1-7% only'],
    ['based on Non-\nMTUS Citation', 'based on Non-MTUS Citation'],
    ['Back -\nLumbar', 'Back - Lumbar'],
    ['visual and/\nor tactile instruction', 'visual and/or tactile instruction'],
  ])('%j -> %j', (input, joined) => {
    expect(normalizeText(input).text).toBe(joined);
  });
});
