import { z } from 'zod';
import type { Stage } from './queues.ts';

/**
 * Job payloads carry references, never letter text: bucket/key/ETag of the source object, the
 * letter's SHA-256, and the keys of stored artifacts.
 */
export const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'expected a hex SHA-256');

export const objectRefSchema = z.object({
  bucket: z.string().min(1),
  key: z.string().min(1),
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

export const CONTENT_TYPES = ['pdf', 'text'] as const;
export const contentTypeSchema = z.enum(CONTENT_TYPES);
export type ContentType = z.infer<typeof contentTypeSchema>;

/** Keys of content-addressed artifacts in the artifact bucket (artifacts/<sha256>/...). */
export const artifactKeysSchema = z.object({
  /** Text as ingest found it: the original bytes of a text letter, or UTF-8 text of a PDF. */
  text: z.string().optional(),
  normalized: z.string().optional(),
  determination: z.string().optional(),
});
export type ArtifactKeys = z.infer<typeof artifactKeysSchema>;

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
  /** Set by `imr reprocess`: a new run of stages that already completed for this letter. */
  runId: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,40}$/)
    .optional(),
});
export type LetterPayload = z.infer<typeof letterPayloadSchema>;

/** What ingest learned about a letter, stored beside its text so any later stage can be re-run. */
export const letterManifestSchema = letterPayloadSchema.pick({
  letterId: true,
  contentType: true,
  textEncoding: true,
  byteLength: true,
});
export type LetterManifest = z.infer<typeof letterManifestSchema>;

/** Ties each stage's queue to its payload type. */
export interface StagePayloads {
  ingest: IngestPayload;
  normalize: LetterPayload;
  extract: LetterPayload;
  index: LetterPayload;
}

export const stagePayloadSchemas = {
  ingest: ingestPayloadSchema,
  normalize: letterPayloadSchema,
  extract: letterPayloadSchema,
  index: letterPayloadSchema,
} as const satisfies { [S in Stage]: z.ZodType<StagePayloads[S]> };

/** An entry in the dead-letter queue: enough to understand and replay a final failure. */
export const deadLetterSchema = z.object({
  stage: z.enum(['ingest', 'normalize', 'extract', 'index']),
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
