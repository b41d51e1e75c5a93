import { usDate } from './dates.ts';
import type { Random } from './random.ts';
import { CLINICAL_SENTENCES, MECHANISMS } from './vocabulary.ts';

/** The patient and injury a case summary describes. */
export interface Patient {
  age: number | null;
  sex: 'male' | 'female';
  /** The word the summary uses: male/female or man/woman. */
  sexWord: string;
  occupation: string | null;
  injuryDate: string;
  twoDigitYear: boolean;
  bodyParts: string[];
  diagnoses: string[];
}

/** What the summary states, for the expected extraction. */
export interface SummaryText {
  text: string;
  /** The mechanism as written; null when the summary says it is unknown; undefined when not stated. */
  mechanism: string | null | undefined;
  /** True when the occupation is stated where a reader finds it. */
  occupationStated: boolean;
}

const list = (items: string[], r: Random, serialComma = r.chance(0.5)): string =>
  items.length > 1
    ? `${items.slice(0, -1).join(', ')}${serialComma && items.length > 2 ? ',' : ''} and ${items[items.length - 1]}`
    : (items[0] ?? '');

function pronouns(sex: 'male' | 'female') {
  return sex === 'male' ? { he: 'He', his: 'his' } : { he: 'She', his: 'her' };
}

function diagnosesSentence(p: Patient, r: Random): string {
  const { he } = pronouns(p.sex);
  switch (r.int(0, 5)) {
    case 0:
      return `The diagnoses have included ${list(p.diagnoses, r)}.`;
    case 1:
      return `Current diagnoses include ${list(p.diagnoses, r)}.`;
    case 2:
      return `The injured worker was diagnosed as having ${list(p.diagnoses, r)}.`;
    case 3:
      return `${he} is diagnosed with ${list(p.diagnoses, r)}.`;
    case 4:
      return p.diagnoses.length > 1
        ? `Diagnoses: ${p.diagnoses.slice(0, -1).join('; ')}; and ${p.diagnoses[p.diagnoses.length - 1]}.`
        : `Diagnoses: ${p.diagnoses[0]}.`;
    default:
      return `Diagnoses include ${list(p.diagnoses, r)}.`;
  }
}

/** The clinical case summary: who was injured, how, the diagnoses, the treatment and the request. */
export function writeSummary(p: Patient, r: Random, recent: () => string, requests: string[]): SummaryText {
  const { he, his } = pronouns(p.sex);
  const date = usDate(p.injuryDate, { twoDigitYear: p.twoDigitYear, pad: r.chance(0.2) });
  const [conj, rawClause] = r.pick(MECHANISMS);
  const clause = rawClause.replace(/^(she|he) /, `${he.toLowerCase()} `);
  const withMechanism = r.chance(0.6);
  const mech = withMechanism ? ` ${conj} ${clause}` : '';
  const parts = list(p.bodyParts, r);
  const redacted = p.age === null;
  const age = (hyphen: boolean) =>
    redacted ? (hyphen ? 'year-old' : 'year old') : hyphen ? `${p.age}-year-old` : `${p.age} year old`;
  let mechanism: string | null | undefined = withMechanism ? clause : undefined;
  let occupationStated = false;
  const sentences: string[] = [];
  const style = redacted ? r.pick([0, 1, 4, 5]) : r.int(0, 6);
  switch (style) {
    case 0:
      if (withMechanism)
        sentences.push(`The patient is a ${age(false)} ${p.sexWord} injured on ${date}${mech}.`);
      else {
        sentences.push(
          `The patient is a ${age(false)} ${p.sexWord} injured on ${date} due to an unspecified mechanism of injury.`,
        );
        mechanism = null;
      }
      sentences.push(`The patient sustained injuries to the ${parts} areas.`);
      break;
    case 1:
      sentences.push(
        `The injured worker is a ${age(false)} ${p.sexWord}, who sustained an industrial injury to the ${parts} on ${date}${mech}.`,
      );
      break;
    case 2:
      sentences.push(`This ${age(false)} ${p.sexWord} sustained an industrial injury on ${date}${mech}.`);
      if (!withMechanism) {
        sentences.push('The mechanism of injury is not detailed.');
        mechanism = null;
      }
      sentences.push(`${he} injured ${his} ${parts}.`);
      break;
    case 3:
      if (p.occupation) {
        sentences.push(
          `This ${age(true)} ${p.sexWord} ${p.occupation} injured ${his} ${parts} on ${date}${mech}.`,
        );
        occupationStated = true;
      } else sentences.push(`This ${age(true)} ${p.sexWord} injured ${his} ${parts} on ${date}${mech}.`);
      break;
    case 4:
      if (p.occupation) {
        sentences.push(
          `The patient is a ${age(false)} ${p.sexWord} employed as a ${p.occupation} who sustained an industrial injury on ${date}${mech}.`,
        );
        occupationStated = true;
      } else
        sentences.push(
          `The patient is a ${age(false)} ${p.sexWord} who sustained an industrial injury on ${date}${mech}.`,
        );
      sentences.push(`${he} injured ${his} ${parts}.`);
      break;
    case 5:
      sentences.push(
        `The injured worker is a ${age(true)} ${p.sexWord} who sustained an industrial injury on ${date}${mech}.`,
      );
      sentences.push(`${he} sustained injuries to the ${parts}.`);
      break;
    default:
      if (p.occupation) {
        sentences.push(
          `This ${age(true)} ${p.sexWord} who works as a ${p.occupation} for a ${r.pick(['distribution company', 'school district', 'county hospital', 'grocery chain'])} sustained an industrial injury on ${date}${mech}.`,
        );
        occupationStated = true;
      } else
        sentences.push(`This ${age(true)} ${p.sexWord} sustained an industrial injury on ${date}${mech}.`);
      sentences.push(`${he} sustained injuries to the ${parts}.`);
  }
  sentences.push(diagnosesSentence(p, r));
  sentences.push(
    r.pick([
      'Treatment to date has included medications, physical therapy and a home exercise program.',
      'Treatment has included oral and topical medications, chiropractic care and activity modification.',
      'Previous treatments included medication management, injections and physical therapy.',
    ]),
  );
  for (const s of r.sample(CLINICAL_SENTENCES, r.int(3, 8))) sentences.push(s.replace('{recent}', recent()));
  sentences.push(`The request was for ${list(requests, r)}.`);
  return { text: sentences.join(r.chance(0.4) ? '  ' : ' '), mechanism, occupationStated };
}
