import { sha256Hex } from '@imr/contracts';
import type { Queryable } from './database.ts';
import { SearchInputError } from './errors.ts';
import type { DecisionTexts, LetterDocument, StoredDetermination } from './rows.ts';

export interface LetterSource {
  bucket: string;
  key: string;
  etag: string | null;
}

export interface LetterRecord {
  id: string;
  determination: StoredDetermination;
  sources: LetterSource[];
  extractorVersion: string;
  indexedAt: Date;
}

const SELECT_LETTER = `
SELECT
  l.id, l.determination, l.extractor_version, l.indexed_at,
  coalesce(
    (SELECT jsonb_agg(jsonb_build_object('bucket', s.bucket, 'key', s.key, 'etag', s.etag) ORDER BY s.bucket, s.key)
     FROM letter_sources s WHERE s.letter_id = l.id),
    '[]'::jsonb
  ) AS sources,
  coalesce(
    (SELECT jsonb_agg(jsonb_build_object(
        'claimsAdministratorBasis', d.claims_administrator_basis, 'reviewerBasis', d.reviewer_basis,
        'rationale', d.rationale) ORDER BY d.ordinal)
     FROM decisions d WHERE d.letter_id = l.id),
    '[]'::jsonb
  ) AS texts
FROM letters l
WHERE l.id = $1`;

/**
 * The decisions' texts, stored as decision columns, back into the determination (rows.ts). Letters
 * stored before decisions had `request` (a modified request) read it as null, as the schema does.
 */
function withTexts(document: LetterDocument, texts: DecisionTexts[]): StoredDetermination {
  const none: DecisionTexts = { claimsAdministratorBasis: null, reviewerBasis: null, rationale: null };
  return {
    ...document,
    decisions: document.decisions.map((decision, ordinal) => ({
      ...decision,
      request: decision.request ?? null,
      ...(texts[ordinal] ?? none),
    })),
  };
}

/** One letter with its full determination and the keys that hold it; null when not indexed. */
export async function getLetter(db: Queryable, id: string): Promise<LetterRecord | null> {
  if (!sha256Hex.safeParse(id).success) throw new SearchInputError('invalid_letter_id', ['id']);
  const { rows } = await db.query<{
    id: string;
    determination: LetterDocument;
    extractor_version: string;
    indexed_at: Date | string;
    sources: LetterSource[];
    texts: DecisionTexts[];
  }>(SELECT_LETTER, [id]);
  const row = rows[0];
  if (!row) return null;
  return {
    id: row.id,
    determination: withTexts(row.determination, row.texts),
    sources: row.sources,
    extractorVersion: row.extractor_version,
    indexedAt: new Date(row.indexed_at),
  };
}
