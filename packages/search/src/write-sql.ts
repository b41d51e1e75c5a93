/** Set-based statements for the write path: each takes one JSON array of rows as $1. */

export const UPSERT_LETTERS = `
INSERT INTO letters (
  id, case_number, layout, priority, assigned_date, injury_date, decision_date, ur_denial_date,
  application_received_date, reviewer, specialties, licensure, patient, injury, diagnoses, summary,
  warnings, extractor_name, extractor_version, content_hash, determination, indexed_at, recency_date
)
SELECT
  r.id, r.case_number, r.layout, r.priority, r.assigned_date::date, r.injury_date::date,
  r.decision_date::date, r.ur_denial_date::date, r.application_received_date::date, r.reviewer,
  r.specialties, r.licensure, r.patient, r.injury, r.diagnoses, r.summary, r.warnings, r.extractor_name,
  r.extractor_version, r.content_hash, r.determination, r.indexed_at::timestamptz, r.recency_date::date
FROM jsonb_to_recordset($1::jsonb) AS r(
  id text, case_number text, layout text, priority text, assigned_date text, injury_date text,
  decision_date text, ur_denial_date text, application_received_date text, reviewer jsonb,
  specialties text[], licensure text[], patient jsonb, injury jsonb, diagnoses text[], summary text,
  warnings text[], extractor_name text, extractor_version text, content_hash text, determination jsonb,
  indexed_at text, recency_date text
)
ON CONFLICT (id) DO UPDATE SET
  case_number = excluded.case_number, layout = excluded.layout, priority = excluded.priority,
  assigned_date = excluded.assigned_date, injury_date = excluded.injury_date,
  decision_date = excluded.decision_date, ur_denial_date = excluded.ur_denial_date,
  application_received_date = excluded.application_received_date, reviewer = excluded.reviewer,
  specialties = excluded.specialties, licensure = excluded.licensure, patient = excluded.patient,
  injury = excluded.injury, diagnoses = excluded.diagnoses, summary = excluded.summary,
  warnings = excluded.warnings, extractor_name = excluded.extractor_name,
  extractor_version = excluded.extractor_version, content_hash = excluded.content_hash,
  determination = excluded.determination, indexed_at = excluded.indexed_at,
  recency_date = excluded.recency_date`;

/** Removes letters' decisions and their citations before they are written again. */
export const DELETE_DECISIONS = `
WITH citations_gone AS (DELETE FROM citations WHERE letter_id = ANY($1::text[]))
DELETE FROM decisions WHERE letter_id = ANY($1::text[])`;

/** The weighted document: item and diagnoses A, category and drug B, reviewer basis C, the rest D. */
export const INSERT_DECISIONS = `
INSERT INTO decisions (
  letter_id, ordinal, item, outcome, category, drug, sessions, quantity,
  claims_administrator_basis, reviewer_basis, rationale, recency_date, decision_date, injury_date,
  specialties, specialty_keys, licensure, citation_bodies, document
)
SELECT
  r.letter_id, r.ordinal, r.item, r.outcome, r.category, r.drug, r.sessions, r.quantity,
  r.claims_administrator_basis, r.reviewer_basis, r.rationale, r.recency_date::date, r.decision_date::date,
  r.injury_date::date, r.specialties, r.specialty_keys, r.licensure, r.citation_bodies,
  setweight(to_tsvector('english', r.text_a), 'A') || setweight(to_tsvector('english', r.text_b), 'B')
    || setweight(to_tsvector('english', coalesce(r.reviewer_basis, '')), 'C')
    || setweight(to_tsvector('english', coalesce(r.rationale, '') || ' ' || coalesce(r.claims_administrator_basis, '')), 'D')
FROM jsonb_to_recordset($1::jsonb) AS r(
  letter_id text, ordinal integer, item text, outcome text, category text, drug text, sessions integer,
  quantity integer, claims_administrator_basis text, reviewer_basis text, rationale text,
  text_a text, text_b text, recency_date text, decision_date text, injury_date text,
  specialties text[], specialty_keys text[], licensure text[], citation_bodies text[]
)`;

export const INSERT_CITATIONS = `
INSERT INTO citations (letter_id, decision_ordinal, ordinal, body, title, topic, pages)
SELECT r.letter_id, r.decision_ordinal, r.ordinal, r.body, r.title, r.topic, r.pages
FROM jsonb_to_recordset($1::jsonb) AS r(
  letter_id text, decision_ordinal integer, ordinal integer, body text, title text, topic text, pages text
)`;

export const SELECT_LETTER_STATES =
  'SELECT id, extractor_version, content_hash FROM letters WHERE id = ANY($1::text[])';

export const SELECT_SOURCES = `
SELECT s.bucket, s.key, s.letter_id, s.etag
FROM letter_sources s
JOIN unnest($1::text[], $2::text[]) AS t(bucket, key) ON s.bucket = t.bucket AND s.key = t.key`;

export const UPSERT_SOURCES = `
INSERT INTO letter_sources (bucket, key, letter_id, etag)
SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[])
ON CONFLICT (bucket, key) DO UPDATE SET
  letter_id = excluded.letter_id, etag = excluded.etag, updated_at = now()`;

/** Deletes those of the given letters that no source holds any more, with their decisions and citations. */
export const DELETE_ORPHANS = `
WITH gone AS (
  DELETE FROM letters l
  WHERE l.id = ANY($1::text[])
    AND NOT EXISTS (SELECT 1 FROM letter_sources s WHERE s.letter_id = l.id)
  RETURNING l.id
),
decisions_gone AS (DELETE FROM decisions WHERE letter_id IN (SELECT id FROM gone)),
citations_gone AS (DELETE FROM citations WHERE letter_id IN (SELECT id FROM gone))
SELECT id FROM gone`;
