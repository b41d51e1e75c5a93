import { createHash } from 'node:crypto';
import {
  type ArtifactName,
  artifactKey,
  type LetterManifest,
  type LetterPayload,
  letterManifestSchema,
  type ObjectRef,
  PipelineError,
} from '@imr/contracts';
import type { z } from 'zod';
import type { ArtifactCache } from './artifact-cache.ts';
import type { ObjectStore } from './object-store.ts';

export { type ArtifactName, artifactKey } from '@imr/contracts';

/** The metadata key under which a determination carries its letter's manifest (see `putJson`). */
const MANIFEST_METADATA = 'imr-manifest';

/**
 * Content-addressed stage outputs: `artifacts/<sha256>/<name>` in the artifact bucket. Any stage
 * can be re-run from its input; nothing but references ever travels through Redis. With a cache,
 * what this process wrote or read lately is served without a request (see ArtifactCache), and
 * values handed over in-process only (`keep`) never reach S3.
 */
export class ArtifactStore {
  private readonly cache: ArtifactCache | null;

  constructor(
    private readonly objects: ObjectStore,
    readonly bucket: string,
    options: { cache?: ArtifactCache | null } = {},
  ) {
    this.cache = options.cache ?? null;
  }

  async putBytes(letterId: string, name: ArtifactName, bytes: Uint8Array): Promise<string> {
    const key = artifactKey(letterId, name);
    await this.objects.put(this.bucket, key, bytes);
    this.cache?.set(key, { bytes });
    return key;
  }

  /** Stores a JSON artifact; `manifest` rides along as the object's metadata (numbers and names only). */
  async putJson(
    letterId: string,
    name: ArtifactName,
    value: unknown,
    options: { manifest?: LetterManifest } = {},
  ): Promise<string> {
    const key = artifactKey(letterId, name);
    const json = JSON.stringify(value);
    const metadata = options.manifest ? { [MANIFEST_METADATA]: JSON.stringify(options.manifest) } : undefined;
    await this.objects.put(this.bucket, key, json, 'application/json', metadata);
    this.cache?.set(key, { value, size: parsedSize(json.length) });
    return key;
  }

  /**
   * Hands a value to a later stage of this process without storing it: for what is cheap to
   * re-derive (the normalized text), which a stage that finds no value here derives again.
   * `length`: about the length of its JSON (its size in memory is counted from it).
   */
  keep(letterId: string, name: ArtifactName, value: unknown, length: number): string {
    const key = artifactKey(letterId, name);
    this.cache?.set(key, { value, size: parsedSize(length) });
    return key;
  }

  /**
   * A value handed over with `keep`, written with `putJson` or read with `getJson` lately, if this
   * process still has it. Such a value was made by this process's code or checked by `getJson`'s
   * schema: it is not checked again.
   */
  kept<T>(key: string): T | undefined {
    return this.cache?.get(key)?.value as T | undefined;
  }

  /** An artifact's bytes; over `maxBytes` (before download) fails permanently with `too_large`. */
  async getBytes(key: string, options: { maxBytes?: number } = {}): Promise<Uint8Array> {
    const cached = this.cache?.get(key);
    if (cached?.bytes && (options.maxBytes === undefined || cached.bytes.byteLength <= options.maxBytes)) {
      return cached.bytes;
    }
    const bytes = await this.fetch(key, options);
    this.cache?.set(key, { bytes });
    return bytes;
  }

  /**
   * Reads a JSON artifact and checks it against `schema`. One that does not parse or does not match
   * fails permanently (`artifact_corrupt`): a retry reads the same bytes. The message names the key
   * and the failing fields, never the content (artifacts hold letter text).
   */
  async getJson<T>(key: string, schema: z.ZodType<T>): Promise<T> {
    const kept = this.kept<T>(key);
    if (kept !== undefined) return kept;
    // Two runs of a stage for one letter (two sources, a redelivery) may rewrite an artifact while
    // it is read, and a server without atomic writes (s3rver) can then serve it half written: bytes
    // that fail but differ from a second read are read again; the same bytes failing twice are corrupt.
    let bytes = await this.fetch(key);
    for (let read = 1; ; read++) {
      const result = parseArtifact(key, bytes, schema);
      if (!PipelineError.is(result)) {
        this.cache?.set(key, { value: result, size: parsedSize(bytes.byteLength) });
        return result;
      }
      if (read === 3) throw result;
      const again = await this.fetch(key);
      if (Buffer.from(again).equals(Buffer.from(bytes))) throw result;
      bytes = again;
    }
  }

  /** An artifact's bytes from S3 (never the cache); a missing one is `artifact_missing`. */
  private async fetch(key: string, options: { maxBytes?: number } = {}): Promise<Uint8Array> {
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
   * The letter's own bytes from its source object: from this process's cache (ingest read them),
   * else from S3. Null when the object no longer holds this letter (replaced or deleted since):
   * its new version, if any, has its own event.
   */
  async letter(
    source: ObjectRef,
    letterId: string,
    options: { maxBytes?: number } = {},
  ): Promise<Uint8Array | null> {
    const key = letterCacheKey(letterId);
    const cached = this.cache?.get(key);
    if (cached?.bytes) return cached.bytes;
    let bytes: Uint8Array;
    try {
      bytes = (await this.objects.get(source.bucket, source.key, options)).bytes;
    } catch (err) {
      // Gone, or now larger than the letter ingest read could have been: not this letter any more.
      if (PipelineError.is(err) && (err.code === 'object_missing' || err.code === 'too_large')) return null;
      throw err;
    }
    if (createHash('sha256').update(bytes).digest('hex') !== letterId) return null;
    this.cache?.set(key, { bytes });
    return bytes;
  }

  /**
   * The text a letter's stages read: its text artifact (a PDF's text layer, a scan's OCR text), or
   * for a text letter its own bytes (never copied into the artifact bucket). Null when a text
   * letter's source object no longer holds it.
   */
  async letterText(
    payload: Pick<LetterPayload, 'letterId' | 'source' | 'contentType' | 'artifacts'>,
    options: { maxBytes?: number } = {},
  ): Promise<Uint8Array | null> {
    if (payload.artifacts.text) return this.getBytes(payload.artifacts.text, options);
    if (payload.contentType !== 'text') {
      throw new PipelineError('artifact_missing', 'a PDF or a scan needs its text artifact');
    }
    const bytes = await this.letter(payload.source, payload.letterId, options);
    if (bytes && options.maxBytes !== undefined && bytes.byteLength > options.maxBytes) {
      throw new PipelineError(
        'too_large',
        `text of ${bytes.byteLength} bytes; the limit is ${options.maxBytes}`,
      );
    }
    return bytes;
  }

  /** Keeps a letter's bytes (just read and hashed) for the stages after ingest in this process. */
  rememberLetter(letterId: string, bytes: Uint8Array): void {
    this.cache?.set(letterCacheKey(letterId), { bytes });
  }

  /**
   * Whether the letter has a stored determination, and the manifest it was stored with (null for a
   * determination stored before manifests rode along, which keeps its `manifest.json`).
   */
  async determination(letterId: string): Promise<{ manifest: LetterManifest | null } | null> {
    const head = await this.objects.head(this.bucket, artifactKey(letterId, 'determination.json'));
    if (!head) return null;
    const raw = head.metadata[MANIFEST_METADATA];
    if (!raw) return { manifest: null };
    try {
      const parsed = letterManifestSchema.safeParse(JSON.parse(raw));
      return { manifest: parsed.success && parsed.data.letterId === letterId ? parsed.data : null };
    } catch {
      return { manifest: null };
    }
  }
}

/** What a value parsed from `jsonLength` characters of JSON takes in memory, about (objects, UTF-16). */
function parsedSize(jsonLength: number): number {
  return 3 * jsonLength;
}

/** A letter's bytes in the cache: under its SHA-256, which no artifact key can be. */
function letterCacheKey(letterId: string): string {
  return `letter:${letterId}`;
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
