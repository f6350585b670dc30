-- Why: the dedupe lookup of a batch ("does this producer already hold this pattern or value?") was
-- planned as a scan of all the producer's latest objects filtered by the batch's keys: 50,000 rows
-- read for a 5,000-key batch at 50,000 objects, growing with the store. One index on (producer,
-- key, pk) answers each key with one probe (the query walks the keys with LATERAL), and replaces
-- both the key index and the producer index, which nothing else used (the delete guard on
-- organisations scans instead: deleting an organisation is an administrator's rare act).
DROP INDEX IF EXISTS intel_objects_dedupe_idx;
DROP INDEX IF EXISTS intel_objects_producer_idx;
CREATE INDEX intel_objects_producer_dedupe_idx ON intel_objects (producer_organisation_id, dedupe_key, pk)
  WHERE is_latest AND dedupe_key IS NOT NULL;
