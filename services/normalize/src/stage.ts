import type { Resources } from '@imr/app';
import { createNormalizeHandler } from './normalize-handler.ts';

/** The normalize stage wired to a process's resources. */
export const normalizeStage = (r: Resources) =>
  createNormalizeHandler({ artifacts: r.artifacts, maxTextBytes: r.config.IMR_MAX_TEXT_BYTES });
