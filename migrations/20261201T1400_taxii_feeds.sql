-- Why: Accord as a TAXII client. A pull resumes from the last X-TAXII-Date-Added-Last it stored
-- (per organisation, server and remote collection), and feeds are scheduled pulls whose credentials
-- are kept encrypted (the key lives outside the database) with their last run visible to members.
CREATE TABLE taxii_pull_positions (
  organisation_id uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
  api_root_url text NOT NULL,
  remote_collection_id text NOT NULL,
  last_added_after text NOT NULL,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (organisation_id, api_root_url, remote_collection_id)
);

CREATE TABLE taxii_feeds (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL,
  organisation_id uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
  created_by uuid REFERENCES users (id) ON DELETE SET NULL,
  url text NOT NULL,
  remote_collection_id text NOT NULL,
  auth_kind text NOT NULL CHECK (auth_kind IN ('none', 'token', 'basic')),
  username text,
  secret_ciphertext text,
  interval_minutes integer NOT NULL CHECK (interval_minutes BETWEEN 1 AND 10080),
  tlp text CHECK (tlp IN ('clear', 'green', 'amber', 'amber+strict', 'red')),
  audience_organisation_ids uuid[] NOT NULL DEFAULT '{}',
  target_collection_id uuid REFERENCES taxii_collections (id) ON DELETE SET NULL,
  enabled boolean NOT NULL DEFAULT true,
  last_added_after text,
  next_run_at timestamptz NOT NULL,
  last_job_id uuid,
  last_run_at timestamptz,
  last_status text CHECK (last_status IN ('queued', 'running', 'succeeded', 'failed')),
  last_counts jsonb,
  last_error text,
  created_at timestamptz NOT NULL,
  UNIQUE (organisation_id, name)
);
CREATE INDEX taxii_feeds_due_idx ON taxii_feeds (next_run_at) WHERE enabled;
