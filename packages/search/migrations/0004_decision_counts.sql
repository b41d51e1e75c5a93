-- Up Migration

-- Decision counts by dimension, kept as the decisions change, so that stats over every letter read
-- a few hundred rows instead of every decision. Each statement that inserts or deletes decisions
-- appends its own deltas (never updates a shared row: concurrent index batches do not wait on each
-- other); stats sum them, and fold them into one row per group now and then (compactDecisionCounts).
-- Dimensions: 'total' (key NULL; letters counted there), 'category', 'guideline' (a decision once
-- for each body it cites), 'specialty' (once for each of its reviewer's), 'year' (of recency_date).
CREATE TABLE decision_counts (
  id bigserial PRIMARY KEY,
  dimension text NOT NULL,
  key text,
  letters bigint NOT NULL DEFAULT 0,
  decisions bigint NOT NULL,
  upheld bigint NOT NULL,
  overturned bigint NOT NULL,
  undecided bigint NOT NULL
);

-- The statement that appends the deltas of the decisions in `source` (a trigger's transition table,
-- or `decisions` itself), each count multiplied by `sign`. Run by the trigger function itself: only
-- its own statements see its transition tables.
CREATE FUNCTION decision_counts_sql(source text, sign integer) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT format($sql$
    WITH d AS (
      SELECT letter_id, outcome, category, specialties, citation_bodies,
        extract(year FROM recency_date)::int::text AS year
      FROM %1$I
    ), groups AS (
      SELECT 'total' AS dimension, NULL::text AS key, d.letter_id, d.outcome FROM d
      UNION ALL SELECT 'category', d.category, NULL, d.outcome FROM d
      UNION ALL SELECT 'guideline', b.body, NULL, d.outcome FROM d CROSS JOIN LATERAL unnest(d.citation_bodies) AS b(body)
      UNION ALL SELECT 'specialty', s.name, NULL, d.outcome FROM d CROSS JOIN LATERAL unnest(d.specialties) AS s(name)
      UNION ALL SELECT 'year', d.year, NULL, d.outcome FROM d
    )
    INSERT INTO decision_counts (dimension, key, letters, decisions, upheld, overturned, undecided)
    SELECT g.dimension, g.key,
      %2$s * count(DISTINCT g.letter_id),
      %2$s * count(*),
      %2$s * count(*) FILTER (WHERE g.outcome = 'upheld'),
      %2$s * count(*) FILTER (WHERE g.outcome = 'overturned'),
      %2$s * count(*) FILTER (WHERE g.outcome IS NULL)
    FROM groups g
    GROUP BY g.dimension, g.key
  $sql$, source, sign)
$$;

CREATE FUNCTION decisions_counted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    EXECUTE decision_counts_sql('new_rows', 1);
  ELSE
    EXECUTE decision_counts_sql('old_rows', -1);
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER decisions_counted_insert AFTER INSERT ON decisions
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION decisions_counted();
CREATE TRIGGER decisions_counted_delete AFTER DELETE ON decisions
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION decisions_counted();

-- The decisions already indexed.
DO $$ BEGIN EXECUTE decision_counts_sql('decisions', 1); END $$;

-- Down Migration

DROP TRIGGER decisions_counted_delete ON decisions;
DROP TRIGGER decisions_counted_insert ON decisions;
DROP FUNCTION decisions_counted();
DROP FUNCTION decision_counts_sql(text, integer);
DROP TABLE decision_counts;
