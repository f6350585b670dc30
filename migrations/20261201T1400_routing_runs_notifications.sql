-- Why: routing a set of indicators is a campaign a coordinator follows to the end: the run keeps the
-- data versions its decisions rest on, each value's decision and the CIRTs chosen (or withheld from,
-- by TLP), and each responsible CIRT gets one notification in its inbox, delivered by e-mail or
-- webhook and acknowledged by the team. Webhook secrets are per team, so no team can forge another's.
CREATE TABLE routing_runs (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL,
  source_kind text NOT NULL CHECK (source_kind IN ('objects', 'collection', 'list')),
  source_ref text,
  organisation_id uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
  created_by uuid REFERENCES users (id) ON DELETE SET NULL,
  data_versions jsonb NOT NULL,
  counts jsonb NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL
);
CREATE INDEX routing_runs_organisation_idx ON routing_runs (organisation_id, created_at DESC);

CREATE TABLE routing_decisions (
  run_id uuid NOT NULL REFERENCES routing_runs (id) ON DELETE CASCADE,
  seq integer NOT NULL,
  kind text NOT NULL CHECK (kind IN ('ip', 'domain')),
  value text NOT NULL,
  object_stix_id text,
  tlp text NOT NULL CHECK (tlp IN ('clear', 'green', 'amber', 'amber+strict', 'red')),
  outcome text NOT NULL CHECK (outcome IN ('routed', 'not-routed')),
  countries text[] NOT NULL DEFAULT '{}',
  asn bigint,
  reason text NOT NULL,
  flags text[] NOT NULL DEFAULT '{}',
  cirt_ids uuid[] NOT NULL DEFAULT '{}',
  chain jsonb NOT NULL DEFAULT '{}',
  withheld jsonb NOT NULL DEFAULT '[]',
  PRIMARY KEY (run_id, seq)
);

CREATE TABLE notifications (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  run_id uuid NOT NULL REFERENCES routing_runs (id) ON DELETE CASCADE,
  cirt_id uuid NOT NULL REFERENCES cirts (id) ON DELETE CASCADE,
  tlp text NOT NULL CHECK (tlp IN ('clear', 'green', 'amber', 'amber+strict')),
  items jsonb NOT NULL,
  item_count integer NOT NULL,
  delivery_status text NOT NULL CHECK (delivery_status IN ('inbox-only', 'pending', 'retrying', 'delivered', 'failed')),
  delivery_channels text[] NOT NULL DEFAULT '{}',
  delivery_attempts integer NOT NULL DEFAULT 0,
  delivery_error text,
  delivered_at timestamptz,
  acknowledged_at timestamptz,
  acknowledged_by uuid REFERENCES users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL,
  UNIQUE (run_id, cirt_id)
);
CREATE INDEX notifications_cirt_idx ON notifications (cirt_id, created_at DESC);

ALTER TABLE cirts ADD COLUMN webhook_secret text;
