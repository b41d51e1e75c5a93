import type { LetterPayload } from '@imr/contracts';
import { normalizeLetter } from '@imr/parser';
import type { StageHandler } from '@imr/queue';
import type { ArtifactStore } from '@imr/storage';

/**
 * Normalize: decode and repair the letter's text (its text artifact, or a text letter's own bytes),
 * and hand the normalized text to extract. It is not stored: it takes less than a millisecond to
 * make again, so extract in this process takes it from memory, and extract elsewhere re-derives it.
 */
export function createNormalizeHandler(deps: {
  artifacts: ArtifactStore;
  /** Text larger than a letter can be is refused (`too_large`) before it is read. */
  maxTextBytes: number;
}): StageHandler<'normalize'> {
  return {
    stage: 'normalize',
    async handle(payload: LetterPayload, { log }) {
      const bytes = await deps.artifacts.letterText(payload, { maxBytes: deps.maxTextBytes });
      if (!bytes) {
        log.info({ letterId: payload.letterId }, 'the source object no longer holds this letter');
        return { done: 'source_changed' };
      }
      // Text read by OCR (the `ocr` lane) gets OCR's habits repaired and says so in a warning.
      const normalized = normalizeLetter(bytes, payload);
      const kept = deps.artifacts.keep(payload.letterId, 'normalized.json', normalized, bytes.byteLength);
      log.info(
        { letterId: payload.letterId, encoding: normalized.encoding, repairs: normalized.repairs.length },
        'normalized',
      );
      return { next: { ...payload, artifacts: { ...payload.artifacts, normalized: kept } } };
    },
  };
}
