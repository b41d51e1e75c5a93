import type { Resources } from '@imr/app';
import type { StageHandler } from '@imr/queue';
import { extractStage } from '@imr/service-extract';
import { indexStage } from '@imr/service-index';
import { ingestStage } from '@imr/service-ingest';
import { normalizeStage } from '@imr/service-normalize';
import { ocrStage } from '@imr/service-ocr';

/** Every stage's handler (the `ocr` lane's too), wired to one process's resources. */
export function allStageHandlers(resources: Resources): StageHandler[] {
  return [ingestStage, normalizeStage, extractStage, indexStage, ocrStage].map(
    (make) => make(resources) as StageHandler,
  );
}
