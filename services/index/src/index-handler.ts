import { determinationSchema, type LetterPayload, PipelineError } from '@imr/contracts';
import { pipelineMetrics } from '@imr/metrics';
import type { StageHandler } from '@imr/queue';
import { type SearchIndex, SearchInputError } from '@imr/search';
import type { ArtifactStore } from '@imr/storage';

/** Index: upsert the determination, keyed by the letter, with this source attached. */
export function createIndexHandler(deps: {
  artifacts: ArtifactStore;
  search: () => Promise<SearchIndex>;
}): StageHandler<'index'> {
  return {
    stage: 'index',
    async handle(payload: LetterPayload, { log }) {
      const key = payload.artifacts.determination;
      if (!key) throw new PipelineError('artifact_missing', 'index needs a determination artifact');
      const determination = await deps.artifacts.getJson(key, determinationSchema);
      if (determination.letterId !== payload.letterId) {
        // Stored under this letter's key but made from another letter: never index it as this one.
        throw new PipelineError('artifact_corrupt', `artifact ${key} belongs to another letter`);
      }
      const search = await deps.search();
      let result: string;
      try {
        result = await search.upsertLetter(determination, payload.source, { letterId: payload.letterId });
      } catch (err) {
        // Refused input will be refused again: fail permanently, with the search package's reason.
        if (err instanceof SearchInputError)
          throw new PipelineError('invalid_payload', `${err.code}: ${err.message}`);
        throw err;
      }
      pipelineMetrics.letterIndexed(payload.trigger, payload.seenAt);
      log.info({ letterId: payload.letterId, result, decisions: determination.decisions.length }, 'indexed');
      return { done: result };
    },
  };
}
