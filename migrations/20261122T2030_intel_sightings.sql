-- Why: organisations report that they saw a value (or that it is a false positive, or has expired),
-- with counts, times and country; who may see a sighting follows the same TLP columns as objects.
CREATE TABLE intel_sightings (
  id bigserial PRIMARY KEY,
  value_id bigint NOT NULL REFERENCES intel_values (id),
  kind text NOT NULL CHECK (kind IN ('sighting', 'false-positive', 'expiry')),
  count integer NOT NULL DEFAULT 1 CHECK (count > 0),
  first_seen timestamptz NOT NULL,
  last_seen timestamptz NOT NULL CHECK (last_seen >= first_seen),
  country char(2) NOT NULL,
  producer_organisation_id uuid NOT NULL REFERENCES organisations (id),
  author_user_id uuid REFERENCES users (id) ON DELETE SET NULL,
  tlp text NOT NULL CHECK (tlp IN ('clear', 'green', 'amber', 'amber+strict', 'red')),
  audience_organisation_ids uuid[] NOT NULL DEFAULT '{}',
  audience_user_ids uuid[] NOT NULL DEFAULT '{}',
  source text,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX intel_sightings_value_idx ON intel_sightings (value_id, last_seen DESC);
CREATE INDEX intel_sightings_country_idx ON intel_sightings (country, last_seen DESC);
