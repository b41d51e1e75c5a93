import { createHash } from 'node:crypto';
import type { Determination } from '@imr/contracts';
import { canonicalJson } from './canonical-json.ts';

/** The determination as stored: sources live in `letter_sources`, so the per-key `source` is dropped. */
export type StoredDetermination = Omit<Determination, 'source'> & { letterId: string };

/** A decision's texts: columns of its `decisions` row, so not repeated in the letter's determination. */
export type DecisionTexts = Pick<
  Determination['decisions'][number],
  'claimsAdministratorBasis' | 'reviewerBasis' | 'rationale'
>;

/** `letters.determination`: the stored determination without its decisions' texts (getLetter joins them back). */
export type LetterDocument = Omit<StoredDetermination, 'decisions'> & {
  decisions: Array<Omit<Determination['decisions'][number], keyof DecisionTexts>>;
};

export interface LetterRow {
  id: string;
  case_number: string | null;
  layout: string;
  priority: string | null;
  assigned_date: string | null;
  injury_date: string | null;
  decision_date: string | null;
  ur_denial_date: string | null;
  application_received_date: string | null;
  reviewer: Determination['reviewer'];
  specialties: string[];
  licensure: string[];
  patient: Determination['patient'];
  injury: Determination['injury'];
  diagnoses: string[];
  summary: string | null;
  warnings: string[];
  extractor_name: string;
  extractor_version: string;
  content_hash: string;
  determination: LetterDocument;
  indexed_at: string;
  recency_date: string;
}

export interface DecisionRow {
  letter_id: string;
  ordinal: number;
  item: string;
  outcome: string | null;
  category: string;
  drug: string | null;
  sessions: number | null;
  quantity: number | null;
  claims_administrator_basis: string | null;
  reviewer_basis: string | null;
  rationale: string | null;
  /** The document's texts by weight: item title and diagnoses (A), category and drug (B). */
  text_a: string;
  text_b: string;
  /** Copies of the letter's filter values and the decision's distinct guideline bodies. */
  recency_date: string;
  decision_date: string | null;
  injury_date: string | null;
  specialties: string[];
  /** The specialties in lower case: what the reviewer-specialty filter matches. */
  specialty_keys: string[];
  licensure: string[];
  citation_bodies: string[];
}

export interface CitationRow {
  letter_id: string;
  decision_ordinal: number;
  ordinal: number;
  body: string;
  title: string | null;
  topic: string | null;
  pages: string | null;
}

export interface LetterRows {
  letter: LetterRow;
  decisions: DecisionRow[];
  citations: CitationRow[];
}

/** Distinct values, first spelling kept, compared without case. */
function distinct(values: string[]): string[] {
  const seen = new Map<string, string>();
  for (const value of values) {
    const trimmed = value.trim();
    if (trimmed && !seen.has(trimmed.toLowerCase())) seen.set(trimmed.toLowerCase(), trimmed);
  }
  return [...seen.values()];
}

/** Splits a validated determination into the rows of the four tables. */
export function toRows(determination: Determination, letterId: string, indexedAt: Date): LetterRows {
  const { source: _source, ...rest } = determination;
  const stored: StoredDetermination = { ...rest, letterId };
  const { reviewer, dates } = determination;
  const diagnosesText = determination.diagnoses.join('; ');

  const letter: LetterRow = {
    id: letterId,
    case_number: determination.caseNumber,
    layout: determination.layout,
    priority: determination.priority,
    assigned_date: dates.assigned,
    injury_date: determination.injury.date ?? dates.injury,
    decision_date: dates.decision,
    ur_denial_date: dates.urDenial,
    application_received_date: dates.applicationReceived,
    reviewer,
    specialties: distinct([
      ...reviewer.boardCertifications,
      ...reviewer.subspecialties,
      ...reviewer.specialties,
    ]),
    licensure: distinct(reviewer.licensure),
    patient: determination.patient,
    injury: determination.injury,
    diagnoses: determination.diagnoses,
    summary: determination.summary,
    warnings: determination.warnings,
    extractor_name: determination.extractor.name,
    extractor_version: determination.extractor.version,
    content_hash: createHash('sha256').update(canonicalJson(stored)).digest('hex'),
    determination: {
      ...stored,
      decisions: stored.decisions.map(
        ({ claimsAdministratorBasis: _c, reviewerBasis: _r, rationale: _t, ...decision }) => decision,
      ),
    },
    indexed_at: indexedAt.toISOString(),
    recency_date: dates.decision ?? indexedAt.toISOString().slice(0, 10),
  };

  const specialtyKeys = letter.specialties.map((s) => s.toLowerCase());
  const decisions: DecisionRow[] = [];
  const citations: CitationRow[] = [];
  determination.decisions.forEach((decision, ordinal) => {
    const { treatment } = decision;
    decisions.push({
      letter_id: letterId,
      ordinal,
      item: decision.item,
      outcome: decision.outcome,
      category: treatment.category,
      drug: treatment.drug,
      sessions: treatment.sessions,
      quantity: treatment.quantity,
      claims_administrator_basis: decision.claimsAdministratorBasis,
      reviewer_basis: decision.reviewerBasis,
      rationale: decision.rationale,
      text_a: `${decision.item} ${diagnosesText}`,
      text_b: `${treatment.category.replaceAll('-', ' ')} ${treatment.drug ?? ''}`,
      recency_date: letter.recency_date,
      decision_date: letter.decision_date,
      injury_date: letter.injury_date,
      specialties: letter.specialties,
      specialty_keys: specialtyKeys,
      licensure: letter.licensure,
      citation_bodies: [...new Set(decision.citations.map((c) => c.body))].sort(),
    });
    decision.citations.forEach((citation, citationOrdinal) => {
      citations.push({
        letter_id: letterId,
        decision_ordinal: ordinal,
        ordinal: citationOrdinal,
        ...citation,
      });
    });
  });
  return { letter, decisions, citations };
}
