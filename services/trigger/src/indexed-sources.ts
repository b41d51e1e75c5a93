/**
 * What backfill and reconcile need from the search index, structurally (a `SearchIndex` fits):
 * the sources it holds, to skip object versions already indexed and to find sources whose objects
 * are gone; and a way to forget such a source.
 */
export interface IndexedSources {
  listSources(): AsyncIterable<{ bucket: string; key: string; etag: string | null }[]>;
  removeSource(source: { bucket: string; key: string }): Promise<unknown>;
}

/** ETag by key of every indexed source under `bucket`/`prefix`. */
export async function indexedVersions(
  index: IndexedSources,
  bucket: string,
  prefix = '',
): Promise<Map<string, string | null>> {
  const versions = new Map<string, string | null>();
  for await (const page of index.listSources()) {
    for (const s of page) if (s.bucket === bucket && s.key.startsWith(prefix)) versions.set(s.key, s.etag);
  }
  return versions;
}
