// SQL of what one object connects to, each side under the TLP predicate: STIX relationships that
// reference it, STIX sighting objects of it, and value sightings reported on the values it carries.
import type { Queryable } from '../platform/db/pool.ts';
import type { Actor } from '../platform/access/policy.ts';
import type { Tlp } from '../platform/access/tlp-policy.ts';
import { visibilityArgs, visibleToSql } from './visibility-sql.ts';
import type { SightingType } from './sightings-store.ts';

export type RelationshipRow = {
  stix_id: string;
  relationship_type: string;
  direction: 'out' | 'in';
  other_id: string;
  other_type: string;
  other_name: string | null;
  other_tlp: Tlp;
};

/**
 * Relationships with this object as source or target. Both the relationship and the object at its other
 * end must be visible: a relationship to a hidden object would reveal that it exists.
 */
export async function findRelationships(
  q: Queryable,
  actor: Actor,
  stixId: string,
): Promise<RelationshipRow[]> {
  const r = await q.query<RelationshipRow>(
    `WITH rel AS (
       SELECT r.stix_id, r.raw::jsonb AS j FROM intel_objects r
        WHERE r.type = 'relationship' AND r.is_latest AND NOT r.revoked AND ${visibleToSql('r', 1, 2)}
          AND ((r.raw::jsonb ->> 'source_ref') = $3 OR (r.raw::jsonb ->> 'target_ref') = $3))
     SELECT rel.stix_id, rel.j ->> 'relationship_type' AS relationship_type,
            CASE WHEN rel.j ->> 'source_ref' = $3 THEN 'out' ELSE 'in' END AS direction,
            o.stix_id AS other_id, o.type AS other_type, o.name AS other_name, o.tlp AS other_tlp
       FROM rel JOIN intel_objects o ON o.is_latest
        AND o.stix_id = CASE WHEN rel.j ->> 'source_ref' = $3 THEN rel.j ->> 'target_ref' ELSE rel.j ->> 'source_ref' END
      WHERE ${visibleToSql('o', 1, 2)}
      ORDER BY 2, 5, 6 LIMIT 500`,
    [...visibilityArgs(actor), stixId],
  );
  return r.rows;
}

/** Reports that contain this object in their object_refs (STIX 2.1 §4.16), as "in" relationships. */
export async function findReportsContaining(
  q: Queryable,
  actor: Actor,
  stixId: string,
): Promise<RelationshipRow[]> {
  const r = await q.query<RelationshipRow>(
    `SELECT r.stix_id, 'contains' AS relationship_type, 'in' AS direction, r.stix_id AS other_id,
            r.type AS other_type, r.name AS other_name, r.tlp AS other_tlp
       FROM intel_objects r
      WHERE r.type = 'report' AND r.is_latest AND NOT r.revoked AND ((r.raw::jsonb) -> 'object_refs') ? $3
        AND ${visibleToSql('r', 1, 2)}
      ORDER BY r.modified DESC LIMIT 200`,
    [...visibilityArgs(actor), stixId],
  );
  return r.rows;
}

export type ObjectSightingRow = {
  value: string;
  sighting_type: SightingType;
  count: number;
  first_seen: string;
  last_seen: string;
  country: string | null;
  tlp: Tlp;
};

/** Value sightings reported on the values this object carries, newest first. */
export async function findSightingsOfObject(
  q: Queryable,
  actor: Actor,
  objectPk: number,
): Promise<ObjectSightingRow[]> {
  const r = await q.query<ObjectSightingRow>(
    `SELECT v.value, s.kind AS sighting_type, s.count, s.first_seen, s.last_seen, s.country, s.tlp
       FROM intel_object_values ov
       JOIN intel_values v ON v.id = ov.value_id
       JOIN intel_sightings s ON s.value_id = ov.value_id
      WHERE ov.object_pk = $3 AND ${visibleToSql('s', 1, 2)}
      ORDER BY s.last_seen DESC LIMIT 200`,
    [...visibilityArgs(actor), objectPk],
  );
  return r.rows;
}

/** STIX sighting objects whose sighting_of_ref is this object (STIX 2.1 §5.2). */
export async function findStixSightingsOf(
  q: Queryable,
  actor: Actor,
  stixId: string,
): Promise<ObjectSightingRow[]> {
  const r = await q.query<ObjectSightingRow>(
    `SELECT s.stix_id AS value, 'sighting' AS sighting_type, COALESCE((s.raw::jsonb ->> 'count')::int, 1) AS count,
            COALESCE(s.raw::jsonb ->> 'first_seen', s.raw::jsonb ->> 'created') AS first_seen,
            COALESCE(s.raw::jsonb ->> 'last_seen', s.raw::jsonb ->> 'modified') AS last_seen,
            p.country, s.tlp
       FROM intel_objects s JOIN organisations p ON p.id = s.producer_organisation_id
      WHERE s.type = 'sighting' AND s.is_latest AND (s.raw::jsonb ->> 'sighting_of_ref') = $3 AND ${visibleToSql('s', 1, 2)}
      ORDER BY s.modified DESC LIMIT 200`,
    [...visibilityArgs(actor), stixId],
  );
  return r.rows;
}

export async function findOrganisation(
  q: Queryable,
  id: string,
): Promise<{ name: string; country: string } | undefined> {
  const r = await q.query<{ name: string; country: string }>(
    'SELECT name, country FROM organisations WHERE id = $1',
    [id],
  );
  return r.rows[0];
}
