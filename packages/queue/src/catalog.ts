import {
  isLane,
  LANE_REJOINS,
  type LetterPayload,
  nextStage,
  STAGES,
  type StagePayloads,
  stagePayloadSchemas,
  WORKER_STAGES,
  type WorkerStage,
} from '@imr/contracts';
import type { Logger } from '@imr/logging';
import type { z } from 'zod';

export interface StageContext {
  jobId: string;
  /** 1 on the first try. */
  attempt: number;
  log: Logger;
}

/**
 * What a handler returns: the payload for the stage after it (the runtime enqueues it, with a
 * deterministic id), optionally jumping ahead (`to`), or `done` when the letter needs nothing more.
 * Follow-up jobs are decided here, in one place, never inside handlers.
 */
export type StageResult = { next: LetterPayload; to?: Exclude<WorkerStage, 'ingest'> } | { done: string };

export interface StageHandler<S extends WorkerStage = WorkerStage> {
  stage: S;
  handle(payload: StagePayloads[S], ctx: StageContext): Promise<StageResult>;
}

export interface StageSpec<S extends WorkerStage = WorkerStage> {
  stage: S;
  queue: S;
  schema: z.ZodType<StagePayloads[S]>;
  /** Jobs one worker process runs at once. */
  concurrency: number;
  attempts: number;
  /** Exponential backoff base delay; each retry waits base * 2^(n-1), with jitter. */
  backoffMs: number;
  next: WorkerStage | null;
}

function spec<S extends WorkerStage>(
  stage: S,
  concurrency: number,
  attempts: number,
  backoffMs: number,
): StageSpec<S> {
  return {
    stage,
    queue: stage,
    schema: stagePayloadSchemas[stage] as unknown as z.ZodType<StagePayloads[S]>,
    concurrency,
    attempts,
    backoffMs,
    next: isLane(stage) ? LANE_REJOINS[stage] : nextStage(stage),
  };
}

/** Every stage, declared once. Concurrency can be overridden per process (IMR_CONCURRENCY). */
export const STAGE_SPECS: { [S in WorkerStage]: StageSpec<S> } = {
  // I/O bound (S3) with PDF parsing off the event loop in worker threads.
  ingest: spec('ingest', 4, 6, 1_000),
  // Pure CPU, fast: a few at a time keeps the event loop responsive for lock renewals.
  normalize: spec('normalize', 4, 5, 1_000),
  extract: spec('extract', 4, 5, 1_000),
  // Database writes: jobs running together share a transaction (the search index batches them), so
  // more at once means larger batches, not more connections.
  index: spec('index', 16, 8, 1_000),
  // A lane (see LANES): OCR child processes, each page bounded in time and memory. One at a time
  // by default (IMR_OCR_CONCURRENCY, never IMR_CONCURRENCY); its failures are mostly permanent
  // (codes), so few attempts, spaced out.
  ocr: spec('ocr', 1, 3, 5_000),
};

export type CatalogEntry<S extends WorkerStage = WorkerStage> = StageSpec<S> & { handler: StageHandler<S> };
export type Catalog = { [S in WorkerStage]?: CatalogEntry<S> };

export class CatalogError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CatalogError';
  }
}

/**
 * Attaches handlers to the declared stages. Fails fast on a handler for an unknown stage, two
 * handlers for one stage, or (unless `only` narrows the set) a stage left without a handler.
 */
export function buildCatalog(handlers: StageHandler[], only: readonly WorkerStage[] = STAGES): Catalog {
  const catalog: Catalog = {};
  for (const handler of handlers) {
    if (!(WORKER_STAGES as readonly string[]).includes(handler.stage)) {
      throw new CatalogError(`handler for unknown stage "${handler.stage}"`);
    }
    if (!only.includes(handler.stage)) continue;
    if (catalog[handler.stage]) throw new CatalogError(`two handlers for stage "${handler.stage}"`);
    (catalog as Record<string, CatalogEntry>)[handler.stage] = { ...STAGE_SPECS[handler.stage], handler };
  }
  const missing = only.filter((s) => !catalog[s]);
  if (missing.length) throw new CatalogError(`no handler for stage(s): ${missing.join(', ')}`);
  return catalog;
}
