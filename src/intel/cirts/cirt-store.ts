// SQL of the CIRT directory: upsert a team with its constituency, list, and find matches for an address.
import { randomBytes } from 'node:crypto';
import type { Queryable } from '../../platform/db/pool.ts';
import type { CirtInput } from './schemas.ts';
import type { ConstituencyMatch } from './precedence.ts';

export async function upsertCirt(
  tx: Queryable,
  c: CirtInput,
  source: string,
): Promise<{ id: string; created: boolean }> {
  const r = await tx.query<{ id: string; created: boolean }>(
    `INSERT INTO cirts (official_name, short_name, country, organisation_id, constituency_types, emails, phones, pgp_keys,
       business_hours, business_hours_timezone, available_24x7, notify_email, notify_webhook, source, webhook_secret,
       pgp_public_key, require_encryption)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, CASE WHEN $13::text IS NULL THEN NULL ELSE $15 END,
       $16, coalesce($17::boolean, false))
     ON CONFLICT (official_name, country) DO UPDATE SET short_name = EXCLUDED.short_name,
       organisation_id = coalesce(EXCLUDED.organisation_id, cirts.organisation_id), constituency_types = EXCLUDED.constituency_types,
       emails = EXCLUDED.emails, phones = EXCLUDED.phones, pgp_keys = EXCLUDED.pgp_keys, business_hours = EXCLUDED.business_hours,
       business_hours_timezone = EXCLUDED.business_hours_timezone, available_24x7 = EXCLUDED.available_24x7,
       notify_email = coalesce(EXCLUDED.notify_email, cirts.notify_email), notify_webhook = coalesce(EXCLUDED.notify_webhook, cirts.notify_webhook),
       source = EXCLUDED.source, updated_at = now(),
       -- An import that gives no key or setting keeps the team's own.
       pgp_public_key = coalesce(EXCLUDED.pgp_public_key, cirts.pgp_public_key),
       require_encryption = coalesce($17::boolean, cirts.require_encryption),
       -- A team keeps its secret while it has a webhook; the first webhook gets a fresh one.
       webhook_secret = CASE WHEN coalesce(EXCLUDED.notify_webhook, cirts.notify_webhook) IS NULL THEN NULL
                             ELSE coalesce(cirts.webhook_secret, $15) END
     RETURNING id, (xmax = 0) AS created`,
    [...teamColumns(c), source, randomBytes(32).toString('hex'), ...keyColumns(c)],
  );
  const row = r.rows[0] as { id: string; created: boolean };
  await replaceConstituency(tx, row.id, c);
  return row;
}

/** A team's own columns, in the order both the upsert and the edit by id bind them. */
function teamColumns(c: CirtInput): unknown[] {
  return [
    c.officialName,
    c.shortName ?? null,
    c.country,
    c.organisationId ?? null,
    c.constituencyTypes,
    JSON.stringify(c.emails),
    JSON.stringify(c.phones),
    JSON.stringify(c.pgpKeys),
    c.businessHours ?? null,
    c.businessHoursTimezone ?? null,
    c.available24x7,
    c.notifyEmail ?? null,
    c.notifyWebhook ?? null,
  ];
}

/** The key and its setting, bound as $16 and $17 by both writes. */
function keyColumns(c: CirtInput): unknown[] {
  return [c.pgpPublicKey ?? null, c.requireEncryption ?? null];
}

async function replaceConstituency(tx: Queryable, id: string, c: CirtInput): Promise<void> {
  await tx.query('DELETE FROM cirt_constituency WHERE cirt_id = $1', [id]);
  await tx.query(
    `INSERT INTO cirt_constituency (cirt_id, kind, ip_range) SELECT $1, 'range', r::cidr FROM unnest($2::text[]) r;`,
    [id, c.ranges],
  );
  await tx.query(
    `INSERT INTO cirt_constituency (cirt_id, kind, asn) SELECT $1, 'asn', a FROM unnest($2::bigint[]) a`,
    [id, c.asns],
  );
  await tx.query(
    `INSERT INTO cirt_constituency (cirt_id, kind, country) SELECT $1, 'country', k FROM unnest($2::text[]) k`,
    [id, c.countries],
  );
  await tx.query(
    `INSERT INTO cirt_constituency (cirt_id, kind, domain) SELECT $1, 'domain', d FROM unnest($2::text[]) d`,
    [id, c.domains],
  );
}

/**
 * Replaces every field of a team, found by id (an edit in the UI may rename it or clear its delivery
 * settings, which the upsert by name keeps); false when no such team exists.
 */
export async function updateCirtById(tx: Queryable, id: string, c: CirtInput): Promise<boolean> {
  const r = await tx.query(
    `UPDATE cirts SET official_name = $2, short_name = $3, country = $4, organisation_id = $5, constituency_types = $6,
       emails = $7, phones = $8, pgp_keys = $9, business_hours = $10, business_hours_timezone = $11, available_24x7 = $12,
       notify_email = $13, notify_webhook = $14,
       webhook_secret = CASE WHEN $14::text IS NULL THEN NULL ELSE coalesce(webhook_secret, $15) END,
       pgp_public_key = $16, require_encryption = coalesce($17::boolean, false), updated_at = now()
     WHERE id = $1`,
    [id, ...teamColumns(c), randomBytes(32).toString('hex'), ...keyColumns(c)],
  );
  if ((r.rowCount ?? 0) === 0) {
    return false;
  }
  await replaceConstituency(tx, id, c);
  return true;
}

export type CirtRow = {
  id: string;
  organisation_id: string | null;
  official_name: string;
  short_name: string | null;
  country: string;
  constituency_types: string[];
  emails: { address: string; usage: string[] }[];
  phones: { number: string; usage: string[] }[];
  pgp_keys: { fingerprint: string; expires?: string }[];
  business_hours: string | null;
  business_hours_timezone: string | null;
  available_24x7: boolean;
  notify_email: string | null;
  notify_webhook: string | null;
  webhook_secret: string | null;
  pgp_public_key: string | null;
  require_encryption: boolean;
  source: string;
  ranges: string[];
  asns: number[];
  countries: string[];
  domains: string[];
};

export async function listCirts(
  q: Queryable,
  filter: { country?: string | undefined; ids?: string[] },
): Promise<CirtRow[]> {
  const r = await q.query<CirtRow>(
    `SELECT c.*,
       coalesce(array_agg(k.ip_range::text) FILTER (WHERE k.kind = 'range'), '{}') AS ranges,
       coalesce(array_agg(k.asn) FILTER (WHERE k.kind = 'asn'), '{}') AS asns,
       coalesce(array_agg(k.country::text) FILTER (WHERE k.kind = 'country'), '{}') AS countries,
       coalesce(array_agg(k.domain) FILTER (WHERE k.kind = 'domain'), '{}') AS domains
     FROM cirts c LEFT JOIN cirt_constituency k ON k.cirt_id = c.id
     WHERE ($1::text IS NULL OR c.country = $1) AND ($2::uuid[] IS NULL OR c.id = ANY($2))
     GROUP BY c.id ORDER BY c.country, c.official_name`,
    [filter.country ?? null, filter.ids ?? null],
  );
  return r.rows;
}

/** Every constituency entry that covers the address, ASN, country or domain given. */
export async function findConstituencyMatches(
  q: Queryable,
  m: {
    ip?: string | undefined;
    asn?: number | undefined;
    country?: string | undefined;
    domainCandidates?: string[] | undefined;
  },
): Promise<ConstituencyMatch[]> {
  const r = await q.query<ConstituencyMatch>(
    `SELECT cirt_id AS "cirtId", 'range' AS via, masklen(ip_range) AS specificity, ip_range::text AS detail
       FROM cirt_constituency WHERE kind = 'range' AND $1::inet IS NOT NULL AND ip_range >>= $1::inet
     UNION ALL
     SELECT cirt_id, 'asn', 0, 'AS' || asn FROM cirt_constituency WHERE kind = 'asn' AND asn = $2
     UNION ALL
     SELECT cirt_id, 'country', 0, country FROM cirt_constituency WHERE kind = 'country' AND country = $3
     UNION ALL
     -- Two points per real label, one more for an exact name: campus.ac.ke (7) beats *.ac.ke (4).
     SELECT cirt_id, 'domain',
            2 * array_length(string_to_array(replace(domain, '*.', ''), '.'), 1) + CASE WHEN domain LIKE '*.%' THEN 0 ELSE 1 END, domain
       FROM cirt_constituency WHERE kind = 'domain' AND domain = ANY($4::text[])`,
    [m.ip ?? null, m.asn ?? null, m.country ?? null, m.domainCandidates ?? []],
  );
  return r.rows;
}

export type ConstituencyQuery = {
  ip?: string | undefined;
  asn?: number | undefined;
  country?: string | undefined;
  domainCandidates?: string[] | undefined;
};

/**
 * findConstituencyMatches for many queries in one round trip (a routing run asks once per value and
 * country): the queries are unnested and joined to the constituency table, each match tagged with the
 * index of its query. Same predicates and specificities as the single form; a test keeps them equal.
 */
export async function findConstituencyMatchesBatch(
  q: Queryable,
  queries: readonly ConstituencyQuery[],
): Promise<ConstituencyMatch[][]> {
  const out: ConstituencyMatch[][] = queries.map(() => []);
  if (queries.length === 0) {
    return out;
  }
  const domainIndex: number[] = [];
  const domainText: string[] = [];
  queries.forEach((query, i) => {
    for (const d of query.domainCandidates ?? []) {
      domainIndex.push(i);
      domainText.push(d);
    }
  });
  const r = await q.query<ConstituencyMatch & { i: number }>(
    `WITH v AS (SELECT * FROM unnest($1::int[], $2::inet[], $3::bigint[], $4::text[]) AS v(i, ip, asn, country)),
          d AS (SELECT * FROM unnest($5::int[], $6::text[]) AS d(i, candidate))
     SELECT v.i, k.cirt_id AS "cirtId", 'range' AS via, masklen(k.ip_range) AS specificity, k.ip_range::text AS detail
       FROM v JOIN cirt_constituency k ON k.kind = 'range' AND v.ip IS NOT NULL AND k.ip_range >>= v.ip
     UNION ALL
     SELECT v.i, k.cirt_id, 'asn', 0, 'AS' || k.asn FROM v JOIN cirt_constituency k ON k.kind = 'asn' AND k.asn = v.asn
     UNION ALL
     SELECT v.i, k.cirt_id, 'country', 0, k.country FROM v JOIN cirt_constituency k ON k.kind = 'country' AND k.country = v.country
     UNION ALL
     SELECT d.i, k.cirt_id, 'domain',
            2 * array_length(string_to_array(replace(k.domain, '*.', ''), '.'), 1) + CASE WHEN k.domain LIKE '*.%' THEN 0 ELSE 1 END, k.domain
       FROM d JOIN cirt_constituency k ON k.kind = 'domain' AND k.domain = d.candidate`,
    [
      queries.map((_, i) => i),
      queries.map((x) => x.ip ?? null),
      queries.map((x) => x.asn ?? null),
      queries.map((x) => x.country ?? null),
      domainIndex,
      domainText,
    ],
  );
  for (const { i, ...match } of r.rows) {
    out[i]?.push(match);
  }
  return out;
}
