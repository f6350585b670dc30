-- Why: the platform foundation every capability builds on: organisations and users with roles,
-- sessions, API tokens, MFA recovery codes, login throttling, and the hash-chained audit log.

CREATE TABLE organisations (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL,
  country char(2) NOT NULL CHECK (country ~ '^[A-Z]{2}$'),
  kind text NOT NULL CHECK (kind IN ('cirt', 'law-enforcement', 'central-authority', 'ministry', 'isp',
                                     'rights-holder', 'coordinator', 'other')),
  mfa_required boolean NOT NULL DEFAULT false,
  demo boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX organisations_name_key ON organisations (lower(name));

CREATE TABLE users (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  email text NOT NULL,
  display_name text NOT NULL,
  languages text[] NOT NULL DEFAULT '{}',
  ui_language text NOT NULL DEFAULT 'en',
  is_admin boolean NOT NULL DEFAULT false,
  password_hash text NOT NULL,
  must_change_password boolean NOT NULL DEFAULT true,
  password_changed_at timestamptz,
  totp_secret text,
  totp_pending_secret text,
  totp_last_counter bigint,
  failed_logins integer NOT NULL DEFAULT 0,
  locked_until timestamptz,
  disabled boolean NOT NULL DEFAULT false,
  demo boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX users_email_key ON users (lower(email));

CREATE TABLE memberships (
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  organisation_id uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
  role text NOT NULL CHECK (role IN ('org-admin', 'analyst', 'reader')),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, organisation_id)
);
CREATE INDEX memberships_organisation_idx ON memberships (organisation_id);

CREATE TABLE recovery_codes (
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  code_hash text NOT NULL,
  used_at timestamptz,
  PRIMARY KEY (user_id, code_hash)
);

-- Only hashes of session and API tokens are stored: a stolen database opens no session.
CREATE TABLE sessions (
  token_hash text PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  csrf_token text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  ip text,
  user_agent text
);
CREATE INDEX sessions_user_idx ON sessions (user_id);

CREATE TABLE api_tokens (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  organisation_id uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
  name text NOT NULL,
  prefix text NOT NULL,
  token_hash text NOT NULL UNIQUE,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_used_at timestamptz,
  expires_at timestamptz,
  revoked_at timestamptz
);
CREATE INDEX api_tokens_user_idx ON api_tokens (user_id);

CREATE TABLE login_attempts (
  source text NOT NULL,
  at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX login_attempts_source_at_idx ON login_attempts (source, at);

CREATE TABLE audit_log (
  seq bigint PRIMARY KEY,
  at timestamptz NOT NULL,
  actor_user_id uuid,
  actor_organisation_id uuid,
  action text NOT NULL,
  resource_type text NOT NULL,
  resource_id text,
  summary jsonb NOT NULL DEFAULT '{}',
  request_id text,
  prev_hash text NOT NULL,
  hash text NOT NULL
);
CREATE INDEX audit_log_organisation_idx ON audit_log (actor_organisation_id, seq);
CREATE INDEX audit_log_resource_idx ON audit_log (resource_type, resource_id);
