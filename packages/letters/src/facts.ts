import type { Layout, Outcome } from '@imr/contracts';
import { addDays, between, usDate } from './dates.ts';
import type { Random } from './random.ts';
import { writeRationale } from './rationale.ts';
import { type SummaryText, writeSummary } from './summary.ts';
import { makeTreatment, type Treatment } from './treatments.ts';
import { BODY_PARTS, DIAGNOSES, OCCUPATIONS, SPECIALTIES, STATES } from './vocabulary.ts';

/** A disputed item with its outcome and the reviewer's rationale. */
export interface Item extends Treatment {
  outcome: Outcome;
  rationale: string;
  /** The rationale quotes "8 C.C.R. §§9792.20 - 9792.26". */
  regulation: boolean;
}

/** Everything a synthetic letter says, before it is written out in a layout. */
export interface LetterFacts {
  layout: Layout;
  caseNumber: string;
  dates: {
    assigned: string;
    injury: string;
    decision: string;
    urDenial: string;
    applicationReceived: string;
  };
  priority: 'standard' | 'expedited';
  headerBlock: boolean;
  reviewer: {
    role: 'expert reviewer' | 'physician reviewer';
    certification: string;
    subspecialty: string | null;
    states: Array<readonly [string, string]>;
    /** "Board Certified in X ... licensed to practice in Y" rather than the credentials block. */
    prose: boolean;
    /** The prose names the certification in lower case ("Board Certified in psychiatry"). */
    lowerCase: boolean;
  };
  patient: { age: number | null; sex: 'male' | 'female'; occupation: string | null };
  injury: { date: string; bodyParts: string[] };
  diagnoses: string[];
  summary: SummaryText;
  items: Item[];
  truncated: boolean;
}

export interface FactOptions {
  layout: Layout;
  truncated: boolean;
  redactedAge: boolean;
  headerBlock?: boolean;
}

export function makeFacts(r: Random, o: FactOptions): LetterFacts {
  const year = r.int(2013, 2021);
  const decision = between(r, `${year}-02-01`, `${year}-12-20`);
  const assigned = addDays(decision, -r.int(18, 30));
  const applicationReceived = addDays(assigned, -r.int(5, 14));
  const urDenial = addDays(applicationReceived, -r.int(6, 20));
  const injury = between(r, `${year - r.int(2, 22)}-01-01`, `${year - 1}-06-30`);
  const recent = () => usDate(between(r, addDays(urDenial, -300), addDays(urDenial, -5)));

  const treatments: Treatment[] = [];
  const count = r.pick([1, 1, 2, 2, 2, 3, 3, 4, 5, 6]);
  while (treatments.length < count) {
    const t = makeTreatment(r);
    t.title = t.title.replace('{recent}', recent());
    if (!treatments.some((x) => x.title.toLowerCase() === t.title.toLowerCase())) treatments.push(t);
  }
  const [certification, subspecialty] = r.pick(SPECIALTIES);
  const sex = r.chance(0.5) ? 'male' : 'female';
  const age = o.redactedAge ? null : r.int(22, 68);
  const occupation = r.chance(0.45) ? r.pick(OCCUPATIONS) : null;
  const bodyParts = r.sample(BODY_PARTS, r.int(1, 3));
  const diagnoses = r.sample(DIAGNOSES, r.int(1, 5));
  const summary = writeSummary(
    {
      age,
      sex,
      sexWord: r.chance(0.75) ? sex : sex === 'male' ? 'man' : 'woman',
      occupation,
      injuryDate: injury,
      twoDigitYear: r.chance(0.55),
      bodyParts,
      diagnoses,
    },
    r,
    recent,
    treatments.map((t) => t.title.toLowerCase()),
  );

  // Letters run about 4-9 KB: the rationales take what the rest leaves.
  const target = r.int(4200, 8800);
  const budget = Math.max(450, Math.round((target - 2400 - summary.text.length) / count));
  const prose = o.layout !== 'imr-final-determination';
  const items = treatments.map((t): Item => {
    const outcome: Outcome = r.chance(0.72) ? 'upheld' : 'overturned';
    const { text, regulation } = writeRationale(
      t,
      outcome,
      r.int(Math.round(budget * 0.7), budget),
      prose,
      r,
    );
    return { ...t, outcome, rationale: text, regulation };
  });

  const stateCount = r.pick([1, 1, 1, 2, 2, 3]);
  return {
    layout: o.layout,
    caseNumber: `CM${String(year % 100).padStart(2, '0')}-${String(r.int(1, 999_999)).padStart(7, '0')}`,
    dates: { assigned, injury, decision, urDenial, applicationReceived },
    priority: r.chance(0.85) ? 'standard' : 'expedited',
    headerBlock: o.headerBlock ?? (o.layout === 'imr-final-determination' ? r.chance(0.5) : r.chance(0.85)),
    reviewer: {
      role: r.chance(0.7) ? 'expert reviewer' : 'physician reviewer',
      certification,
      subspecialty,
      states: r.sample(STATES, stateCount),
      prose: r.chance(0.55),
      // As seed 003 writes "psychiatry"; a lower-cased name of several words has no single expected form.
      lowerCase: !certification.includes(' ') && r.chance(0.2),
    },
    patient: { age, sex, occupation: summary.occupationStated ? occupation : null },
    injury: { date: injury, bodyParts },
    diagnoses,
    summary,
    items,
    truncated: o.truncated,
  };
}
