-- Up Migration

-- A letter row (its determination, about 6 kB) stays inline and uncompressed up to a page: it was
-- compressed with pglz on every write, for rows read twenty at a time.
ALTER TABLE letters SET (toast_tuple_target = 8160);

-- A decision keeps its filter and facet columns in the table (under 512 bytes a row) and its texts
-- and tsvector out of line, uncompressed: counts, facets, filters, listings and statistics read a
-- table less than half the size of the compressed one (141 MB for 300,000 decisions) and decompress
-- nothing; the tsvector is read only to rank a candidate or to check a phrase.
-- The small columns are MAIN: compressed or moved only when a row would not fit a page otherwise.
ALTER TABLE decisions SET (toast_tuple_target = 512);
ALTER TABLE decisions
  ALTER COLUMN document SET STORAGE EXTERNAL,
  ALTER COLUMN rationale SET STORAGE EXTERNAL,
  ALTER COLUMN claims_administrator_basis SET STORAGE EXTERNAL,
  ALTER COLUMN reviewer_basis SET STORAGE EXTERNAL,
  ALTER COLUMN letter_id SET STORAGE MAIN,
  ALTER COLUMN item SET STORAGE MAIN,
  ALTER COLUMN outcome SET STORAGE MAIN,
  ALTER COLUMN category SET STORAGE MAIN,
  ALTER COLUMN drug SET STORAGE MAIN,
  ALTER COLUMN specialties SET STORAGE MAIN,
  ALTER COLUMN licensure SET STORAGE MAIN,
  ALTER COLUMN citation_bodies SET STORAGE MAIN;

-- The writer (upsert.ts, remove.ts) replaces a letter's decisions and citations together, under the
-- letter's advisory lock, and deletes them with it: the per-row foreign-key triggers checked what
-- that single writer already guarantees, at about 45 µs of the 800 µs a letter cost to write.
ALTER TABLE citations DROP CONSTRAINT citations_letter_id_decision_ordinal_fkey;
ALTER TABLE decisions DROP CONSTRAINT decisions_letter_id_fkey;

-- Reviewer specialties as filter keys (lower case), so that the filter is an array overlap that a
-- GIN index can answer instead of a lower() over every element of every row.
ALTER TABLE decisions ADD COLUMN specialty_keys text[] NOT NULL DEFAULT '{}';
ALTER TABLE decisions ALTER COLUMN specialty_keys SET STORAGE MAIN;
-- Rewrites every decision, which also moves the existing ones' large values out of line.
UPDATE decisions SET specialty_keys = (SELECT coalesce(array_agg(DISTINCT lower(s)), '{}') FROM unnest(specialties) s);
CREATE INDEX decisions_specialty_keys_idx ON decisions USING gin (specialty_keys);
CREATE INDEX decisions_licensure_idx ON decisions USING gin (licensure);

-- Filters without a query: category alone, or with an outcome (an outcome alone matches too much
-- for an index to help). Queries never filter through the citations table.
DROP INDEX decisions_outcome_category_idx;
DROP INDEX decisions_category_idx;
CREATE INDEX decisions_category_outcome_idx ON decisions (category, outcome);
DROP INDEX citations_body_idx;

-- Down Migration

CREATE INDEX citations_body_idx ON citations (body, letter_id, decision_ordinal);
DROP INDEX decisions_category_outcome_idx;
CREATE INDEX decisions_category_idx ON decisions (category);
CREATE INDEX decisions_outcome_category_idx ON decisions (outcome, category);
DROP INDEX decisions_licensure_idx;
DROP INDEX decisions_specialty_keys_idx;
ALTER TABLE decisions DROP COLUMN specialty_keys;
DELETE FROM citations c
WHERE NOT EXISTS (SELECT 1 FROM decisions d WHERE d.letter_id = c.letter_id AND d.ordinal = c.decision_ordinal);
DELETE FROM decisions d WHERE NOT EXISTS (SELECT 1 FROM letters l WHERE l.id = d.letter_id);
ALTER TABLE decisions ADD CONSTRAINT decisions_letter_id_fkey
  FOREIGN KEY (letter_id) REFERENCES letters (id) ON DELETE CASCADE;
ALTER TABLE citations ADD CONSTRAINT citations_letter_id_decision_ordinal_fkey
  FOREIGN KEY (letter_id, decision_ordinal) REFERENCES decisions (letter_id, ordinal) ON DELETE CASCADE;
ALTER TABLE decisions
  ALTER COLUMN document SET STORAGE EXTENDED,
  ALTER COLUMN rationale SET STORAGE EXTENDED,
  ALTER COLUMN claims_administrator_basis SET STORAGE EXTENDED,
  ALTER COLUMN reviewer_basis SET STORAGE EXTENDED,
  ALTER COLUMN letter_id SET STORAGE EXTENDED,
  ALTER COLUMN item SET STORAGE EXTENDED,
  ALTER COLUMN outcome SET STORAGE EXTENDED,
  ALTER COLUMN category SET STORAGE EXTENDED,
  ALTER COLUMN drug SET STORAGE EXTENDED,
  ALTER COLUMN specialties SET STORAGE EXTENDED,
  ALTER COLUMN licensure SET STORAGE EXTENDED,
  ALTER COLUMN citation_bodies SET STORAGE EXTENDED;
ALTER TABLE decisions RESET (toast_tuple_target);
ALTER TABLE letters RESET (toast_tuple_target);
