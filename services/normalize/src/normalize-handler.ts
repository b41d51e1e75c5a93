import { type LetterPayload, PipelineError } from '@imr/contracts';
import { normalizeBytes } from '@imr/parser';
import type { StageHandler } from '@imr/queue';
import type { ArtifactStore } from '@imr/storage';

/** Normalize: decode and repair the text artifact, store the normalized text and its report. */
export function createNormalizeHandler(deps: {
  artifacts: ArtifactStore;
  /** Text larger than a letter can be is refused (`too_large`) before it is read. */
  maxTextBytes: number;
}): StageHandler<'normalize'> {
  return {
    stage: 'normalize',
    async handle(payload: LetterPayload, { log }) {
      const key = payload.artifacts.text;
      if (!key) throw new PipelineError('artifact_missing', 'normalize needs a text artifact');
      const bytes = await deps.artifacts.getBytes(key, { maxBytes: deps.maxTextBytes });
      // Text read by OCR (the `ocr` lane) gets OCR's habits repaired and says so in a warning.
      const normalized = normalizeBytes(bytes, {
        encoding: payload.textEncoding,
        ...(payload.ocr ? { ocr: payload.ocr } : {}),
      });
      const stored = await deps.artifacts.putJson(payload.letterId, 'normalized.json', normalized);
      log.info(
        { letterId: payload.letterId, encoding: normalized.encoding, repairs: normalized.repairs.length },
        'normalized',
      );
      return { next: { ...payload, artifacts: { ...payload.artifacts, normalized: stored } } };
    },
  };
}
