/** What the cache holds for a key: the stored bytes, or a value a stage made (kept parsed). */
export type Cached =
  | { bytes: Uint8Array; value?: undefined }
  | { value: unknown; size: number; bytes?: undefined };

/**
 * Artifacts this process wrote or read lately, by key, least recently used first out, within a
 * byte budget (IMR_ARTIFACT_CACHE_MB). Stages that run in one process hand letters to each other
 * through it instead of through S3. It is only ever a shortcut: every key is content-addressed
 * (`artifacts/<sha256>/…`, or a letter's own bytes under its SHA-256) and made by this process's
 * code, so a hit is what S3 (or re-deriving) would give; a miss costs a request, never a letter.
 */
export class ArtifactCache {
  private readonly entries = new Map<string, Cached>();
  private bytes = 0;
  hits = 0;
  misses = 0;

  constructor(readonly maxBytes: number) {}

  get(key: string): Cached | undefined {
    const entry = this.entries.get(key);
    if (!entry) {
      this.misses++;
      return undefined;
    }
    this.hits++;
    // Most recently used last: Map keeps insertion order.
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry;
  }

  set(key: string, entry: Cached): void {
    const size = sizeOf(entry);
    if (size > this.maxBytes / 8) return; // one letter never pushes out most others
    this.delete(key);
    this.entries.set(key, entry);
    this.bytes += size;
    for (const [oldest, old] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(oldest);
      this.bytes -= sizeOf(old);
    }
  }

  delete(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.bytes -= sizeOf(entry);
  }

  get size(): number {
    return this.bytes;
  }
}

function sizeOf(entry: Cached): number {
  return entry.bytes ? entry.bytes.byteLength : entry.size;
}
