import { PipelineError } from '@imr/contracts';
import type { ObjectStore } from './object-store.ts';

/** Names of the artifacts each stage leaves behind for the next one. */
export type ArtifactName = 'text' | 'manifest.json' | 'normalized.json' | 'determination.json';

export function artifactKey(letterId: string, name: ArtifactName): string {
  if (!/^[0-9a-f]{64}$/.test(letterId)) throw new Error('artifactKey: letterId must be a hex SHA-256');
  return `artifacts/${letterId}/${name}`;
}

/**
 * Content-addressed stage outputs: `artifacts/<sha256>/<name>` in the artifact bucket. Any stage
 * can be re-run from its input; nothing but references ever travels through Redis.
 */
export class ArtifactStore {
  constructor(
    private readonly objects: ObjectStore,
    readonly bucket: string,
  ) {}

  async putBytes(letterId: string, name: ArtifactName, bytes: Uint8Array): Promise<string> {
    const key = artifactKey(letterId, name);
    await this.objects.put(this.bucket, key, bytes);
    return key;
  }

  async putJson(letterId: string, name: ArtifactName, value: unknown): Promise<string> {
    const key = artifactKey(letterId, name);
    await this.objects.put(this.bucket, key, JSON.stringify(value), 'application/json');
    return key;
  }

  async getBytes(key: string): Promise<Uint8Array> {
    try {
      return (await this.objects.get(this.bucket, key)).bytes;
    } catch (err) {
      if (PipelineError.is(err) && err.code === 'object_missing') {
        throw new PipelineError('artifact_missing', `artifact ${key} is missing`, { cause: err });
      }
      throw err;
    }
  }

  async getJson(key: string): Promise<unknown> {
    const bytes = await this.getBytes(key);
    return JSON.parse(new TextDecoder().decode(bytes));
  }

  async exists(letterId: string, name: ArtifactName): Promise<boolean> {
    return (await this.objects.head(this.bucket, artifactKey(letterId, name))) !== null;
  }
}
