import type { LetterFacts } from './facts.ts';

/** The expected extraction, in the format of the seeds' `*.expected.json` (../shared/corpus/README.md). */
export interface ExpectedFields {
  caseNumber: string | null;
  dates?: LetterFacts['dates'];
  priority?: 'standard' | 'expedited';
  reviewer?: { role: string; specialties: string[]; licensure: string[] };
  patient: { age: number | null; sex: 'male' | 'female'; occupation?: string | null };
  injury: { date: string; mechanism?: string | null; bodyParts: string[] };
  diagnoses: string[];
  decisions: Array<{
    item: string;
    outcome: 'upheld' | 'overturned';
    category: string;
    quantity?: number;
    sessions?: number;
    pages: string[];
    sources: string[];
  }>;
  textContains?: string[];
  warningsMention?: string[];
}

/** Distinctive text a decision's rationale must keep: the regulation, or a sentence of an early item. */
function textContains(f: LetterFacts): string[] {
  const complete = f.truncated ? f.items.slice(0, -1) : f.items;
  const out: string[] = [];
  if (complete.some((i) => i.regulation)) out.push('§§9792.20');
  const first = complete[0];
  if (first) {
    const sentence = first.rationale.split(/(?<=\.) +/)[1];
    if (sentence && !/['?"]/.test(sentence)) out.push(sentence);
  }
  return out;
}

export function expectedFields(f: LetterFacts): ExpectedFields {
  const warnings = [...(f.patient.age === null ? ['redact'] : []), ...(f.truncated ? ['truncat'] : [])];
  // Layout 3 states the reviewer's qualifications last: a truncated letter has lost them.
  const reviewerKnown = !(f.truncated && f.layout === 'medical-professional-review');
  const contains = textContains(f);
  return {
    caseNumber: f.headerBlock ? f.caseNumber : null,
    ...(f.headerBlock ? { dates: f.dates, priority: f.priority } : {}),
    ...(reviewerKnown
      ? {
          reviewer: {
            role: f.reviewer.role,
            specialties: [
              f.reviewer.certification,
              ...(f.reviewer.subspecialty ? [f.reviewer.subspecialty] : []),
            ],
            licensure: f.reviewer.states.map(([, code]) => code),
          },
        }
      : {}),
    patient: { age: f.patient.age, sex: f.patient.sex, occupation: f.patient.occupation },
    injury: {
      date: f.injury.date,
      ...(f.summary.mechanism !== undefined ? { mechanism: f.summary.mechanism } : {}),
      bodyParts: f.injury.bodyParts,
    },
    diagnoses: f.diagnoses,
    decisions: f.items.map((item) => ({
      item: item.title,
      outcome: item.outcome,
      category: item.category,
      ...(item.quantity !== undefined ? { quantity: item.quantity } : {}),
      ...(item.sessions !== undefined ? { sessions: item.sessions } : {}),
      pages: [...new Set(item.citations.flatMap((c) => (c.pages ? [c.pages] : [])))],
      sources: [...new Set(item.citations.map((c) => c.body))],
    })),
    ...(contains.length ? { textContains: contains } : {}),
    ...(warnings.length ? { warningsMention: warnings } : {}),
  };
}
