/** Every queue the pipeline uses, named once. Stage order is the order of this list. */
export const STAGES = ['ingest', 'normalize', 'extract', 'index'] as const;
export type Stage = (typeof STAGES)[number];

/**
 * Side lanes: queues a stage may send a letter to instead of the next stage, each rejoining the
 * main line (`LANE_REJOINS`). They are not stages of every letter, so nothing that walks the main
 * line (`nextStage`, status, reprocess, one Deployment per stage) sees them; their workers, jobs,
 * dead letters and traces are those of a stage. `ocr`: scanned letters (image-only PDFs, TIFF, PNG,
 * JPEG) read by OCR, slow and hungry, with its own concurrency, so a burst of scans never takes
 * the slots of text letters.
 */
export const LANES = ['ocr'] as const;
export type Lane = (typeof LANES)[number];
/** Where each lane hands its letter back to the main line. */
export const LANE_REJOINS = { ocr: 'normalize' } as const satisfies Record<Lane, Stage>;
/** Every queue with a stage worker: the main line's stages, then the lanes. */
export const WORKER_STAGES = [...STAGES, ...LANES] as const;
export type WorkerStage = (typeof WORKER_STAGES)[number];

export const DEAD_LETTER_QUEUE = 'dead-letter' as const;
export const QUEUE_NAMES = [...WORKER_STAGES, DEAD_LETTER_QUEUE] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];

export function isStage(value: string): value is Stage {
  return (STAGES as readonly string[]).includes(value);
}

export function isLane(value: string): value is Lane {
  return (LANES as readonly string[]).includes(value);
}

export function isWorkerStage(value: string): value is WorkerStage {
  return isStage(value) || isLane(value);
}

/** The stage that follows `stage`, or null after the last one. */
export function nextStage(stage: Stage): Stage | null {
  const i = STAGES.indexOf(stage);
  return STAGES[i + 1] ?? null;
}
