-- Why: the Global Response Centre's STIX 2.1 store. Each version of an object is kept as its exact
-- serialised JSON (served as is: no joins, no re-serialisation) plus the columns queries and the TLP
-- policy need. Observable values are interned once; correlations are (value, object) integer pairs.

CREATE TABLE intel_objects (
  pk bigserial PRIMARY KEY,
  stix_id text NOT NULL,
  type text NOT NULL,
  spec_version text NOT NULL,
  created timestamptz NOT NULL,
  modified timestamptz NOT NULL,
  revoked boolean NOT NULL DEFAULT false,
  valid_from timestamptz,
  valid_until timestamptz,
  created_by_ref text,
  producer_organisation_id uuid NOT NULL REFERENCES organisations (id),
  author_user_id uuid REFERENCES users (id) ON DELETE SET NULL,
  tlp text NOT NULL CHECK (tlp IN ('clear', 'green', 'amber', 'amber+strict', 'red')),
  audience_organisation_ids uuid[] NOT NULL DEFAULT '{}',
  audience_user_ids uuid[] NOT NULL DEFAULT '{}',
  name text,
  labels text[] NOT NULL DEFAULT '{}',
  dedupe_key text,
  raw text NOT NULL,
  date_added timestamptz NOT NULL DEFAULT clock_timestamp(),
  is_latest boolean NOT NULL DEFAULT true,
  UNIQUE (stix_id, modified)
);
CREATE UNIQUE INDEX intel_objects_latest_idx ON intel_objects (stix_id) WHERE is_latest;
CREATE INDEX intel_objects_type_idx ON intel_objects (type, modified DESC) WHERE is_latest;
CREATE INDEX intel_objects_added_idx ON intel_objects (date_added, pk);
CREATE INDEX intel_objects_producer_idx ON intel_objects (producer_organisation_id);
CREATE INDEX intel_objects_dedupe_idx ON intel_objects (dedupe_key) WHERE dedupe_key IS NOT NULL AND is_latest;

CREATE TABLE intel_values (
  id bigserial PRIMARY KEY,
  kind text NOT NULL,
  value text NOT NULL,
  object_count integer NOT NULL DEFAULT 0,
  over_correlating boolean NOT NULL DEFAULT false,
  UNIQUE (kind, value)
);

CREATE TABLE intel_object_values (
  value_id bigint NOT NULL REFERENCES intel_values (id),
  object_pk bigint NOT NULL REFERENCES intel_objects (pk) ON DELETE CASCADE,
  PRIMARY KEY (value_id, object_pk)
);
CREATE INDEX intel_object_values_object_idx ON intel_object_values (object_pk);
