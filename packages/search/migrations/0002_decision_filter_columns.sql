-- Up Migration

-- Copies of the letter's filter values and the decision's guideline bodies on each decision, so
-- that search, filters and facets read one table without joins.
ALTER TABLE decisions
  ADD COLUMN recency_date date,
  ADD COLUMN decision_date date,
  ADD COLUMN injury_date date,
  ADD COLUMN specialties text[] NOT NULL DEFAULT '{}',
  ADD COLUMN licensure text[] NOT NULL DEFAULT '{}',
  ADD COLUMN citation_bodies text[] NOT NULL DEFAULT '{}';

UPDATE decisions d
SET recency_date = l.recency_date, decision_date = l.decision_date, injury_date = l.injury_date,
  specialties = l.specialties, licensure = l.licensure
FROM letters l
WHERE l.id = d.letter_id;

UPDATE decisions d
SET citation_bodies = b.bodies
FROM (
  SELECT letter_id, decision_ordinal, array_agg(DISTINCT body ORDER BY body) AS bodies
  FROM citations GROUP BY letter_id, decision_ordinal
) b
WHERE b.letter_id = d.letter_id AND b.decision_ordinal = d.ordinal;

ALTER TABLE decisions ALTER COLUMN recency_date SET NOT NULL;
CREATE INDEX decisions_recency_idx ON decisions (recency_date DESC, letter_id, ordinal);

-- Queries no longer filter letters themselves.
DROP INDEX letters_recency_idx;
DROP INDEX letters_specialties_idx;
DROP INDEX letters_licensure_idx;
DROP INDEX letters_injury_date_idx;
DROP INDEX letters_decision_date_idx;

-- Down Migration

CREATE INDEX letters_recency_idx ON letters (recency_date DESC, id);
CREATE INDEX letters_specialties_idx ON letters USING gin (specialties);
CREATE INDEX letters_licensure_idx ON letters USING gin (licensure);
CREATE INDEX letters_injury_date_idx ON letters (injury_date);
CREATE INDEX letters_decision_date_idx ON letters (decision_date);
DROP INDEX decisions_recency_idx;
ALTER TABLE decisions
  DROP COLUMN recency_date, DROP COLUMN decision_date, DROP COLUMN injury_date,
  DROP COLUMN specialties, DROP COLUMN licensure, DROP COLUMN citation_bodies;
