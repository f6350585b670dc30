-- Why: every object row paid for an index on (type, modified) that no query uses: searches and
-- listings order by pk with the type as a filter, TAXII pages by date_added, the snapshot reads by
-- created. Dropping it takes one of the seven b-tree inserts off each ingested row.
DROP INDEX IF EXISTS intel_objects_type_idx;
