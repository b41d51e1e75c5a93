-- Up Migration

-- The text index's parts (src/shards.ts) carry the filters a text match is narrowed by: outcome and
-- category (as one-element arrays), guideline bodies, reviewer specialties and licensure, beside the
-- tsvector, in one GIN index a part. Each filter is in an expression no other index holds (an array
-- with nothing appended is the array): the planner would otherwise AND a part with the whole-table
-- index of licensure or specialties (src/filters.ts). A filtered match is then AND-ed inside the index, and only its
-- matches are read from the table: `functional improvement` licensed in TX read 9,614 rows of the
-- first part for its 1,083 matches, one by one, at a million letters (10 ms of its 25). The dates
-- stay checked on the rows (src/filters.ts). Same parts and predicates as 0006, word for word.
--
-- Building them reads the table once an index, in one transaction that holds writes to decisions
-- back until it ends (index jobs wait and retry): about a minute and a half at a million letters on
-- 2 cores. For a larger table, run the CREATE INDEX CONCURRENTLY equivalents by hand first; this
-- migration then only drops 0006's indexes (IF NOT EXISTS skips what is built).
SET LOCAL maintenance_work_mem = '256MB';

CREATE INDEX IF NOT EXISTS decisions_match_00_idx ON decisions
  USING gin (document, (ARRAY[outcome]), (ARRAY[category]), (citation_bodies || '{}'::text[]),
    (specialty_keys || '{}'::text[]), (licensure || '{}'::text[]))
  WHERE left(letter_id, 2) = '00';
CREATE INDEX IF NOT EXISTS decisions_match_01_03_idx ON decisions
  USING gin (document, (ARRAY[outcome]), (ARRAY[category]), (citation_bodies || '{}'::text[]),
    (specialty_keys || '{}'::text[]), (licensure || '{}'::text[]))
  WHERE left(letter_id, 2) IN ('01', '02', '03');
CREATE INDEX IF NOT EXISTS decisions_match_04_0f_idx ON decisions
  USING gin (document, (ARRAY[outcome]), (ARRAY[category]), (citation_bodies || '{}'::text[]),
    (specialty_keys || '{}'::text[]), (licensure || '{}'::text[]))
  WHERE left(letter_id, 1) = '0' AND left(letter_id, 2) NOT IN ('00', '01', '02', '03');
CREATE INDEX IF NOT EXISTS decisions_match_1_3_idx ON decisions
  USING gin (document, (ARRAY[outcome]), (ARRAY[category]), (citation_bodies || '{}'::text[]),
    (specialty_keys || '{}'::text[]), (licensure || '{}'::text[]))
  WHERE left(letter_id, 1) IN ('1', '2', '3');
CREATE INDEX IF NOT EXISTS decisions_match_4_7_idx ON decisions
  USING gin (document, (ARRAY[outcome]), (ARRAY[category]), (citation_bodies || '{}'::text[]),
    (specialty_keys || '{}'::text[]), (licensure || '{}'::text[]))
  WHERE left(letter_id, 1) IN ('4', '5', '6', '7');
CREATE INDEX IF NOT EXISTS decisions_match_8_b_idx ON decisions
  USING gin (document, (ARRAY[outcome]), (ARRAY[category]), (citation_bodies || '{}'::text[]),
    (specialty_keys || '{}'::text[]), (licensure || '{}'::text[]))
  WHERE left(letter_id, 1) IN ('8', '9', 'a', 'b');
CREATE INDEX IF NOT EXISTS decisions_match_c_f_idx ON decisions
  USING gin (document, (ARRAY[outcome]), (ARRAY[category]), (citation_bodies || '{}'::text[]),
    (specialty_keys || '{}'::text[]), (licensure || '{}'::text[]))
  WHERE left(letter_id, 1) IN ('c', 'd', 'e', 'f');

-- A part index left invalid by a failed CONCURRENTLY build would be skipped above, and its part
-- read without it: stop here instead.
DO $$
BEGIN
  IF EXISTS (
    SELECT 1 FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
    WHERE c.relname LIKE 'decisions\_match\_%\_idx' AND NOT i.indisvalid
  ) THEN
    RAISE EXCEPTION 'an index decisions_match_*_idx is invalid: drop it and migrate again';
  END IF;
END $$;

DROP INDEX IF EXISTS decisions_document_00_idx;
DROP INDEX IF EXISTS decisions_document_01_03_idx;
DROP INDEX IF EXISTS decisions_document_04_0f_idx;
DROP INDEX IF EXISTS decisions_document_1_3_idx;
DROP INDEX IF EXISTS decisions_document_4_7_idx;
DROP INDEX IF EXISTS decisions_document_8_b_idx;
DROP INDEX IF EXISTS decisions_document_c_f_idx;

-- Down Migration

SET LOCAL maintenance_work_mem = '256MB';

CREATE INDEX decisions_document_00_idx ON decisions USING gin (document)
  WHERE left(letter_id, 2) = '00';
CREATE INDEX decisions_document_01_03_idx ON decisions USING gin (document)
  WHERE left(letter_id, 2) IN ('01', '02', '03');
CREATE INDEX decisions_document_04_0f_idx ON decisions USING gin (document)
  WHERE left(letter_id, 1) = '0' AND left(letter_id, 2) NOT IN ('00', '01', '02', '03');
CREATE INDEX decisions_document_1_3_idx ON decisions USING gin (document)
  WHERE left(letter_id, 1) IN ('1', '2', '3');
CREATE INDEX decisions_document_4_7_idx ON decisions USING gin (document)
  WHERE left(letter_id, 1) IN ('4', '5', '6', '7');
CREATE INDEX decisions_document_8_b_idx ON decisions USING gin (document)
  WHERE left(letter_id, 1) IN ('8', '9', 'a', 'b');
CREATE INDEX decisions_document_c_f_idx ON decisions USING gin (document)
  WHERE left(letter_id, 1) IN ('c', 'd', 'e', 'f');

DROP INDEX decisions_match_00_idx;
DROP INDEX decisions_match_01_03_idx;
DROP INDEX decisions_match_04_0f_idx;
DROP INDEX decisions_match_1_3_idx;
DROP INDEX decisions_match_4_7_idx;
DROP INDEX decisions_match_8_b_idx;
DROP INDEX decisions_match_c_f_idx;
