import { usDate } from './dates.ts';
import type { LetterFacts } from './facts.ts';
import { citedInProse, decisionBasedOn } from './guidelines.ts';
import { proseOutcome } from './layout-maximus.ts';
import { boardCertified, credentialsBlock, headerBlock, PRACTICE, SELECTED } from './parts.ts';
import type { Random } from './random.ts';

const GUIDELINE_HEADING = 'MEDICAL TREATMENT GUIDELINE(S) RELIED UPON BY PROFESSIONAL REVIEWER AND WHY:';
const RATIONALE_HEADING = 'RATIONALE FOR WHY THE REQUESTED TREATMENT/SERVICE IS/WAS NOT MEDICALLY NECESSARY:';

/** Layout 3: "MEDICAL PROFESSIONAL REVIEW" with "ISSUE AT DISPUTE:" and upper-case section headings. */
export function professionalLetter(f: LetterFacts, r: Random): string[] {
  const out = ['MEDICAL PROFESSIONAL REVIEW'];
  if (r.chance(0.7))
    out.push(r.pick(['Independent Medical Review', 'Independent Medical Review Final Determination']));
  out.push('', ...headerBlock(f, r));
  const numbering = r.chance(0.5) ? ')' : '.';
  // A single item is sometimes stated once, in full, under ISSUE AT DISPUTE, with no numbered heading below.
  const single = f.items.length === 1 && r.chance(0.4);
  out.push('ISSUE AT DISPUTE:', '');
  if (single) {
    const item = f.items[0];
    if (item)
      out.push(
        `1${numbering} The ${item.retrospective ? 'retrospective ' : ''}request for ${item.title} ${proseOutcome(item)}`,
      );
  } else
    f.items.forEach((item, i) => {
      out.push(`${i + 1}${numbering} ${item.title}`);
    });
  out.push('', 'CASE SUMMARY:', '', f.summary.text, '', 'DOCUMENTS REVIEWED FOR DETERMINATION:', '');
  if (r.chance(0.5))
    out.push(
      `1. Application for Independent Medical Review, ${usDate(f.dates.applicationReceived, { pad: true })}`,
      `2. Utilization review determination, ${usDate(f.dates.urDenial, { pad: true })}`,
      '3. Progress reports from the treating physician',
      '',
    );
  else out.push('Utilization review determination, progress reports and the application for review.', '');
  const statedIn = r.chance(0.5) ? 'decision-based' : 'prose';
  const colonStyle = r.chance(0.5);
  f.items.forEach((item, i) => {
    if (!single)
      out.push(
        colonStyle
          ? `${i + 1}${numbering} ${item.title}: ${item.outcome === 'upheld' ? 'Upheld' : 'Overturned'}`
          : `${i + 1}${numbering} ${item.title} ${proseOutcome(item)}`,
        '',
      );
    const basis =
      statedIn === 'decision-based'
        ? item.citations.map((c) => decisionBasedOn(c, r)).join(' ')
        : item.citations
            .map((c, k) =>
              k === 0
                ? `The professional reviewer relied upon ${citedInProse(c)}, because it addresses the requested treatment.`
                : `The professional reviewer also cited ${citedInProse(c)}.`,
            )
            .join(' ');
    out.push(GUIDELINE_HEADING, '', basis, '', RATIONALE_HEADING, '', item.rationale, '');
  });
  out.push(
    'MEDICAL REVIEWER QUALIFICATIONS:',
    '',
    ...(f.reviewer.prose
      ? [`${boardCertified(f)} ${PRACTICE} The reviewer ${SELECTED}`, '']
      : [`The ${f.reviewer.role} ${PRACTICE.replace(/^He\/she /, '')}`, '', ...credentialsBlock(f)]),
  );
  return out;
}
