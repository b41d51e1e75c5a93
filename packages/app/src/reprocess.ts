import { randomBytes } from 'node:crypto';
import { type LetterManifest, type LetterPayload, letterManifestSchema, type Stage } from '@imr/contracts';
import type { SearchIndex } from '@imr/search';
import { artifactKey } from '@imr/storage';
import type { Resources } from './resources.ts';

export interface ReprocessOptions {
  from: Stage;
  since?: Date;
  dryRun?: boolean;
}

/** Artifacts a stage reads, by the stage it starts from. */
function artifactsFor(letterId: string, from: Exclude<Stage, 'ingest'>): LetterPayload['artifacts'] {
  if (from === 'normalize') return { text: artifactKey(letterId, 'text') };
  if (from === 'extract') return { normalized: artifactKey(letterId, 'normalized.json') };
  return { determination: artifactKey(letterId, 'determination.json') };
}

/**
 * Re-runs a stage (and the ones after it) for letters already indexed, from their stored artifacts
 * (or from the bucket, with --from ingest): after a parser upgrade, `--from normalize` re-derives
 * every determination. Each run has its own id, so its jobs never collide with earlier ones.
 */
export async function reprocess(
  resources: Resources,
  search: SearchIndex,
  options: ReprocessOptions,
): Promise<{ runId: string; letters: number; sources: number }> {
  const runId = `r${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
  const letters = new Set<string>();
  let sources = 0;
  const manifests = new Map<string, LetterManifest>();
  for await (const page of search.listSources(options.since ? { since: options.since } : {})) {
    for (const s of page) {
      letters.add(s.letterId);
      sources++;
      if (options.dryRun) continue;
      const source = { bucket: s.bucket, key: s.key, etag: s.etag, versionId: null };
      if (options.from === 'ingest') {
        await resources.queues.enqueueIngest({
          source,
          trigger: 'reprocess',
          seenAt: new Date().toISOString(),
          runId,
        });
        continue;
      }
      let manifest = manifests.get(s.letterId);
      if (!manifest) {
        manifest = await resources.artifacts.getJson(
          artifactKey(s.letterId, 'manifest.json'),
          letterManifestSchema,
        );
        manifests.set(s.letterId, manifest);
      }
      await resources.queues.enqueueStage(options.from, {
        ...manifest,
        source,
        artifacts: artifactsFor(s.letterId, options.from),
        trigger: 'reprocess',
        runId,
      });
    }
  }
  return { runId, letters: letters.size, sources };
}
