// The SQL the snapshot's queries share: the filter, its parameters, and "reports": a visible object
// carrying a value (from its producer's country) or a visible sighting of a value (from the country
// where it was seen), filtered by TLP, object type, value kind, country and period. Over-correlating
// values (8.8.8.8 and the like) are left out: they would top every list.
import type { Actor } from '../platform/access/policy.ts';
import type { Tlp } from '../platform/access/tlp-policy.ts';
import { visibilityArgs, visibleToSql } from './visibility-sql.ts';

export type SnapshotFilter = {
  tlps?: Tlp[] | undefined;
  /** STIX object types; a sighting counts when a visible object of one of these types carries its value. */
  types?: string[] | undefined;
  /** Value kinds (ipv4-addr, domain-name, url, file hash ...). */
  kinds?: string[] | undefined;
  /** Reporting countries: the producer's country for objects, the country seen in for sightings. */
  countries?: string[] | undefined;
  since: string;
  until: string;
};

// $1 orgs, $2 user, $3 tlps, $4 types, $5 kinds, $6 countries, $7 since, $8 until; queries add from $9.
// A report's time `at` is the object's `created` (when its producer says it first reported it, which
// survives re-imports, unlike date_added) or a sighting's last_seen; `first_at` feeds "new values".
// The period is applied inside each branch so the indexes on created and last_seen keep a 30-day view
// of a years-long store cheap.
export const REPORTS = `reports AS MATERIALIZED (
  SELECT ov.value_id, p.country::text AS country, o.pk AS object_pk, 0::bigint AS sightings, o.created AS at, o.created AS first_at
    FROM intel_objects o
    JOIN organisations p ON p.id = o.producer_organisation_id
    JOIN intel_object_values ov ON ov.object_pk = o.pk
    JOIN intel_values v ON v.id = ov.value_id AND NOT v.over_correlating
   WHERE o.is_latest AND NOT o.revoked AND o.created >= $7 AND o.created < $8 AND ${visibleToSql('o', 1, 2)}
     AND ($3::text[] IS NULL OR o.tlp = ANY($3)) AND ($4::text[] IS NULL OR o.type = ANY($4))
     AND ($5::text[] IS NULL OR v.kind = ANY($5)) AND ($6::text[] IS NULL OR p.country = ANY($6))
  UNION ALL
  SELECT s.value_id, s.country::text, NULL, s.count::bigint, s.last_seen, s.first_seen
    FROM intel_sightings s
    JOIN intel_values v ON v.id = s.value_id AND NOT v.over_correlating
   WHERE s.kind = 'sighting' AND s.last_seen >= $7 AND s.last_seen < $8 AND ${visibleToSql('s', 1, 2)}
     AND ($3::text[] IS NULL OR s.tlp = ANY($3)) AND ($5::text[] IS NULL OR v.kind = ANY($5))
     AND ($6::text[] IS NULL OR s.country = ANY($6))
     AND ($4::text[] IS NULL OR EXISTS (
       SELECT 1 FROM intel_object_values t JOIN intel_objects x ON x.pk = t.object_pk AND x.is_latest AND NOT x.revoked
        WHERE t.value_id = s.value_id AND x.type = ANY($4) AND ${visibleToSql('x', 1, 2)})))`;

// A visible object under the same filters carrying the value with an earlier report: then the value
// is not new. (A visible sighting seen before the period already shows as a first_at before $7.)
export const EARLIER_OBJECT = `SELECT 1 FROM intel_object_values e JOIN intel_objects eo ON eo.pk = e.object_pk
   JOIN organisations ep ON ep.id = eo.producer_organisation_id
  WHERE e.value_id = pv.value_id AND eo.is_latest AND NOT eo.revoked AND eo.created < $7 AND ${visibleToSql('eo', 1, 2)}
    AND ($3::text[] IS NULL OR eo.tlp = ANY($3)) AND ($4::text[] IS NULL OR eo.type = ANY($4))
    AND ($6::text[] IS NULL OR ep.country = ANY($6))`;

export function snapshotArgs(actor: Actor, f: SnapshotFilter): unknown[] {
  return [
    ...visibilityArgs(actor),
    f.tlps ?? null,
    f.types ?? null,
    f.kinds ?? null,
    f.countries ?? null,
    f.since,
    f.until,
  ];
}
