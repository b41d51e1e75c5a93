import { randomBytes } from 'node:crypto';
import {
  type LetterManifest,
  type LetterPayload,
  letterManifestSchema,
  PipelineError,
  type Stage,
} from '@imr/contracts';
import type { SearchIndex } from '@imr/search';
import { artifactKey } from '@imr/storage';
import type { Resources } from './resources.ts';

export interface ReprocessOptions {
  from: Stage;
  since?: Date;
  dryRun?: boolean;
}

/**
 * Artifacts a stage reads, by the stage it starts from: normalize and extract read the letter's
 * text (a PDF's or a scan's stored text; a text letter's own bytes, from its source); index reads
 * the determination.
 */
function artifactsFor(manifest: LetterManifest, from: Exclude<Stage, 'ingest'>): LetterPayload['artifacts'] {
  if (from === 'index') return { determination: artifactKey(manifest.letterId, 'determination.json') };
  return manifest.contentType === 'text' ? {} : { text: artifactKey(manifest.letterId, 'text') };
}

/** A letter's manifest: stored with its determination, or (stored before that) in manifest.json. */
async function manifestOf(resources: Resources, letterId: string): Promise<LetterManifest> {
  const stored = await resources.artifacts.determination(letterId);
  if (stored?.manifest) return stored.manifest;
  const key = artifactKey(letterId, 'manifest.json');
  const manifest = await resources.artifacts.getJson(key, letterManifestSchema);
  if (manifest.letterId !== letterId) {
    throw new PipelineError('artifact_corrupt', `artifact ${key} belongs to another letter`);
  }
  return manifest;
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
        manifest = await manifestOf(resources, s.letterId);
        manifests.set(s.letterId, manifest);
      }
      await resources.queues.enqueueStage(options.from, {
        ...manifest,
        source,
        artifacts: artifactsFor(manifest, options.from),
        trigger: 'reprocess',
        runId,
      });
    }
  }
  return { runId, letters: letters.size, sources };
}
