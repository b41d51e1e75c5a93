import type { Resources } from '@imr/app';
import { createOcrHandler } from './ocr-handler.ts';

/** The `ocr` lane wired to a process's resources. */
export const ocrStage = (r: Resources) =>
  createOcrHandler({
    artifacts: r.artifacts,
    ocr: () => r.ocr(),
    maxBytes: r.config.IMR_MAX_LETTER_BYTES,
    enabled: r.config.IMR_OCR === 'on',
  });
