import { z } from 'zod';
import { WORKER_STAGES, type WorkerStage } from './queues.ts';

/**
 * Job payloads carry references, never letter text: bucket/key/ETag of the source object, the
 * letter's SHA-256, and the keys of stored artifacts.
 */
export const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'expected a hex SHA-256');

/** S3's own limit on a key: 1,024 bytes of UTF-8. */
export const MAX_KEY_BYTES = 1024;
const utf8 = new TextEncoder();

export const objectRefSchema = z.object({
  bucket: z.string().min(1),
  /** A key as S3 names it: never a path (`../` stays two dots and a slash), at most 1,024 bytes. */
  key: z
    .string()
    .min(1)
    .refine((key) => utf8.encode(key).byteLength <= MAX_KEY_BYTES, `at most ${MAX_KEY_BYTES} bytes of UTF-8`),
  etag: z.string().nullable().default(null),
  versionId: z.string().nullable().default(null),
});
export type ObjectRef = z.infer<typeof objectRefSchema>;

export const TRIGGERS = ['event', 'backfill', 'reconcile', 'demo', 'cli', 'replay', 'reprocess'] as const;
export const triggerSchema = z.enum(TRIGGERS);
export type Trigger = z.infer<typeof triggerSchema>;

const runIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,40}$/);

export const ingestPayloadSchema = z.object({
  source: objectRefSchema,
  trigger: triggerSchema,
  /** ISO time the event or listing saw the object. */
  seenAt: z.string(),
  /** Set by `imr reprocess`: a new run of stages that already completed for this object. */
  runId: runIdSchema.optional(),
});
export type IngestPayload = z.infer<typeof ingestPayloadSchema>;

/** What the letter's bytes are: a PDF, text, or an image file (TIFF, PNG, JPEG: a scan, read by OCR). */
export const CONTENT_TYPES = ['pdf', 'text', 'image'] as const;
export const contentTypeSchema = z.enum(CONTENT_TYPES);
export type ContentType = z.infer<typeof contentTypeSchema>;

/**
 * The names under a letter's artifact folder. Stored: `text` (a PDF's text layer or a scan's OCR
 * text; a text letter is its own text, in the letter bucket) and `determination.json` (with the
 * letter's manifest as its metadata). `normalized.json` is handed from normalize to extract in
 * memory, never stored; `manifest.json` is only read, for letters stored by earlier versions.
 */
export const ARTIFACT_NAMES = ['text', 'manifest.json', 'normalized.json', 'determination.json'] as const;
export type ArtifactName = (typeof ARTIFACT_NAMES)[number];

/** The one place artifact keys are made: `artifacts/<letter sha256>/<name>` in the artifact bucket. */
export function artifactKey(letterId: string, name: ArtifactName): string {
  if (!sha256Hex.safeParse(letterId).success) throw new Error('artifactKey: letterId must be a hex SHA-256');
  return `artifacts/${letterId}/${name}`;
}

/** Which artifact each key of a payload's `artifacts` names. */
const ARTIFACT_OF = {
  text: 'text',
  normalized: 'normalized.json',
  determination: 'determination.json',
} as const;

/** Keys of content-addressed artifacts in the artifact bucket (artifacts/<sha256>/...). */
export const artifactKeysSchema = z.object({
  /** UTF-8 text of a PDF or a scan; absent for a text letter, whose text is its source object. */
  text: z.string().optional(),
  /** The normalized text, handed over in memory by normalize (extract makes it again without it). */
  normalized: z.string().optional(),
  determination: z.string().optional(),
});
export type ArtifactKeys = z.infer<typeof artifactKeysSchema>;

/**
 * A letter whose text was read by OCR (the `ocr` lane): the engine, the pages read, and the mean
 * confidence (0–100) of the words it recognised. Numbers only, never text.
 */
export const ocrReadingSchema = z.object({
  engine: z.string().max(80),
  pages: z.number().int().nonnegative(),
  meanConfidence: z.number().min(0).max(100),
});
export type OcrReading = z.infer<typeof ocrReadingSchema>;

/** Payload of every stage after ingest. */
export const letterPayloadSchema = z.object({
  letterId: sha256Hex,
  source: objectRefSchema,
  contentType: contentTypeSchema,
  /** How the text artifact is encoded: 'detect' for original bytes, 'utf-8' for PDF text. */
  textEncoding: z.enum(['detect', 'utf-8']),
  byteLength: z.number().int().nonnegative(),
  artifacts: artifactKeysSchema,
  trigger: triggerSchema,
  /** The ingest payload's `seenAt` (the S3 event's time), carried along for drop-to-indexed latency. */
  seenAt: z.string().optional(),
  /** Set once the `ocr` lane has read the letter: its text artifact is OCR output. */
  ocr: ocrReadingSchema.optional(),
  /** Set by `imr reprocess`: a new run of stages that already completed for this letter. */
  runId: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,40}$/)
    .optional(),
});
export type LetterPayload = z.infer<typeof letterPayloadSchema>;

/**
 * A stage payload as workers accept it: every artifact key must be the letter's own
 * (`artifactKey(letterId, name)`), so a forged job cannot make a stage read one letter's artifacts
 * and write them under another's id.
 */
export const stageLetterPayloadSchema = letterPayloadSchema.superRefine((payload, ctx) => {
  for (const [field, name] of Object.entries(ARTIFACT_OF) as [keyof typeof ARTIFACT_OF, ArtifactName][]) {
    const key = payload.artifacts[field];
    if (key !== undefined && key !== artifactKey(payload.letterId, name)) {
      ctx.addIssue({ code: 'custom', path: ['artifacts', field], message: "not this letter's artifact" });
    }
  }
});

/** What ingest learned about a letter, stored beside its text so any later stage can be re-run. */
export const letterManifestSchema = letterPayloadSchema.pick({
  letterId: true,
  contentType: true,
  textEncoding: true,
  byteLength: true,
  ocr: true,
});
export type LetterManifest = z.infer<typeof letterManifestSchema>;

/** Ties each stage's queue to its payload type. */
export interface StagePayloads {
  ingest: IngestPayload;
  normalize: LetterPayload;
  extract: LetterPayload;
  index: LetterPayload;
  /** From ingest: a scan (its source object, no artifacts yet); the lane adds the text artifact. */
  ocr: LetterPayload;
}

export const stagePayloadSchemas = {
  ingest: ingestPayloadSchema,
  normalize: stageLetterPayloadSchema,
  extract: stageLetterPayloadSchema,
  index: stageLetterPayloadSchema,
  ocr: stageLetterPayloadSchema,
} as const satisfies { [S in WorkerStage]: z.ZodType<StagePayloads[S]> };

/** An entry in the dead-letter queue: enough to understand and replay a final failure. */
export const deadLetterSchema = z.object({
  stage: z.enum(WORKER_STAGES),
  jobId: z.string(),
  jobName: z.string(),
  payload: z.unknown(),
  code: z.string(),
  message: z.string(),
  permanent: z.boolean(),
  attemptsMade: z.number().int().nonnegative(),
  firstFailedAt: z.string(),
  lastFailedAt: z.string(),
});
export type DeadLetter = z.infer<typeof deadLetterSchema>;
