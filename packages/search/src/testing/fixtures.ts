import { createHash } from 'node:crypto';
import {
  type Citation,
  type CitationBody,
  type Decision,
  type Determination,
  determinationSchema,
} from '@imr/contracts';
import { loadSeeds, type Seed } from './seeds.ts';

/** The expected-file shorthand of a decision (see shared/corpus/README.md). */
interface ExpectedDecision {
  item: string;
  outcome: Decision['outcome'];
  category: Decision['treatment']['category'];
  sessions?: number;
  quantity?: number;
  pages?: string[];
  sources?: CitationBody[];
}

/** One citation per expected source; the expected pages go to the first. */
function citations(expected: ExpectedDecision): Citation[] {
  return (expected.sources ?? []).map((body, i) => ({
    body,
    title: null,
    topic: null,
    pages: i === 0 ? (expected.pages ?? []).join(', ') || null : null,
  }));
}

/**
 * A Determination built from a seed's expected.json, every field the file does not list null or
 * empty. It stands in for the parser's output in tests that need indexed letters.
 */
export function determinationFromExpected(seed: Seed, extractorVersion = '0.1.0'): Determination {
  const e = seed.expected as {
    caseNumber?: string | null;
    reviewer?: { role?: Determination['reviewer']['role']; specialties?: string[]; licensure?: string[] };
    patient?: Partial<Determination['patient']>;
    injury?: { date?: string | null; bodyParts?: string[] };
    diagnoses?: string[];
    decisions?: ExpectedDecision[];
  };
  const determination: Determination = {
    schemaVersion: 1,
    letterId: createHash('sha256').update(seed.bytes).digest('hex'),
    layout: 'imr-final-determination',
    caseNumber: e.caseNumber ?? null,
    dates: {
      assigned: null,
      injury: e.injury?.date ?? null,
      decision: null,
      urDenial: null,
      applicationReceived: null,
    },
    priority: null,
    reviewer: {
      role: e.reviewer?.role ?? null,
      boardCertifications: [],
      subspecialties: [],
      specialties: e.reviewer?.specialties ?? [],
      licensure: e.reviewer?.licensure ?? [],
    },
    patient: {
      age: e.patient?.age ?? null,
      sex: e.patient?.sex ?? null,
      occupation: e.patient?.occupation ?? null,
    },
    injury: { date: e.injury?.date ?? null, mechanism: null, bodyParts: e.injury?.bodyParts ?? [] },
    diagnoses: e.diagnoses ?? [],
    summary: null,
    decisions: (e.decisions ?? []).map((d) => ({
      item: d.item,
      request: null,
      outcome: d.outcome,
      treatment: {
        category: d.category,
        drug: null,
        strength: null,
        form: null,
        frequency: null,
        quantity: d.quantity ?? null,
        sessions: d.sessions ?? null,
      },
      citations: citations(d),
      claimsAdministratorBasis: null,
      reviewerBasis: null,
      rationale: null,
    })),
    warnings: [],
    extractor: { name: 'expected-fixture', version: extractorVersion },
  };
  return determinationSchema.parse(determination);
}

export interface SeedLetter {
  name: string;
  determination: Determination;
}

/** The five seeds as determinations. */
export function seedDeterminations(): SeedLetter[] {
  return loadSeeds().map((seed) => ({ name: seed.name, determination: determinationFromExpected(seed) }));
}

/** The five seeds as the real parser reads them: normalize + extract, as the pipeline does. */
export async function parsedSeedDeterminations(): Promise<SeedLetter[]> {
  const { extractDetermination, normalizeBytes } = await import('@imr/parser');
  return loadSeeds().map((seed) => ({
    name: seed.name,
    determination: extractDetermination(normalizeBytes(seed.bytes), {
      letterId: createHash('sha256').update(seed.bytes).digest('hex'),
    }),
  }));
}
