-- Why: STIX ids, dedupe keys and observable values are identifiers, compared byte for byte; under
-- the database's linguistic collation every b-tree comparison of them went through strcoll (with a
-- copy of both strings), about 150 comparisons per ingested indicator across the unique indexes.
-- The "C" collation compares with memcmp: measured in paired 100k imports, 3–5 µs less of
-- PostgreSQL's CPU per object (of about 45). Equality is unchanged (both collations are
-- deterministic); ORDER BY on these columns becomes code-point order, which is what C.UTF-8 gave.
-- The indexes on these columns are rebuilt; the tables are not rewritten.
ALTER TABLE intel_objects
  ALTER COLUMN stix_id TYPE text COLLATE "C",
  ALTER COLUMN dedupe_key TYPE text COLLATE "C";
ALTER TABLE intel_values
  ALTER COLUMN kind TYPE text COLLATE "C",
  ALTER COLUMN value TYPE text COLLATE "C";
