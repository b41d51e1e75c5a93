-- Up Migration

-- Listings filtered by decision date, most recent first. A letter without a decision date sorts by
-- the day it was indexed (recency_date), ahead of every dated one, and a decision-date filter
-- rejects it: walking decisions_recency_idx, `{ licensure: 'CA', decisionFrom: '2015-01-01' }` read
-- and discarded the 301,143 undated decisions of a million letters before its first hit (574 ms).
-- Any decision-date condition implies decision_date IS NOT NULL, so the planner walks this index
-- instead, where the first rows are the most recent dated decisions.
CREATE INDEX decisions_dated_recency_idx ON decisions (recency_date DESC, letter_id, ordinal)
  WHERE decision_date IS NOT NULL;

-- decision_counts folded by the writers as well as by stats reads. Each statement still appends
-- its own deltas; the statement whose appended ids pass a multiple of 512 then folds the oldest
-- deltas (at most 4,096, including earlier folds) into one row per group. It skips rows another
-- writer is folding (SKIP LOCKED) and waits on none: concurrent batches never wait on each other.
-- The table then holds about 512 rows plus a fold's few dozen whatever was written, and the first
-- stats read after a large backfill sums those instead of every delta since the last read (76,000
-- rows after a million letters in batches of 500).
CREATE FUNCTION fold_decision_counts(most integer) RETURNS void LANGUAGE sql AS $$
  WITH gone AS (
    DELETE FROM decision_counts
    WHERE id IN (SELECT id FROM decision_counts ORDER BY id LIMIT most FOR UPDATE SKIP LOCKED)
    RETURNING dimension, key, letters, decisions, upheld, overturned, undecided
  )
  INSERT INTO decision_counts (dimension, key, letters, decisions, upheld, overturned, undecided)
  SELECT dimension, key, sum(letters), sum(decisions), sum(upheld), sum(overturned), sum(undecided)
  FROM gone GROUP BY dimension, key
  HAVING sum(letters) <> 0 OR sum(decisions) <> 0
$$;

CREATE OR REPLACE FUNCTION decisions_counted() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  first_id bigint;
  last_id bigint;
BEGIN
  IF TG_OP = 'INSERT' THEN
    EXECUTE format('WITH appended AS (%s RETURNING id) SELECT min(id), max(id) FROM appended',
      decision_counts_sql('new_rows', 1)) INTO first_id, last_id;
  ELSE
    EXECUTE format('WITH appended AS (%s RETURNING id) SELECT min(id), max(id) FROM appended',
      decision_counts_sql('old_rows', -1)) INTO first_id, last_id;
  END IF;
  -- A statement whose appended ids cross a multiple of 512 folds. Concurrent statements may both
  -- cross one (both fold, disjoint rows); a multiple used up by a rolled-back statement or by a
  -- fold's own rows is skipped, and the next one folds.
  IF last_id / 512 > (first_id - 1) / 512 THEN
    PERFORM fold_decision_counts(4096);
  END IF;
  RETURN NULL;
END
$$;

-- Down Migration

CREATE OR REPLACE FUNCTION decisions_counted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    EXECUTE decision_counts_sql('new_rows', 1);
  ELSE
    EXECUTE decision_counts_sql('old_rows', -1);
  END IF;
  RETURN NULL;
END
$$;
DROP FUNCTION fold_decision_counts(integer);
DROP INDEX decisions_dated_recency_idx;
