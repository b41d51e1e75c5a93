-- Up Migration

-- One row per distinct letter (its bytes' SHA-256), whichever keys hold it.
CREATE TABLE letters (
  id text PRIMARY KEY CHECK (id ~ '^[0-9a-f]{64}$'),
  case_number text,
  layout text NOT NULL,
  priority text,
  assigned_date date,
  injury_date date,
  decision_date date,
  ur_denial_date date,
  application_received_date date,
  reviewer jsonb NOT NULL,
  -- Union of the reviewer's board certifications, subspecialties and specialties, as written.
  specialties text[] NOT NULL DEFAULT '{}',
  licensure text[] NOT NULL DEFAULT '{}',
  patient jsonb NOT NULL,
  injury jsonb NOT NULL,
  diagnoses text[] NOT NULL DEFAULT '{}',
  summary text,
  warnings text[] NOT NULL DEFAULT '{}',
  extractor_name text NOT NULL,
  extractor_version text NOT NULL,
  -- SHA-256 of the stored determination: an identical re-index writes nothing.
  content_hash text NOT NULL,
  determination jsonb NOT NULL,
  indexed_at timestamptz NOT NULL DEFAULT now(),
  -- The decision date, or the day the letter was indexed when the letter gives none.
  recency_date date NOT NULL
);

CREATE INDEX letters_recency_idx ON letters (recency_date DESC, id);
CREATE INDEX letters_specialties_idx ON letters USING gin (specialties);
CREATE INDEX letters_licensure_idx ON letters USING gin (licensure);
CREATE INDEX letters_injury_date_idx ON letters (injury_date);
CREATE INDEX letters_decision_date_idx ON letters (decision_date);

-- Where a letter's bytes live. The same bytes under two keys are one letter with two sources.
CREATE TABLE letter_sources (
  bucket text NOT NULL,
  key text NOT NULL,
  letter_id text NOT NULL REFERENCES letters (id) ON DELETE CASCADE,
  etag text,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (bucket, key)
);

CREATE INDEX letter_sources_letter_idx ON letter_sources (letter_id);

-- One row per disputed item, in letter order.
CREATE TABLE decisions (
  letter_id text NOT NULL REFERENCES letters (id) ON DELETE CASCADE,
  ordinal integer NOT NULL CHECK (ordinal >= 0),
  item text NOT NULL,
  outcome text CHECK (outcome IN ('upheld', 'overturned')),
  category text NOT NULL,
  drug text,
  sessions integer,
  quantity integer,
  claims_administrator_basis text,
  reviewer_basis text,
  rationale text,
  -- Item title and diagnoses (A), category and drug (B), reviewer basis (C), rationale and the
  -- claims administrator's basis (D).
  document tsvector NOT NULL,
  PRIMARY KEY (letter_id, ordinal)
);

CREATE INDEX decisions_document_idx ON decisions USING gin (document);
CREATE INDEX decisions_outcome_category_idx ON decisions (outcome, category);
CREATE INDEX decisions_category_idx ON decisions (category);

-- The guidelines a reviewer relied on for one decision.
CREATE TABLE citations (
  letter_id text NOT NULL,
  decision_ordinal integer NOT NULL,
  ordinal integer NOT NULL CHECK (ordinal >= 0),
  body text NOT NULL CHECK (body IN ('MTUS', 'ACOEM', 'ODG', 'OTHER')),
  title text,
  topic text,
  pages text,
  PRIMARY KEY (letter_id, decision_ordinal, ordinal),
  FOREIGN KEY (letter_id, decision_ordinal) REFERENCES decisions (letter_id, ordinal) ON DELETE CASCADE
);

CREATE INDEX citations_body_idx ON citations (body, letter_id, decision_ordinal);

-- Down Migration

DROP TABLE citations;
DROP TABLE decisions;
DROP TABLE letter_sources;
DROP TABLE letters;
