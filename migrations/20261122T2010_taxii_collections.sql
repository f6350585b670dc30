-- Why: TAXII 2.1 collections are Accord's sharing scopes (readers, writers, default TLP and audience).
-- Membership rows get `seq` under a per-collection lock held to commit, so seq order is commit order
-- and a keyset cursor on seq never skips a row that commits late (medallion#152 kept cursors in memory).
CREATE TABLE taxii_collections (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  api_root text NOT NULL DEFAULT 'accord' CHECK (api_root ~ '^[a-z0-9-]{1,40}$'),
  title text NOT NULL,
  description text,
  alias text,
  owner_organisation_id uuid NOT NULL REFERENCES organisations (id),
  readers_all_members boolean NOT NULL DEFAULT false,
  reader_organisation_ids uuid[] NOT NULL DEFAULT '{}',
  writer_organisation_ids uuid[] NOT NULL DEFAULT '{}',
  default_tlp text NOT NULL DEFAULT 'amber' CHECK (default_tlp IN ('clear', 'green', 'amber', 'amber+strict', 'red')),
  default_audience_organisation_ids uuid[] NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (api_root, alias)
);

CREATE TABLE taxii_collection_objects (
  collection_id uuid NOT NULL REFERENCES taxii_collections (id) ON DELETE CASCADE,
  seq bigserial NOT NULL,
  object_pk bigint NOT NULL REFERENCES intel_objects (pk) ON DELETE CASCADE,
  date_added timestamptz NOT NULL,
  PRIMARY KEY (collection_id, seq),
  UNIQUE (collection_id, object_pk)
);
CREATE INDEX taxii_collection_objects_added_idx ON taxii_collection_objects (collection_id, date_added);

CREATE TABLE taxii_status (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  collection_id uuid NOT NULL REFERENCES taxii_collections (id) ON DELETE CASCADE,
  requested_by uuid REFERENCES users (id) ON DELETE SET NULL,
  organisation_id uuid REFERENCES organisations (id) ON DELETE CASCADE,
  status text NOT NULL CHECK (status IN ('pending', 'complete')),
  request_timestamp timestamptz NOT NULL,
  total_count integer NOT NULL,
  successes jsonb NOT NULL DEFAULT '[]',
  failures jsonb NOT NULL DEFAULT '[]',
  pendings jsonb NOT NULL DEFAULT '[]'
);
