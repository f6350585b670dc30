-- Why: long work (imports, TAXII pulls, notifications) runs as jobs any Accord node can claim
-- (SKIP LOCKED), with progress users can watch and heartbeats so a crashed node's job is resumed.
CREATE TABLE jobs (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  kind text NOT NULL,
  status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'succeeded', 'failed', 'cancelled')),
  payload jsonb NOT NULL DEFAULT '{}',
  progress_done bigint NOT NULL DEFAULT 0,
  progress_total bigint,
  progress_message text,
  checkpoint jsonb,
  result jsonb,
  error text,
  attempts integer NOT NULL DEFAULT 0,
  max_attempts integer NOT NULL DEFAULT 3,
  run_after timestamptz NOT NULL DEFAULT now(),
  locked_by text,
  heartbeat_at timestamptz,
  created_by uuid REFERENCES users (id) ON DELETE SET NULL,
  organisation_id uuid REFERENCES organisations (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  started_at timestamptz,
  finished_at timestamptz
);
CREATE INDEX jobs_claim_idx ON jobs (run_after) WHERE status = 'queued';
CREATE INDEX jobs_running_idx ON jobs (heartbeat_at) WHERE status = 'running';
CREATE INDEX jobs_organisation_idx ON jobs (organisation_id, created_at DESC);
