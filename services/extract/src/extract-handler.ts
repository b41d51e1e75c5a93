import { type LetterPayload, letterManifestSchema, type NormalizedText } from '@imr/contracts';
import { extractDetermination, normalizeLetter } from '@imr/parser';
import type { ExtractedLetters, StageHandler } from '@imr/queue';
import type { ArtifactStore } from '@imr/storage';

/**
 * Extract: parse the normalized text into a determination and store it, with the letter's manifest
 * as its metadata. The normalized text comes from normalize in this process, or is made again from
 * the letter's text (normalize ran in another process, or this one has forgotten it).
 */
export function createExtractHandler(deps: {
  artifacts: ArtifactStore;
  extracted: Pick<ExtractedLetters, 'add'>;
  maxTextBytes: number;
}): StageHandler<'extract'> {
  return {
    stage: 'extract',
    async handle(payload: LetterPayload, { log }) {
      const { letterId } = payload;
      const key = payload.artifacts.normalized;
      let normalized = key ? deps.artifacts.kept<NormalizedText>(key) : undefined;
      if (!normalized) {
        const bytes = await deps.artifacts.letterText(payload, { maxBytes: deps.maxTextBytes });
        if (!bytes) {
          log.info({ letterId }, 'the source object no longer holds this letter');
          return { done: 'source_changed' };
        }
        normalized = normalizeLetter(bytes, payload);
      }
      // The artifact is content-addressed: it holds no source, since one letter can have several.
      const determination = extractDetermination(normalized, { letterId });
      // What ingest (and OCR) learned, as the payload carries it.
      const manifest = letterManifestSchema.parse(payload);
      const stored = await deps.artifacts.putJson(letterId, 'determination.json', determination, {
        manifest,
      });
      await deps.extracted.add(letterId);
      log.info(
        {
          letterId,
          layout: determination.layout,
          decisions: determination.decisions.length,
          warnings: determination.warnings.length,
        },
        'extracted',
      );
      return { next: { ...payload, artifacts: { ...payload.artifacts, determination: stored } } };
    },
  };
}
