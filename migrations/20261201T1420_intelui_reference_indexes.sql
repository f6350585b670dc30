-- Why: an object page lists the relationships that point at the object and the STIX sightings of it.
-- Their references live only in the raw JSON; without these partial expression indexes each page view
-- would parse every relationship in the store. The expressions match object-links-store.ts exactly.
CREATE INDEX intel_objects_rel_source_idx ON intel_objects (((raw::jsonb) ->> 'source_ref'))
  WHERE type = 'relationship' AND is_latest;
CREATE INDEX intel_objects_rel_target_idx ON intel_objects (((raw::jsonb) ->> 'target_ref'))
  WHERE type = 'relationship' AND is_latest;
CREATE INDEX intel_objects_sighting_of_idx ON intel_objects (((raw::jsonb) ->> 'sighting_of_ref'))
  WHERE type = 'sighting' AND is_latest;
