import type { Resources } from '@imr/app';
import { createIndexHandler } from './index-handler.ts';

/** The index stage wired to a process's resources. */
export const indexStage = (r: Resources) =>
  createIndexHandler({ artifacts: r.artifacts, search: () => r.search() });
