import { longDate, usDate } from './dates.ts';
import type { LetterFacts } from './facts.ts';
import type { Random } from './random.ts';

/** Pieces every layout writes: the header block and the reviewer's qualifications. */

export const andList = (items: readonly string[]): string =>
  items.length > 1 ? `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}` : (items[0] ?? '');

/** `Case Number:` ... `Application Received:`, in one of the date styles letters use. */
export function headerBlock(f: LetterFacts, r: Random): string[] {
  if (!f.headerBlock) return [];
  const style = r.int(0, 3);
  const date = (iso: string) =>
    style === 0
      ? usDate(iso, { pad: true })
      : style === 1
        ? usDate(iso)
        : style === 2
          ? longDate(iso)
          : usDate(iso, { pad: true });
  const injury =
    style === 3 ? usDate(f.dates.injury, { pad: true, twoDigitYear: true }) : date(f.dates.injury);
  return [
    `${f.layout === 'maximus-imr' && r.chance(0.3) ? 'IMR ' : ''}Case Number: ${f.caseNumber}`,
    `Date Assigned: ${date(f.dates.assigned)}`,
    `Date of Injury: ${injury}`,
    `Decision Date: ${date(f.dates.decision)}`,
    `UR Denial Date: ${date(f.dates.urDenial)}`,
    `Priority: ${f.priority === 'standard' ? 'Standard' : 'Expedited'}`,
    `Application Received: ${date(f.dates.applicationReceived)}`,
    '',
  ];
}

/** "The expert reviewer is Board Certified in X, has a subspecialty in Y and is licensed to practice in Z." */
export function boardCertified(f: LetterFacts, capitalRole = false): string {
  const { reviewer: v } = f;
  const role = capitalRole ? v.role.replace(/\b\w/g, (c) => c.toUpperCase()) : v.role;
  const sub = v.subspecialty ? `, has a subspecialty in ${v.subspecialty}` : '';
  return `The ${role} is Board Certified in ${v.lowerCase ? v.certification.toLowerCase() : v.certification}${sub} and is licensed to practice in ${andList(v.states.map(([name]) => name))}.`;
}

/** The credentials block that replaces the sentence above in many letters. */
export function credentialsBlock(f: LetterFacts): string[] {
  const { reviewer: v } = f;
  if (v.prose) return [];
  const specialties = [v.certification, ...(v.subspecialty ? [v.subspecialty] : [])].join(', ');
  return [
    `The ${v.role === 'expert reviewer' ? 'Expert Reviewer' : 'Physician Reviewer'} has the following credentials:`,
    `State(s) of Licensure: ${v.states.map(([name]) => name).join(', ')}`,
    `Certification(s)/Specialty: ${specialties}`,
    '',
  ];
}

export const NO_AFFILIATION =
  'has no affiliation with the employer, employee, providers or the claims administrator.';
export const PRACTICE =
  'He/she has been in active clinical practice for more than five years and is currently working at least 24 hours a week in active practice.';
export const SELECTED =
  'was selected based on his/her clinical experience, education, background, and expertise in the same or similar specialties that evaluate and/or treat the medical condition and disputed items/services.';
export const FAMILIAR =
  'He/she is familiar with governing laws and regulations, including the strength of evidence hierarchy that applies to Independent Medical Review determinations.';
