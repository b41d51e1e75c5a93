import type { Layout } from '@imr/contracts';
import type { GuidelineRef } from './items.ts';
import type { LetterFacts } from './letter.ts';

const usDate = (isoDate: string, twoDigitYear = false) => {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  return `${m}/${d}/${twoDigitYear ? String(y % 100).padStart(2, '0') : y}`;
};
const headerDate = (isoDate: string) => {
  const [y, m, d] = isoDate.split('-');
  return `${m}/${d}/${y}`;
};
const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const list = (items: string[]) =>
  items.length > 1 ? `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}` : (items[0] ?? '');

function headerBlock(f: LetterFacts): string[] {
  if (!f.headerBlock) return [];
  return [
    `Case Number: ${f.caseNumber}`,
    `Date Assigned: ${headerDate(f.dates.assigned)}`,
    `Date of Injury: ${headerDate(f.dates.injury)}`,
    `Decision Date: ${headerDate(f.dates.decision)}`,
    `UR Denial Date: ${headerDate(f.dates.urDenial)}`,
    `Priority: ${cap(f.priority)}`,
    `Application Received: ${headerDate(f.dates.applicationReceived)}`,
    '',
  ];
}

function credentials(f: LetterFacts): string {
  const { reviewer: r } = f;
  const states = r.states.map(([name]) => name);
  if (r.prose) {
    const sub = r.subspecialty ? `, has a subspecialty in ${r.subspecialty}` : '';
    return `The ${r.role} is Board Certified in ${r.certification}${sub} and is licensed to practice in ${list(states)}.`;
  }
  return '';
}

function credentialsBlock(f: LetterFacts): string[] {
  const { reviewer: r } = f;
  if (r.prose) return [];
  const specs = [r.certification, ...(r.subspecialty ? [r.subspecialty] : [])].join(', ');
  return [
    'The Expert Reviewer has the following credentials:',
    `State(s) of Licensure: ${r.states.map(([name]) => name).join(', ')}`,
    `Certification(s)/Specialty: ${specs}`,
    '',
  ];
}

function summary(f: LetterFacts): string {
  const p = f.patient;
  const sexWord = p.sex;
  const who =
    p.age === null
      ? `The patient is a year old ${sexWord}`
      : `The injured worker is a ${p.age} year old ${sexWord}`;
  const occupation = p.occupation ? ` ${p.occupation}` : '';
  const opening =
    p.age !== null && p.occupation
      ? `This ${p.age}-year-old ${sexWord}${occupation} injured the ${list(f.injury.bodyParts)} on ${usDate(f.injury.date, f.injury.twoDigitYear)}`
      : `${who} who sustained an industrial injury to the ${list(f.injury.bodyParts)} on ${usDate(f.injury.date, f.injury.twoDigitYear)}`;
  const mechanism = f.injury.mechanism ? ` while ${f.injury.mechanism.replace(/^a /, 'in a ')}` : '';
  return [
    `${opening}${f.injury.mechanism ? mechanism : ''}.`,
    `The diagnoses have included ${list(f.diagnoses)}.`,
    'Treatment to date has included medications, physical therapy and home exercise.',
    `The request was for ${list(f.items.map((i) => i.title.toLowerCase()))}.`,
  ].join(' ');
}

function mtusBasis(g: GuidelineRef): string {
  if (g.body === 'ODG')
    return `Decision based on Non-MTUS Citation Official Disability Guidelines (ODG) ${g.topic}.`;
  const pages = g.pages ? ` Page(s): ${g.pages}.` : '.';
  if (g.body === 'ACOEM') return `Decision based on MTUS ACOEM ${g.topic}${pages}`;
  return `Decision based on MTUS Chronic Pain Treatment Guidelines ${g.topic}${pages}`;
}

function proseBasis(g: GuidelineRef, who: string): string {
  const pages = g.pages ? `, ${g.pages.includes('-') ? 'pages' : 'page'} ${g.pages}` : '';
  if (g.body === 'ODG')
    return `${who} the Official Disability Guidelines (ODG), ${g.topic}, which is not part of the MTUS.`;
  if (g.body === 'ACOEM')
    return `${who} the ACOEM Practice Guidelines, ${g.topic}${pages}, which is part of the MTUS.`;
  return `${who} the MTUS Chronic Pain Medical Treatment Guidelines, ${g.topic}${pages}, which is part of the MTUS.`;
}

const INTRO =
  'He/she has no affiliation with the employer, employee, providers or the claims administrator. He/she has been in active clinical practice for more than five years and is currently working at least 24 hours a week in active practice. The reviewer was selected based on his/her clinical experience, education, background, and expertise in the same or similar specialties that evaluate and/or treat the medical condition and disputed items/services.';

function finalDetermination(f: LetterFacts): string[] {
  const out = [
    ...headerBlock(f),
    'HOW THE IMR FINAL DETERMINATION WAS MADE',
    '',
    `MAXIMUS Federal Services sent the complete case file to ${f.reviewer.role.startsWith('e') ? 'an' : 'a'} ${f.reviewer.role}. ${credentials(f)} ${INTRO}`.replace(
      / {2,}/g,
      ' ',
    ),
    '',
    ...credentialsBlock(f),
    'CLINICAL CASE SUMMARY',
    '',
    'The expert reviewer developed the following clinical case summary based on a review of the case file, including all medical records:',
    '',
    summary(f),
    '',
    'IMR ISSUES, DECISIONS AND RATIONALES',
    '',
    'The Final Determination was based on decisions for the disputed items/services set forth below:',
    '',
  ];
  for (const item of f.items) {
    out.push(
      `${item.title}: ${item.outcome === 'upheld' ? 'Upheld' : 'Overturned'}`,
      '',
      'Claims Administrator guideline: Decision based on MTUS Chronic Pain Treatment Guidelines.',
      '',
      `MAXIMUS guideline: ${item.guidelines.map(mtusBasis).join(' ')}`,
      '',
      `Decision rationale: ${item.rationale}`,
      '',
    );
  }
  return out;
}

function verdict(item: LetterFacts['items'][number]): string {
  return item.outcome === 'upheld'
    ? 'is not medically necessary and appropriate.'
    : 'is medically necessary and appropriate.';
}

function maximus(f: LetterFacts): string[] {
  const out = [
    'MAXIMUS FEDERAL SERVICES, INC.',
    'Independent Medical Review',
    '',
    ...headerBlock(f),
    'Medical Qualifications of the Expert Reviewer:',
    '',
    `The ${f.reviewer.role} ${INTRO.replace(/^He\/she /, '')} ${credentials(f)}`.replace(/ {2,}/g, ' '),
    '',
    ...credentialsBlock(f),
    'CLINICAL CASE SUMMARY',
    '',
    summary(f),
    '',
    'DOCUMENTS REVIEWED',
    '',
    'Records from the treating physician and the utilization review determination.',
    '',
    'IMR DECISION(S) AND RATIONALE(S)',
    '',
  ];
  f.items.forEach((item, i) => {
    out.push(
      `${i + 1}) ${item.title} ${verdict(item)}`,
      '',
      'Medical Treatment Guideline(s) Relied Upon by the Claims Administrator:',
      '',
      'The Claims Administrator based its decision on the MTUS Chronic Pain Medical Treatment Guidelines.',
      '',
      'Medical Treatment Guideline(s) Relied Upon by the Expert Reviewer:',
      '',
      item.guidelines.map((g) => proseBasis(g, 'The Expert Reviewer based his/her decision on')).join(' '),
      '',
      'Rationale Used by the Expert Reviewer:',
      '',
      item.rationale,
      '',
    );
  });
  return out;
}

function professional(f: LetterFacts): string[] {
  const out = [
    'MEDICAL PROFESSIONAL REVIEW',
    'Independent Medical Review Final Determination',
    '',
    ...headerBlock(f),
    'ISSUE AT DISPUTE:',
    '',
    ...f.items.map((item, i) => `${i + 1}) ${item.title}`),
    '',
    'CASE SUMMARY:',
    '',
    summary(f),
    '',
    'DOCUMENTS REVIEWED FOR DETERMINATION:',
    '',
    '1. Application for Independent Medical Review',
    '2. Utilization review determination',
    '',
  ];
  f.items.forEach((item, i) => {
    out.push(
      `${i + 1}) ${item.title} ${verdict(item)}`,
      '',
      'MEDICAL TREATMENT GUIDELINE(S) RELIED UPON BY PROFESSIONAL REVIEWER AND WHY:',
      '',
      item.guidelines.map((g) => proseBasis(g, 'The professional reviewer relied upon')).join(' '),
      '',
      'RATIONALE FOR WHY THE REQUESTED TREATMENT/SERVICE IS/WAS NOT MEDICALLY NECESSARY:',
      '',
      item.rationale,
      '',
    );
  });
  const specs = `${f.reviewer.certification}${f.reviewer.subspecialty ? `, has a subspecialty in ${f.reviewer.subspecialty}` : ''}`;
  out.push(
    'MEDICAL REVIEWER QUALIFICATIONS:',
    '',
    `The ${f.reviewer.role} is Board Certified in ${specs} and is licensed to practice in ${list(f.reviewer.states.map(([n]) => n))}. ${INTRO.replace(/^He\/she has no affiliation[^.]*\. /, '')}`,
    '',
  );
  return out;
}

/** The letter's text as one layout writes it: one paragraph per line, blank lines between. */
export function composeText(f: LetterFacts, layout: Layout): string {
  const lines =
    layout === 'maximus-imr'
      ? maximus(f)
      : layout === 'medical-professional-review'
        ? professional(f)
        : finalDetermination(f);
  let text = `${lines.join('\n').trim()}\n`;
  if (f.truncated) {
    const cut = text.lastIndexOf(' ', Math.floor(text.length * 0.93));
    text = `${text.slice(0, cut)} the s\n`;
  }
  return text;
}
