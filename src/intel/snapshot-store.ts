// SQL of the global snapshot: what the reader may see, aggregated. Every query reads "reports": a
// visible object carrying a value (from its producer's country) or a visible sighting of a value (from
// the country where it was seen), filtered by TLP, object type, value kind, country and period.
// Over-correlating values (8.8.8.8 and the like) are left out: they would top every list.
import type { Queryable } from '../platform/db/pool.ts';
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
const REPORTS = `reports AS (
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
const EARLIER_OBJECT = `SELECT 1 FROM intel_object_values e JOIN intel_objects eo ON eo.pk = e.object_pk
   JOIN organisations ep ON ep.id = eo.producer_organisation_id
  WHERE e.value_id = r.value_id AND eo.is_latest AND NOT eo.revoked AND eo.created < $7 AND ${visibleToSql('eo', 1, 2)}
    AND ($3::text[] IS NULL OR eo.tlp = ANY($3)) AND ($4::text[] IS NULL OR eo.type = ANY($4))
    AND ($6::text[] IS NULL OR ep.country = ANY($6))`;

function args(actor: Actor, f: SnapshotFilter): unknown[] {
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

export type SharedValue = {
  kind: string;
  value: string;
  countries: string[];
  objects: number;
  sightings: number;
  firstSeen: string;
  lastSeen: string;
  /** A visible object carrying the value (an indicator if there is one), for the link. */
  objectId: string | null;
};

/** Values by number of reporting countries, most countries first. */
export async function valuesAcrossCountries(
  q: Queryable,
  actor: Actor,
  f: SnapshotFilter,
  minCountries: number,
  limit: number,
): Promise<SharedValue[]> {
  const r = await q.query<SharedValue>(
    `WITH ${REPORTS},
     top AS (SELECT r.value_id, array_agg(DISTINCT r.country ORDER BY r.country) AS countries,
                    count(DISTINCT r.object_pk)::int AS objects, sum(r.sightings)::bigint AS sightings,
                    min(r.first_at) AS first_seen, max(r.at) AS last_seen
               FROM reports r GROUP BY r.value_id HAVING count(DISTINCT r.country) >= $9
              ORDER BY cardinality(array_agg(DISTINCT r.country)) DESC, 3 DESC, 4 DESC, r.value_id LIMIT $10)
     SELECT v.kind, v.value, top.countries, top.objects, top.sightings, top.first_seen AS "firstSeen", top.last_seen AS "lastSeen",
            (SELECT o.stix_id FROM intel_object_values ox JOIN intel_objects o ON o.pk = ox.object_pk AND o.is_latest
              WHERE ox.value_id = v.id AND ${visibleToSql('o', 1, 2)}
              ORDER BY (o.type = 'indicator') DESC, o.pk DESC LIMIT 1) AS "objectId"
       FROM top JOIN intel_values v ON v.id = top.value_id
      ORDER BY cardinality(top.countries) DESC, top.objects DESC, top.sightings DESC, v.value`,
    [...args(actor, f), minCountries, limit],
  );
  return r.rows;
}

export type SnapshotTotals = { values: number; objects: number; sightings: number; countries: number };

/** How many values are reported by 1, 2, 3 ... countries, and the totals of the period. */
export async function countryHistogram(
  q: Queryable,
  actor: Actor,
  f: SnapshotFilter,
): Promise<{ histogram: { countries: number; values: number }[]; totals: SnapshotTotals }> {
  const r = await q.query<{
    countries: number;
    values: number;
    objects: number;
    sightings: number;
    allCountries: number;
  }>(
    `WITH ${REPORTS},
     per AS (SELECT r.value_id, count(DISTINCT r.country)::int AS n FROM reports r GROUP BY r.value_id),
     totals AS (SELECT count(DISTINCT r.object_pk)::int AS objects, COALESCE(sum(r.sightings), 0)::bigint AS sightings,
                       count(DISTINCT r.country)::int AS countries FROM reports r)
     SELECT per.n AS countries, count(*)::int AS values, totals.objects, totals.sightings, totals.countries AS "allCountries"
       FROM totals LEFT JOIN per ON true GROUP BY per.n, totals.objects, totals.sightings, totals.countries ORDER BY per.n`,
    args(actor, f),
  );
  const first = r.rows[0];
  const histogram = r.rows.filter((row) => row.countries !== null);
  return {
    histogram: histogram.map((row) => ({ countries: row.countries, values: row.values })),
    totals: {
      values: histogram.reduce((sum, row) => sum + row.values, 0),
      objects: first?.objects ?? 0,
      sightings: first?.sightings ?? 0,
      countries: first?.allCountries ?? 0,
    },
  };
}

export type TimelinePoint = { bucket: string; newValues: number; objects: number; sightings: number };

/**
 * Per day or week: values reported for the first time (no earlier report the reader may see, under
 * the same filters), objects carrying values, and sightings.
 */
export async function timeline(
  q: Queryable,
  actor: Actor,
  f: SnapshotFilter,
  bucket: 'day' | 'week',
): Promise<TimelinePoint[]> {
  const r = await q.query<TimelinePoint>(
    `WITH ${REPORTS},
     firsts AS (SELECT date_trunc($9, min(r.first_at) AT TIME ZONE 'UTC') AS b FROM reports r GROUP BY r.value_id
                HAVING min(r.first_at) >= $7 AND NOT EXISTS (${EARLIER_OBJECT})),
     activity AS (SELECT date_trunc($9, r.at AT TIME ZONE 'UTC') AS b, count(DISTINCT r.object_pk)::int AS objects,
                         COALESCE(sum(r.sightings), 0)::bigint AS sightings FROM reports r GROUP BY 1),
     fresh AS (SELECT b, count(*)::int AS n FROM firsts GROUP BY b)
     SELECT to_char(COALESCE(a.b, fresh.b), 'YYYY-MM-DD') AS bucket, COALESCE(fresh.n, 0) AS "newValues",
            COALESCE(a.objects, 0) AS objects, COALESCE(a.sightings, 0)::bigint AS sightings
       FROM activity a FULL JOIN fresh ON fresh.b = a.b ORDER BY 1`,
    [...args(actor, f), bucket],
  );
  return r.rows;
}

export type RisingValue = {
  kind: string;
  value: string;
  recent: number;
  previous: number;
  countries: string[];
};

/**
 * Values whose reports grow fastest: activity (objects + sighting counts) in the second half of the
 * period against the first half, by absolute growth, then by recent activity. A single new report
 * is not a trend: at least two recent reports are needed.
 */
export async function risingValues(
  q: Queryable,
  actor: Actor,
  f: SnapshotFilter,
  limit: number,
): Promise<RisingValue[]> {
  const middle = new Date((Date.parse(f.since) + Date.parse(f.until)) / 2).toISOString();
  const r = await q.query<RisingValue>(
    `WITH ${REPORTS},
     act AS (SELECT r.value_id, array_agg(DISTINCT r.country ORDER BY r.country) AS countries,
                    (count(DISTINCT r.object_pk) FILTER (WHERE r.at >= $9) + COALESCE(sum(r.sightings) FILTER (WHERE r.at >= $9), 0))::bigint AS recent,
                    (count(DISTINCT r.object_pk) FILTER (WHERE r.at < $9) + COALESCE(sum(r.sightings) FILTER (WHERE r.at < $9), 0))::bigint AS previous
               FROM reports r GROUP BY r.value_id)
     SELECT v.kind, v.value, act.recent, act.previous, act.countries
       FROM act JOIN intel_values v ON v.id = act.value_id
      WHERE act.recent > act.previous AND act.recent >= 2
      ORDER BY act.recent - act.previous DESC, act.recent DESC, v.value LIMIT $10`,
    [...args(actor, f), middle, limit],
  );
  return r.rows;
}

export type CountryActivity = { country: string; sightings: number; values: number; objects: number };

/** Per country: sightings there, distinct values sighted, and objects its organisations produced. */
export async function activityByCountry(
  q: Queryable,
  actor: Actor,
  f: SnapshotFilter,
): Promise<CountryActivity[]> {
  const r = await q.query<CountryActivity>(
    `WITH ${REPORTS}
     SELECT r.country, COALESCE(sum(r.sightings), 0)::bigint AS sightings,
            count(DISTINCT r.value_id) FILTER (WHERE r.object_pk IS NULL)::int AS values,
            count(DISTINCT r.object_pk)::int AS objects
       FROM reports r GROUP BY r.country ORDER BY sightings DESC, objects DESC, r.country`,
    args(actor, f),
  );
  return r.rows;
}

export type ClassifierRow = {
  labels: string[];
  indicatorTypes: string[];
  malwareTypes: string[];
  objects: number;
};

/**
 * Visible objects of the period grouped by what classifies them (labels, indicator_types,
 * malware_types); the mapping to offences is domain code (snapshot-offences.ts).
 */
export async function objectsByClassifiers(
  q: Queryable,
  actor: Actor,
  f: SnapshotFilter,
): Promise<ClassifierRow[]> {
  const r = await q.query<ClassifierRow>(
    `SELECT o.labels,
            COALESCE(ARRAY(SELECT jsonb_array_elements_text(j.doc -> 'indicator_types')), '{}') AS "indicatorTypes",
            COALESCE(ARRAY(SELECT jsonb_array_elements_text(j.doc -> 'malware_types')), '{}') AS "malwareTypes",
            count(*)::int AS objects
       FROM intel_objects o
       JOIN organisations p ON p.id = o.producer_organisation_id
       CROSS JOIN LATERAL (SELECT CASE WHEN o.type IN ('indicator', 'malware') THEN o.raw::jsonb END AS doc) j
      WHERE o.is_latest AND NOT o.revoked AND ${visibleToSql('o', 1, 2)}
        AND ($3::text[] IS NULL OR o.tlp = ANY($3)) AND ($4::text[] IS NULL OR o.type = ANY($4))
        AND ($5::text[] IS NULL OR EXISTS (SELECT 1 FROM intel_object_values ov JOIN intel_values v ON v.id = ov.value_id
                                            WHERE ov.object_pk = o.pk AND v.kind = ANY($5)))
        AND ($6::text[] IS NULL OR p.country = ANY($6)) AND o.created >= $7 AND o.created < $8
        AND o.type NOT IN ('relationship', 'sighting', 'marking-definition', 'identity')
      GROUP BY 1, 2, 3`,
    args(actor, f),
  );
  return r.rows;
}

/** Objects per producing country in the period (all types), for the producers list. */
export async function objectsByProducerCountry(
  q: Queryable,
  actor: Actor,
  f: SnapshotFilter,
): Promise<{ country: string; objects: number }[]> {
  const r = await q.query<{ country: string; objects: number }>(
    `SELECT p.country, count(*)::int AS objects FROM intel_objects o JOIN organisations p ON p.id = o.producer_organisation_id
      WHERE o.is_latest AND NOT o.revoked AND ${visibleToSql('o', 1, 2)}
        AND ($3::text[] IS NULL OR o.tlp = ANY($3)) AND ($4::text[] IS NULL OR o.type = ANY($4))
        AND ($5::text[] IS NULL OR EXISTS (SELECT 1 FROM intel_object_values ov JOIN intel_values v ON v.id = ov.value_id
                                            WHERE ov.object_pk = o.pk AND v.kind = ANY($5)))
        AND ($6::text[] IS NULL OR p.country = ANY($6)) AND o.created >= $7 AND o.created < $8
      GROUP BY p.country ORDER BY objects DESC, p.country`,
    args(actor, f),
  );
  return r.rows;
}
