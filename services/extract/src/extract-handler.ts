import { type LetterPayload, normalizedTextSchema, PipelineError } from '@imr/contracts';
import { extractDetermination } from '@imr/parser';
import type { StageHandler } from '@imr/queue';
import type { ArtifactStore } from '@imr/storage';

/** Extract: parse the normalized text into a determination and store it. */
export function createExtractHandler(deps: { artifacts: ArtifactStore }): StageHandler<'extract'> {
  return {
    stage: 'extract',
    async handle(payload: LetterPayload, { log }) {
      const key = payload.artifacts.normalized;
      if (!key) throw new PipelineError('artifact_missing', 'extract needs a normalized artifact');
      const normalized = await deps.artifacts.getJson(key, normalizedTextSchema);
      // The artifact is content-addressed: it holds no source, since one letter can have several.
      const determination = extractDetermination(normalized, { letterId: payload.letterId });
      const stored = await deps.artifacts.putJson(payload.letterId, 'determination.json', determination);
      log.info(
        {
          letterId: payload.letterId,
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
