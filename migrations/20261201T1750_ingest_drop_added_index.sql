-- Why: no query reads intel_objects by (date_added, pk): TAXII pages by its collection table's own
-- date_added and seq, pushes walk pk with date_added only as a filter, and searches order by pk.
-- Each ingested row paid a b-tree insert for it (about 2 µs of PostgreSQL's CPU an object at 100k).
DROP INDEX IF EXISTS intel_objects_added_idx;
