-- Why: an object page lists the reports that contain the object (their object_refs). The references
-- live only in the raw JSON; this partial GIN index lets `object_refs ? id` find them without parsing
-- every report. The expression matches object-links-store.ts exactly.
CREATE INDEX intel_objects_report_refs_idx ON intel_objects USING gin (((raw::jsonb) -> 'object_refs'))
  WHERE type = 'report' AND is_latest;
