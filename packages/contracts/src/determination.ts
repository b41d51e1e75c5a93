import { z } from 'zod';

/** Determination schema v1: the project's public contract (see ../shared/corpus/README.md). */
export const SCHEMA_VERSION = 1 as const;

export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');

export const LAYOUTS = ['imr-final-determination', 'maximus-imr', 'medical-professional-review'] as const;
export const layoutSchema = z.enum(LAYOUTS);
export type Layout = z.infer<typeof layoutSchema>;

export const OUTCOMES = ['upheld', 'overturned'] as const;
export const outcomeSchema = z.enum(OUTCOMES);
export type Outcome = z.infer<typeof outcomeSchema>;

export const TREATMENT_CATEGORIES = [
  'medication',
  'physical-therapy',
  'psychotherapy',
  'acupuncture',
  'massage',
  'chiropractic',
  'office-visit',
  'imaging',
  'diagnostic-test',
  'injection',
  'surgery',
  'dme',
  'home-health',
  'other',
] as const;
export const treatmentCategorySchema = z.enum(TREATMENT_CATEGORIES);
export type TreatmentCategory = z.infer<typeof treatmentCategorySchema>;

export const CITATION_BODIES = ['MTUS', 'ACOEM', 'ODG', 'OTHER'] as const;
export const citationBodySchema = z.enum(CITATION_BODIES);
export type CitationBody = z.infer<typeof citationBodySchema>;

export const citationSchema = z.object({
  body: citationBodySchema,
  /** The guideline's title as cited, e.g. "MTUS Chronic Pain Treatment Guidelines". */
  title: z.string().nullable(),
  /** The topic within it, e.g. "Topical analgesics". */
  topic: z.string().nullable(),
  /** A page or range as written: "98", "111-112"; null when none is cited. */
  pages: z.string().nullable(),
});
export type Citation = z.infer<typeof citationSchema>;

export const treatmentSchema = z.object({
  category: treatmentCategorySchema,
  drug: z.string().nullable(),
  strength: z.string().nullable(),
  form: z.string().nullable(),
  frequency: z.string().nullable(),
  /** Units of a medication (#90, QTY: 180). */
  quantity: z.number().int().nonnegative().nullable(),
  /** Visits or sessions requested (#12 on a therapy, 2x3 = 6, six visits = 6). */
  sessions: z.number().int().nonnegative().nullable(),
});
export type Treatment = z.infer<typeof treatmentSchema>;

/**
 * A modified request: the claims administrator authorized part of what was asked for, and the IMR
 * decided the rest ("Norco 10/325mg #60 was the original request. Norco 10/325mg #25 was authorized
 * by the Claims Administrator. The remaining IMR eligible portion of the original request, Norco
 * 10/325mg #35 is: Upheld"). Texts as the letter writes them.
 */
export const modifiedRequestSchema = z.object({
  /** What was asked for at first ("Norco 10/325mg #60"). */
  original: z.string().min(1),
  /** What the claims administrator authorized of it ("Norco 10/325mg #25"); null when not stated. */
  authorized: z.string().nullable(),
});
export type ModifiedRequest = z.infer<typeof modifiedRequestSchema>;

export const decisionSchema = z.object({
  /**
   * The disputed item exactly as titled, on one line. For a modified request, the portion the
   * decision is about: the remaining IMR eligible portion ("Norco 10/325mg #35"), or the original
   * request when the letter says it stays IMR eligible as a whole.
   */
  item: z.string().min(1),
  /**
   * Set when the heading states a modification (see modifiedRequestSchema); null for a plain heading.
   * Added within schema v1: determinations stored before it have no such field and parse as null.
   */
  request: modifiedRequestSchema.nullable().default(null),
  outcome: outcomeSchema.nullable(),
  /** Read from `item`: for a modified request, from the decided portion (#35, not #60). */
  treatment: treatmentSchema,
  citations: z.array(citationSchema),
  claimsAdministratorBasis: z.string().nullable(),
  reviewerBasis: z.string().nullable(),
  rationale: z.string().nullable(),
});
export type Decision = z.infer<typeof decisionSchema>;

export const reviewerSchema = z.object({
  role: z.enum(['expert reviewer', 'physician reviewer']).nullable(),
  boardCertifications: z.array(z.string()),
  subspecialties: z.array(z.string()),
  specialties: z.array(z.string()),
  /** Two-letter USPS codes. */
  licensure: z.array(z.string().regex(/^[A-Z]{2}$/)),
});
export type Reviewer = z.infer<typeof reviewerSchema>;

export const determinationSchema = z.object({
  schemaVersion: z.literal(SCHEMA_VERSION),
  /** SHA-256 of the letter's bytes, hex; null when extracted from text with no bytes known. */
  letterId: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .nullable(),
  source: z
    .object({
      path: z.string().optional(),
      bucket: z.string().optional(),
      key: z.string().optional(),
    })
    .optional(),
  layout: layoutSchema,
  caseNumber: z.string().nullable(),
  dates: z.object({
    assigned: isoDate.nullable(),
    injury: isoDate.nullable(),
    decision: isoDate.nullable(),
    urDenial: isoDate.nullable(),
    applicationReceived: isoDate.nullable(),
  }),
  priority: z.enum(['standard', 'expedited']).nullable(),
  reviewer: reviewerSchema,
  patient: z.object({
    age: z.number().int().min(0).max(130).nullable(),
    sex: z.enum(['male', 'female']).nullable(),
    occupation: z.string().nullable(),
  }),
  injury: z.object({
    date: isoDate.nullable(),
    mechanism: z.string().nullable(),
    bodyParts: z.array(z.string()),
  }),
  diagnoses: z.array(z.string()),
  /** The clinical case summary as written. */
  summary: z.string().nullable(),
  decisions: z.array(decisionSchema),
  warnings: z.array(z.string()),
  extractor: z.object({ name: z.string(), version: z.string() }),
});
export type Determination = z.infer<typeof determinationSchema>;
