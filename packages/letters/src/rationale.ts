import type { Outcome } from '@imr/contracts';
import { guidelineLead } from './guidelines.ts';
import type { Random } from './random.ts';
import type { Treatment } from './treatments.ts';
import { RATIONALE_SENTENCES } from './vocabulary.ts';

const SUPPORTIVE = [
  'The records document a 40% reduction in pain and an improved ability to perform household tasks with the prior course.',
  'The treating physician documented objective functional improvement, including an increase in walking tolerance from 10 to 30 minutes.',
  'The request is within the number of visits the guidelines allow for this condition.',
  'The clinical findings are consistent with the imaging and the electrodiagnostic results.',
  'Conservative care, including medications and a home exercise program, has failed to control the symptoms.',
];

/** How the rationale names the item: an all-capitals title in sentence case, as reviewers retype it. */
export function subjectOf(title: string): string {
  return title === title.toUpperCase() ? title.charAt(0) + title.slice(1).toLowerCase() : title;
}

/** The closing sentence: the outcome in the reviewer's words. */
function verdict(t: Treatment, outcome: Outcome, prose: boolean, r: Random): string {
  const subject = subjectOf(t.title);
  const tense = t.retrospective ? 'was' : 'is';
  if (prose)
    return outcome === 'upheld'
      ? `The ${t.retrospective ? 'retrospective ' : ''}request for ${subject} ${tense} not medically necessary and appropriate.`
      : `The ${t.retrospective ? 'retrospective ' : ''}request for ${subject} ${tense} medically necessary and appropriate.`;
  if (outcome === 'overturned')
    return r.pick([
      `Therefore, the request for ${subject} is medically necessary.`,
      'The request is medically necessary and appropriate.',
      'This request is medically necessary.',
    ]);
  return r.pick([
    `As such, the request for ${subject} is not medically necessary.`,
    'This request is not medically necessary.',
    `As such, the request for ${subject} cannot be recommended as medically necessary.`,
    'Based on the above, the request is not supported by the evidence based guidelines.  As such, the request is not medically necessary or appropriate at this time.',
  ]);
}

/**
 * A reviewer's rationale of about `budget` characters: the guideline, the case, the outcome. Prose
 * letters (layouts 2 and 3) close with "... is (not) medically necessary and appropriate".
 */
export function writeRationale(
  t: Treatment,
  outcome: Outcome,
  budget: number,
  prose: boolean,
  r: Random,
): { text: string; regulation: boolean } {
  const first = t.citations[0];
  const regulation = first?.body === 'MTUS' && first.pages !== null && r.chance(0.15);
  const lead = regulation
    ? `The Chronic Pain Medical Treatment Guidelines 8 C.C.R. §§9792.20 - 9792.26, ${first.pages?.includes('-') ? 'pages' : 'page'} ${first.pages} has the following to state about ${first.topic ?? 'this treatment'}: `
    : guidelineLead(first, r);
  const [head = '', ...rest] = t.guidance;
  const guidance = [
    regulation ? `"${head}"` : /^[A-Z][a-z]/.test(head) ? head.charAt(0).toLowerCase() + head.slice(1) : head,
    ...rest,
  ];
  const sentences = [`${lead}${guidance.join(' ')}`];
  const pool = r.sample(
    outcome === 'upheld' ? RATIONALE_SENTENCES : [...SUPPORTIVE, ...RATIONALE_SENTENCES.slice(0, 4)],
    24,
  );
  const close = verdict(t, outcome, prose, r);
  let length = sentences[0]?.length ?? 0;
  for (const s of pool) {
    if (length + close.length > budget) break;
    sentences.push(s);
    length += s.length + 1;
  }
  sentences.push(close);
  return { text: sentences.join(r.chance(0.3) ? '  ' : ' '), regulation };
}
