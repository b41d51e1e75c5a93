-- Up Migration

-- The text index in parts (src/shards.ts), in place of one GIN index over every decision: seven
-- partial GIN indexes by the letter id's first hex digits, in steps that each hold at most four
-- times the letters of all the steps before: '00' (1/256 of the letters), '01' to '03' (3/256), '04'
-- to '0f' (12/256), then '1' to '3', '4' to '7', '8' to 'b' and 'c' to 'f' (3/16 and three quarters).
-- A GIN bitmap is built whole before its first row is read: a broad match (330,000 decisions of
-- three million) spent 300 ms building it, to read the 1,001 rows a page and its counts need. A
-- search reads the parts in that order and stops once it has enough. Each decision is in one part:
-- writes cost what they did. Each predicate is written as in src/shards.ts, word for word: the
-- planner uses a partial index only for a query that states its predicate.
--
-- Building them reads the table once an index, in one transaction that holds writes to decisions
-- back until it ends (index jobs wait and retry): about a minute and a half at a million letters on
-- 2 cores. For a larger table, run the CREATE INDEX CONCURRENTLY equivalents by hand first; this
-- migration then only drops the old index (IF NOT EXISTS skips what is built).
SET LOCAL maintenance_work_mem = '256MB';

CREATE INDEX IF NOT EXISTS decisions_document_00_idx ON decisions USING gin (document)
  WHERE left(letter_id, 2) = '00';
CREATE INDEX IF NOT EXISTS decisions_document_01_03_idx ON decisions USING gin (document)
  WHERE left(letter_id, 2) IN ('01', '02', '03');
CREATE INDEX IF NOT EXISTS decisions_document_04_0f_idx ON decisions USING gin (document)
  WHERE left(letter_id, 1) = '0' AND left(letter_id, 2) NOT IN ('00', '01', '02', '03');
CREATE INDEX IF NOT EXISTS decisions_document_1_3_idx ON decisions USING gin (document)
  WHERE left(letter_id, 1) IN ('1', '2', '3');
CREATE INDEX IF NOT EXISTS decisions_document_4_7_idx ON decisions USING gin (document)
  WHERE left(letter_id, 1) IN ('4', '5', '6', '7');
CREATE INDEX IF NOT EXISTS decisions_document_8_b_idx ON decisions USING gin (document)
  WHERE left(letter_id, 1) IN ('8', '9', 'a', 'b');
CREATE INDEX IF NOT EXISTS decisions_document_c_f_idx ON decisions USING gin (document)
  WHERE left(letter_id, 1) IN ('c', 'd', 'e', 'f');

-- A part index left invalid by a failed CONCURRENTLY build would be skipped above, and its part
-- read without it: stop here instead.
DO $$
BEGIN
  IF EXISTS (
    SELECT 1 FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
    WHERE c.relname LIKE 'decisions\_document\_%\_idx' AND NOT i.indisvalid
  ) THEN
    RAISE EXCEPTION 'an index decisions_document_*_idx is invalid: drop it and migrate again';
  END IF;
END $$;

DROP INDEX IF EXISTS decisions_document_idx;

-- Down Migration

SET LOCAL maintenance_work_mem = '256MB';

CREATE INDEX decisions_document_idx ON decisions USING gin (document);

DROP INDEX decisions_document_00_idx;
DROP INDEX decisions_document_01_03_idx;
DROP INDEX decisions_document_04_0f_idx;
DROP INDEX decisions_document_1_3_idx;
DROP INDEX decisions_document_4_7_idx;
DROP INDEX decisions_document_8_b_idx;
DROP INDEX decisions_document_c_f_idx;
