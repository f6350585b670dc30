-- Why: the global snapshot reads the reports of a period (objects by `created`, sightings by
-- `last_seen`); without these indexes a 30-day view scans the whole store, years of it in production.
CREATE INDEX intel_objects_created_idx ON intel_objects (created) WHERE is_latest AND NOT revoked;
CREATE INDEX intel_sightings_last_seen_idx ON intel_sightings (last_seen) WHERE kind = 'sighting';
