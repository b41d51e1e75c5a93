import type { LetterFacts } from './facts.ts';
import { decisionBasedOn } from './guidelines.ts';
import {
  boardCertified,
  credentialsBlock,
  FAMILIAR,
  headerBlock,
  NO_AFFILIATION,
  PRACTICE,
  SELECTED,
} from './parts.ts';
import type { Random } from './random.ts';

const CLAIMS_BASES = [
  'Decision based on MTUS Chronic Pain Treatment Guidelines.',
  'The Claims Administrator did not cite any medical evidence for its decision.',
  'The Claims Administrator did not base their decision on the MTUS.  Decision based on Non-MTUS Citation Official Disabilities Guidelines -TWC.',
  'Decision based on MTUS Chronic Pain Treatment Guidelines Topical Analgesics.',
  'Decision based on MTUS ACOEM.',
];

/** Layout 1, the seeds' layout: "HOW THE IMR FINAL DETERMINATION WAS MADE" (optionally under a header block). */
export function finalDetermination(f: LetterFacts, r: Random): string[] {
  const role = f.reviewer.role;
  const article = role === 'expert reviewer' ? 'an' : 'a';
  const intro = [
    `MAXIMUS Federal Services sent the complete case file to ${article} ${role}.`,
    `He/she ${NO_AFFILIATION}`,
    ...(f.reviewer.prose ? [boardCertified(f)] : []),
    PRACTICE,
    `The ${role} ${SELECTED}`,
    FAMILIAR,
  ].join(' ');
  const out = [
    ...headerBlock(f, r),
    'HOW THE IMR FINAL DETERMINATION WAS MADE',
    '',
    intro,
    '',
    ...credentialsBlock(f),
    'CLINICAL CASE SUMMARY',
    '',
    'The expert reviewer developed the following clinical case summary based on a review of the case file, including all medical records:',
    '',
    f.summary.text,
    '',
    'IMR ISSUES, DECISIONS AND RATIONALES',
    '',
    'The Final Determination was based on decisions for the disputed items/services set forth below:',
    '',
  ];
  const gap = r.chance(0.5) ? '  ' : ' ';
  for (const item of f.items) {
    out.push(
      `${item.title}:${gap}${item.outcome === 'upheld' ? 'Upheld' : 'Overturned'}`,
      '',
      `Claims Administrator guideline: ${r.pick(CLAIMS_BASES)}`,
      '',
      `MAXIMUS guideline: ${item.citations.map((c) => decisionBasedOn(c, r)).join('  ')}`,
      '',
      `Decision rationale: ${item.rationale}`,
      '',
    );
  }
  return out;
}
