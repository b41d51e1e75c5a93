import type { Layout, Outcome } from '@imr/contracts';
import { type DisputedItem, makeItem } from './items.ts';
import type { Random } from './random.ts';
import {
  BODY_PARTS,
  DIAGNOSES,
  MECHANISMS,
  OCCUPATIONS,
  RATIONALE_SENTENCES,
  SPECIALTIES,
  STATES,
} from './vocabulary.ts';

/** Everything a synthetic letter says, before it is written out in a layout. */
export interface LetterFacts {
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
    states: Array<[string, string]>;
    prose: boolean;
  };
  patient: { age: number | null; sex: 'male' | 'female'; occupation: string | null };
  injury: { date: string; twoDigitYear: boolean; mechanism: string | null; bodyParts: string[] };
  diagnoses: string[];
  items: Array<DisputedItem & { outcome: Outcome; rationale: string }>;
  truncated: boolean;
}

const pad = (n: number) => String(n).padStart(2, '0');
const iso = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;

export function makeFacts(
  r: Random,
  options: { truncated?: boolean; redactedAge?: boolean; headerBlock?: boolean } = {},
): LetterFacts {
  const year = r.int(2013, 2016);
  const injuryYear = year - r.int(1, 12);
  const injury = iso(injuryYear, r.int(1, 12), r.int(1, 28));
  const month = r.int(2, 10);
  const [certification, subspecialty] = r.pick(SPECIALTIES);
  const items = Array.from({ length: r.int(1, 5) }, () => {
    const item = makeItem(r);
    const outcome: Outcome = r.chance(0.75) ? 'upheld' : 'overturned';
    const sentences = r.sample(RATIONALE_SENTENCES, r.int(3, 6)).join(' ');
    const verdict =
      outcome === 'upheld'
        ? 'As such, the request is not medically necessary.'
        : 'Therefore, the request is medically necessary.';
    return { ...item, outcome, rationale: `${item.about} ${sentences} ${verdict}` };
  });
  const titles = new Set<string>();
  const unique = items.filter((i) => !titles.has(i.title) && titles.add(i.title));
  return {
    caseNumber: `CM${pad(year % 100)}-${String(r.int(1, 9_999_999)).padStart(7, '0')}`,
    dates: {
      assigned: iso(year, month, r.int(1, 9)),
      injury,
      decision: iso(year, month + 1, r.int(10, 28)),
      urDenial: iso(year, month - 1, r.int(1, 28)),
      applicationReceived: iso(year, month - 1, r.int(1, 28)),
    },
    priority: r.chance(0.85) ? 'standard' : 'expedited',
    headerBlock: options.headerBlock ?? r.chance(0.5),
    reviewer: {
      role: r.chance(0.7) ? 'expert reviewer' : 'physician reviewer',
      certification,
      subspecialty,
      states: r.sample(STATES, r.chance(0.7) ? 1 : 2),
      prose: r.chance(0.5),
    },
    patient: {
      age: options.redactedAge ? null : r.int(24, 66),
      sex: r.chance(0.5) ? 'male' : 'female',
      occupation: r.chance(0.4) ? r.pick(OCCUPATIONS) : null,
    },
    injury: {
      date: injury,
      twoDigitYear: r.chance(0.6),
      mechanism: r.chance(0.6) ? r.pick(MECHANISMS) : null,
      bodyParts: r.sample(BODY_PARTS, r.int(1, 2)),
    },
    diagnoses: r.sample(DIAGNOSES, r.int(1, 3)),
    items: unique,
    truncated: options.truncated ?? false,
  };
}

export type { Layout };
