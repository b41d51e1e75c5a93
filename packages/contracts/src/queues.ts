/** Every queue the pipeline uses, named once. Stage order is the order of this list. */
export const STAGES = ['ingest', 'normalize', 'extract', 'index'] as const;
export type Stage = (typeof STAGES)[number];

export const DEAD_LETTER_QUEUE = 'dead-letter' as const;
export const QUEUE_NAMES = [...STAGES, DEAD_LETTER_QUEUE] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];

export function isStage(value: string): value is Stage {
  return (STAGES as readonly string[]).includes(value);
}

/** The stage that follows `stage`, or null after the last one. */
export function nextStage(stage: Stage): Stage | null {
  const i = STAGES.indexOf(stage);
  return STAGES[i + 1] ?? null;
}
