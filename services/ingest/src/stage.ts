import type { Resources } from '@imr/app';
import { createIngestHandler } from './ingest-handler.ts';

/** The ingest stage wired to a process's resources. */
export const ingestStage = (r: Resources) =>
  createIngestHandler({
    objects: r.objects,
    artifacts: r.artifacts,
    extracted: r.queues.extractedLetters,
    pdf: () => r.pdf(),
    maxBytes: r.config.IMR_MAX_LETTER_BYTES,
    maxTextBytes: r.config.IMR_MAX_TEXT_BYTES,
    ocr: r.config.IMR_OCR === 'on',
  });
