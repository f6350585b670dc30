// SQL of sightings: insert (interning the value), and visible reads filtered by the TLP predicate.
import type { Queryable } from '../platform/db/pool.ts';
import type { Actor } from '../platform/access/policy.ts';
import type { Tlp } from '../platform/access/tlp-policy.ts';
import { visibilityArgs, visibleToSql } from './visibility-sql.ts';

export type SightingType = 'sighting' | 'false-positive' | 'expiry';

export async function insertSighting(
  tx: Queryable,
  s: {
    kind: string;
    value: string;
    type: SightingType;
    count: number;
    firstSeen: string;
    lastSeen: string;
    country: string;
    producerOrganisationId: string;
    authorUserId: string;
    tlp: Tlp;
    audienceOrganisationIds: string[];
    source: string | null;
  },
): Promise<number> {
  await tx.query(
    'INSERT INTO intel_values (kind, value) VALUES ($1, $2) ON CONFLICT (kind, value) DO NOTHING',
    [s.kind, s.value],
  );
  const r = await tx.query<{ id: number }>(
    `INSERT INTO intel_sightings (value_id, kind, count, first_seen, last_seen, country, producer_organisation_id, author_user_id, tlp,
       audience_organisation_ids, source)
     SELECT id, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12 FROM intel_values WHERE kind = $1 AND value = $2 RETURNING id`,
    [
      s.kind,
      s.value,
      s.type,
      s.count,
      s.firstSeen,
      s.lastSeen,
      s.country,
      s.producerOrganisationId,
      s.authorUserId,
      s.tlp,
      s.audienceOrganisationIds,
      s.source,
    ],
  );
  return (r.rows[0] as { id: number }).id;
}

export type SightingRow = {
  id: number;
  type: SightingType;
  count: number;
  firstSeen: string;
  lastSeen: string;
  country: string;
  tlp: Tlp;
  producerOrganisationId: string;
};

export async function findSightings(
  q: Queryable,
  actor: Actor,
  kind: string,
  value: string,
): Promise<SightingRow[]> {
  const r = await q.query<SightingRow>(
    `SELECT s.id, s.kind AS type, s.count, s.first_seen AS "firstSeen", s.last_seen AS "lastSeen", s.country, s.tlp,
            s.producer_organisation_id AS "producerOrganisationId"
       FROM intel_sightings s JOIN intel_values v ON v.id = s.value_id
      WHERE v.kind = $3 AND v.value = $4 AND ${visibleToSql('s', 1, 2)}
      ORDER BY s.last_seen DESC LIMIT 1000`,
    [...visibilityArgs(actor), kind, value],
  );
  return r.rows;
}

/** Visible sightings per country (for the snapshot map): total count and distinct values. */
export async function sightingsByCountry(
  q: Queryable,
  actor: Actor,
  since: string | null,
): Promise<{ country: string; sightings: number; values: number }[]> {
  const r = await q.query<{ country: string; sightings: number; values: number }>(
    `SELECT s.country, sum(s.count)::bigint AS sightings, count(DISTINCT s.value_id)::int AS values
       FROM intel_sightings s
      WHERE s.kind = 'sighting' AND ($3::timestamptz IS NULL OR s.last_seen >= $3) AND ${visibleToSql('s', 1, 2)}
      GROUP BY s.country ORDER BY sightings DESC`,
    [...visibilityArgs(actor), since],
  );
  return r.rows;
}
