import { type ArtifactName, artifactKey, PipelineError } from '@imr/contracts';
import type { z } from 'zod';
import type { ObjectStore } from './object-store.ts';

export { type ArtifactName, artifactKey } from '@imr/contracts';

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

  /** An artifact's bytes; over `maxBytes` (before download) fails permanently with `too_large`. */
  async getBytes(key: string, options: { maxBytes?: number } = {}): Promise<Uint8Array> {
    try {
      return (await this.objects.get(this.bucket, key, options)).bytes;
    } catch (err) {
      if (PipelineError.is(err) && err.code === 'object_missing') {
        throw new PipelineError('artifact_missing', `artifact ${key} is missing`, { cause: err });
      }
      throw err;
    }
  }

  /**
   * Reads a JSON artifact and checks it against `schema`. One that does not parse or does not match
   * fails permanently (`artifact_corrupt`): a retry reads the same bytes. The message names the key
   * and the failing fields, never the content (artifacts hold letter text).
   */
  async getJson<T>(key: string, schema: z.ZodType<T>): Promise<T> {
    // Two runs of a stage for one letter (two sources, a redelivery) may rewrite an artifact while
    // it is read, and a server without atomic writes (s3rver) can then serve it half written: bytes
    // that fail but differ from a second read are read again; the same bytes failing twice are corrupt.
    let bytes = await this.getBytes(key);
    for (let read = 1; ; read++) {
      const result = parseArtifact(key, bytes, schema);
      if (!PipelineError.is(result)) return result;
      if (read === 3) throw result;
      const again = await this.getBytes(key);
      if (Buffer.from(again).equals(Buffer.from(bytes))) throw result;
      bytes = again;
    }
  }

  async exists(letterId: string, name: ArtifactName): Promise<boolean> {
    return (await this.objects.head(this.bucket, artifactKey(letterId, name))) !== null;
  }
}

function parseArtifact<T>(key: string, bytes: Uint8Array, schema: z.ZodType<T>): T | PipelineError {
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    return new PipelineError('artifact_corrupt', `artifact ${key} is not JSON (${bytes.byteLength} bytes)`);
  }
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const fields = [...new Set(parsed.error.issues.map((i) => i.path.join('.') || '(root)'))];
  return new PipelineError(
    'artifact_corrupt',
    `artifact ${key} does not match its schema at ${fields.slice(0, 5).join(', ')}`,
  );
}
