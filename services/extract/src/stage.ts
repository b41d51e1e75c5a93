import type { Resources } from '@imr/app';
import { createExtractHandler } from './extract-handler.ts';

/** The extract stage wired to a process's resources. */
export const extractStage = (r: Resources) =>
  createExtractHandler({
    artifacts: r.artifacts,
    extracted: r.queues.extractedLetters,
    maxTextBytes: r.config.IMR_MAX_TEXT_BYTES,
  });
