import type { Queryable } from './database.ts';

export interface IndexedSource {
  letterId: string;
  bucket: string;
  key: string;
  etag: string | null;
  indexedAt: Date;
}

/**
 * Every source of every indexed letter, oldest first, optionally only letters indexed since a time;
 * paged by (letter id, bucket, key) so a large index streams in pages. Used by `imr reprocess`.
 */
export async function* listSources(
  db: Queryable,
  options: { since?: Date; pageSize?: number } = {},
): AsyncGenerator<IndexedSource[]> {
  const pageSize = Math.min(Math.max(options.pageSize ?? 500, 1), 5_000);
  let after: [string, string, string] = ['', '', ''];
  for (;;) {
    const { rows } = await db.query<{
      letter_id: string;
      bucket: string;
      key: string;
      etag: string | null;
      indexed_at: Date | string;
    }>(
      `SELECT s.letter_id, s.bucket, s.key, s.etag, l.indexed_at
       FROM letter_sources s JOIN letters l ON l.id = s.letter_id
       WHERE ($1::timestamptz IS NULL OR l.indexed_at >= $1::timestamptz)
         AND (s.letter_id, s.bucket, s.key) > ($2, $3, $4)
       ORDER BY s.letter_id, s.bucket, s.key
       LIMIT $5`,
      [options.since?.toISOString() ?? null, ...after, pageSize],
    );
    if (!rows.length) return;
    yield rows.map((r) => ({
      letterId: r.letter_id,
      bucket: r.bucket,
      key: r.key,
      etag: r.etag,
      indexedAt: new Date(r.indexed_at),
    }));
    const last = rows[rows.length - 1] as (typeof rows)[number];
    after = [last.letter_id, last.bucket, last.key];
    if (rows.length < pageSize) return;
  }
}
