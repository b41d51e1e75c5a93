import { describe, expect, it } from 'vitest';
import { determinationSchema } from './determination.ts';

/** A decision as extractors before `request` wrote it. */
const decision = {
  item: 'Norco 10/325mg #35',
  outcome: 'upheld',
  treatment: {
    category: 'medication',
    drug: 'Norco',
    strength: '10/325mg',
    form: null,
    frequency: null,
    quantity: 35,
    sessions: null,
  },
  citations: [],
  claimsAdministratorBasis: null,
  reviewerBasis: null,
  rationale: null,
};

const determination = (decisions: unknown[]) => ({
  schemaVersion: 1,
  letterId: null,
  layout: 'imr-final-determination',
  caseNumber: 'CM16-0233904',
  dates: { assigned: null, injury: null, decision: null, urDenial: null, applicationReceived: null },
  priority: null,
  reviewer: { role: null, boardCertifications: [], subspecialties: [], specialties: [], licensure: [] },
  patient: { age: null, sex: null, occupation: null },
  injury: { date: null, mechanism: null, bodyParts: [] },
  diagnoses: [],
  summary: null,
  decisions,
  warnings: [],
  extractor: { name: 'imr-parser', version: '1.0.0' },
});

describe("a decision's request (modified requests)", () => {
  it('is null in determinations stored before it existed, within schema version 1', () => {
    const parsed = determinationSchema.parse(determination([decision]));
    expect(parsed.schemaVersion).toBe(1);
    expect(parsed.decisions[0]?.request).toBeNull();
  });

  it('keeps the original request and what was authorized, as written', () => {
    const request = { original: 'Norco 10/325mg #60', authorized: 'Norco 10/325mg #25' };
    const parsed = determinationSchema.parse(determination([{ ...decision, request }]));
    expect(parsed.decisions[0]?.request).toEqual(request);
    const unstated = { original: 'Acupuncture #12', authorized: null };
    expect(
      determinationSchema.parse(determination([{ ...decision, request: unstated }])).decisions[0]?.request,
    ).toEqual(unstated);
  });

  it('needs the original request', () => {
    for (const request of [{ original: '', authorized: null }, { authorized: 'Norco #25' }, 'Norco #60']) {
      expect(determinationSchema.safeParse(determination([{ ...decision, request }])).success).toBe(false);
    }
  });
});
