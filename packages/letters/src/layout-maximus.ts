import { usDate } from './dates.ts';
import type { Item, LetterFacts } from './facts.ts';
import { citedInProse } from './guidelines.ts';
import {
  boardCertified,
  credentialsBlock,
  headerBlock,
  NO_AFFILIATION,
  PRACTICE,
  SELECTED,
} from './parts.ts';
import type { Random } from './random.ts';

/** "... is not medically necessary and appropriate." (past tense for a service already given). */
export function proseOutcome(item: Item): string {
  const tense = item.retrospective ? 'was' : 'is';
  return item.outcome === 'upheld'
    ? `${tense} not medically necessary and appropriate.`
    : `${tense} medically necessary and appropriate.`;
}

const lowerFirst = (s: string) => (/^[A-Z][a-z]/.test(s) ? s.charAt(0).toLowerCase() + s.slice(1) : s);

/** Layout 2: "MAXIMUS FEDERAL SERVICES, INC." / "Independent Medical Review", numbered items, outcomes in prose. */
export function maximusLetter(f: LetterFacts, r: Random): string[] {
  const out = ['MAXIMUS FEDERAL SERVICES, INC.', 'Independent Medical Review'];
  if (r.chance(0.5)) out.push('P.O. Box 100000', 'Sacramento, CA 95800-0000');
  out.push('');
  if (r.chance(0.6)) out.push('Notice of Independent Medical Review Determination', '');
  out.push(...headerBlock(f, r));
  const numbering = r.chance(0.5) ? ')' : '.';
  if (r.chance(0.6)) {
    out.push('INDEPENDENT MEDICAL REVIEW DECISION AND RATIONALE', '');
    out.push(
      `${r.chance(0.5) ? `An application for Independent Medical Review was filed on ${usDate(f.dates.applicationReceived)} disputing the Utilization Review Denial dated ${usDate(f.dates.urDenial)}. ` : ''}A decision has been made for each of the treatment and/or services that were in dispute:`,
      '',
    );
    f.items.forEach((item, i) => {
      const retro = item.retrospective ? 'retrospective ' : '';
      out.push(
        `${i + 1}) MAXIMUS Federal Services, Inc. has determined the ${retro}request for ${lowerFirst(item.title)} ${proseOutcome(item)}`,
        '',
      );
    });
  }
  const role = f.reviewer.role;
  out.push(
    'Medical Qualifications of the Expert Reviewer:',
    '',
    [
      r.chance(0.5)
        ? `The independent Medical Doctor who made the decision ${NO_AFFILIATION}`
        : `The ${role} ${NO_AFFILIATION}`,
      ...(f.reviewer.prose ? [boardCertified(f)] : []),
      PRACTICE,
      `The reviewer ${SELECTED}`,
    ].join(' '),
    '',
    ...credentialsBlock(f),
    r.pick(['Expert Reviewer Case Summary:', 'Case Summary:', 'CLINICAL CASE SUMMARY']),
    '',
    f.summary.text,
    '',
    'DOCUMENTS REVIEWED',
    '',
    `Application of Independent Medical Review, ${usDate(f.dates.applicationReceived)}`,
    `Utilization Review Determination, ${usDate(f.dates.urDenial)}`,
    'Medical records from the primary treating physician',
    '',
    'IMR DECISION(S) AND RATIONALE(S)',
    '',
  );
  f.items.forEach((item, i) => {
    out.push(
      `${i + 1}${numbering} ${item.title} ${proseOutcome(item)}`,
      '',
      'Medical Treatment Guideline(s) Relied Upon by the Claims Administrator:',
      '',
      `The Claims Administrator based its decision on ${citedInProse(item.citations[0] ?? { body: 'MTUS', guide: 'Chronic Pain', topic: null, pages: null }).replace(/, which (?:is|are) part of the MTUS$/, '')}.`,
      '',
      'Medical Treatment Guideline(s) Relied Upon by the Expert Reviewer:',
      '',
      item.citations
        .map((c, k) =>
          k === 0
            ? `The Expert Reviewer based his/her decision on ${citedInProse(c)}.`
            : `The Expert Reviewer also cited ${citedInProse(c)}.`,
        )
        .join(' '),
      '',
      'Rationale Used by the Expert Reviewer:',
      '',
      item.rationale,
      '',
    );
  });
  return out;
}
