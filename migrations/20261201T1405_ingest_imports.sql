-- Why: imports of STIX bundles, MISP events and CSV feeds run as jobs that can crash and resume.
-- Each import keeps its committed position (byte offset or record number) and counts, written in the
-- same transaction as the batch they describe, so a resumed job neither loses nor repeats a batch;
-- every rejected record is kept with where it was and why. Organisations may set the TLP of the
-- unmarked objects they produce (AMBER when unset).

ALTER TABLE organisations
  ADD COLUMN intel_default_tlp text CHECK (intel_default_tlp IN ('clear', 'green', 'amber', 'amber+strict', 'red'));

CREATE TABLE intel_imports (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  job_id uuid REFERENCES jobs (id) ON DELETE SET NULL,
  organisation_id uuid NOT NULL REFERENCES organisations (id),
  created_by uuid REFERENCES users (id) ON DELETE SET NULL,
  format text NOT NULL CHECK (format IN ('stix', 'misp', 'csv')),
  preset text,
  file_name text NOT NULL,
  file_path text NOT NULL,
  bytes bigint NOT NULL,
  tlp text CHECK (tlp IN ('clear', 'green', 'amber', 'amber+strict', 'red')),
  audience_organisation_ids uuid[] NOT NULL DEFAULT '{}',
  committed_position bigint NOT NULL DEFAULT 0,
  committed_records bigint NOT NULL DEFAULT 0,
  added bigint NOT NULL DEFAULT 0,
  new_version bigint NOT NULL DEFAULT 0,
  older_version bigint NOT NULL DEFAULT 0,
  duplicate bigint NOT NULL DEFAULT 0,
  rejected bigint NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX intel_imports_organisation_idx ON intel_imports (organisation_id, created_at DESC);

CREATE TABLE intel_import_rejections (
  id bigserial PRIMARY KEY,
  import_id uuid NOT NULL REFERENCES intel_imports (id) ON DELETE CASCADE,
  locator text NOT NULL,
  reason text NOT NULL,
  code text NOT NULL
);
CREATE INDEX intel_import_rejections_import_idx ON intel_import_rejections (import_id, id);
