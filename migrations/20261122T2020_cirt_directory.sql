-- Why: routing sends each malicious address to the CIRT responsible for it. The directory holds each
-- team's constituency (IP ranges, ASNs, countries, domains) and contacts; PostgreSQL's inet types and
-- a GiST index answer "which ranges contain this address" directly.
CREATE TABLE cirts (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid REFERENCES organisations (id) ON DELETE SET NULL,
  official_name text NOT NULL,
  short_name text,
  country char(2) NOT NULL CHECK (country ~ '^[A-Z]{2}$'),
  constituency_types text[] NOT NULL DEFAULT '{}',
  emails jsonb NOT NULL DEFAULT '[]',
  phones jsonb NOT NULL DEFAULT '[]',
  pgp_keys jsonb NOT NULL DEFAULT '[]',
  business_hours text,
  business_hours_timezone text,
  available_24x7 boolean NOT NULL DEFAULT false,
  notify_email text,
  notify_webhook text,
  source text NOT NULL DEFAULT 'manual',
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (official_name, country)
);

CREATE TABLE cirt_constituency (
  cirt_id uuid NOT NULL REFERENCES cirts (id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('range', 'asn', 'country', 'domain')),
  ip_range cidr,
  asn bigint,
  country char(2),
  domain text,
  CHECK ((kind = 'range') = (ip_range IS NOT NULL) AND (kind = 'asn') = (asn IS NOT NULL)
     AND (kind = 'country') = (country IS NOT NULL) AND (kind = 'domain') = (domain IS NOT NULL))
);
CREATE INDEX cirt_constituency_range_idx ON cirt_constituency USING gist (ip_range inet_ops) WHERE kind = 'range';
CREATE INDEX cirt_constituency_asn_idx ON cirt_constituency (asn) WHERE kind = 'asn';
CREATE INDEX cirt_constituency_country_idx ON cirt_constituency (country) WHERE kind = 'country';
CREATE INDEX cirt_constituency_domain_idx ON cirt_constituency (domain) WHERE kind = 'domain';
CREATE INDEX cirt_constituency_cirt_idx ON cirt_constituency (cirt_id);
