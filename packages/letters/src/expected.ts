import type { LetterFacts } from './letter.ts';

/** The expected extraction, in the format of the seeds' `*.expected.json`. */
export interface ExpectedFields {
  caseNumber: string | null;
  dates?: LetterFacts['dates'];
  priority?: string;
  reviewer: { role: string; specialties: string[]; licensure: string[] };
  patient: { age: number | null; sex: string; occupation?: string };
  injury: { date: string; bodyParts: string[] };
  diagnoses: string[];
  decisions: Array<{
    item: string;
    outcome: string;
    category: string;
    quantity?: number;
    sessions?: number;
    pages: string[];
    sources: string[];
  }>;
  warningsMention?: string[];
}

export function expectedFields(f: LetterFacts): ExpectedFields {
  const warnings = [...(f.patient.age === null ? ['redact'] : []), ...(f.truncated ? ['truncat'] : [])];
  return {
    caseNumber: f.headerBlock ? f.caseNumber : null,
    ...(f.headerBlock ? { dates: f.dates, priority: f.priority } : {}),
    reviewer: {
      role: f.reviewer.role,
      specialties: [f.reviewer.certification, ...(f.reviewer.subspecialty ? [f.reviewer.subspecialty] : [])],
      licensure: f.reviewer.states.map(([, code]) => code),
    },
    patient: {
      age: f.patient.age,
      sex: f.patient.sex,
      ...(f.patient.occupation && f.patient.age !== null ? { occupation: f.patient.occupation } : {}),
    },
    injury: { date: f.injury.date, bodyParts: f.injury.bodyParts },
    diagnoses: f.diagnoses,
    decisions: f.items.map((item) => ({
      item: item.title,
      outcome: item.outcome,
      category: item.category,
      ...(item.quantity !== undefined ? { quantity: item.quantity } : {}),
      ...(item.sessions !== undefined ? { sessions: item.sessions } : {}),
      pages: item.guidelines.flatMap((g) => (g.pages ? [g.pages] : [])),
      sources: [...new Set(item.guidelines.map((g) => g.body))],
    })),
    ...(warnings.length ? { warningsMention: warnings } : {}),
  };
}
