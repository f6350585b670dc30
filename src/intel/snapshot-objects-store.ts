// SQL of the snapshot's object counts (all types, with or without values): objects by what
// classifies them (for the offence chart) and by producing country, under the same filters.
import type { Queryable } from '../platform/db/pool.ts';
import type { Actor } from '../platform/access/policy.ts';
import { visibleToSql } from './visibility-sql.ts';
import { snapshotArgs, type SnapshotFilter } from './snapshot-sql.ts';

export type ClassifierRow = {
  labels: string[];
  indicatorTypes: string[];
  malwareTypes: string[];
  objects: number;
};

const FILTERED = (
  alias: string,
) => `${alias}.is_latest AND NOT ${alias}.revoked AND ${visibleToSql(alias, 1, 2)}
        AND ($3::text[] IS NULL OR ${alias}.tlp = ANY($3)) AND ($4::text[] IS NULL OR ${alias}.type = ANY($4))
        AND ($5::text[] IS NULL OR EXISTS (SELECT 1 FROM intel_object_values ov JOIN intel_values v ON v.id = ov.value_id
                                            WHERE ov.object_pk = ${alias}.pk AND v.kind = ANY($5)))
        AND ($6::text[] IS NULL OR p.country = ANY($6)) AND ${alias}.created >= $7 AND ${alias}.created < $8
        AND ${alias}.type NOT IN ('relationship', 'sighting', 'marking-definition', 'identity')`;

/**
 * Visible objects of the period grouped by their labels, and whether their type carries
 * indicator_types or malware_types (only in the raw JSON, so costly to read).
 */
export async function objectsByLabels(
  q: Queryable,
  actor: Actor,
  f: SnapshotFilter,
): Promise<{ labels: string[]; typed: boolean; objects: number }[]> {
  const r = await q.query<{ labels: string[]; typed: boolean; objects: number }>(
    `SELECT o.labels, o.type IN ('indicator', 'malware') AS typed, count(*)::int AS objects
       FROM intel_objects o JOIN organisations p ON p.id = o.producer_organisation_id
      WHERE ${FILTERED('o')} GROUP BY 1, 2`,
    snapshotArgs(actor, f),
  );
  return r.rows;
}

/**
 * Indicators and malware of the period that carry none of `classifyingLabels`, grouped by labels,
 * indicator_types and malware_types: the raw JSON is parsed only for objects their labels leave open.
 */
export async function objectsByTypes(
  q: Queryable,
  actor: Actor,
  f: SnapshotFilter,
  classifyingLabels: string[],
): Promise<ClassifierRow[]> {
  const r = await q.query<ClassifierRow>(
    `SELECT o.labels,
            COALESCE(ARRAY(SELECT jsonb_array_elements_text(j.doc -> 'indicator_types')), '{}') AS "indicatorTypes",
            COALESCE(ARRAY(SELECT jsonb_array_elements_text(j.doc -> 'malware_types')), '{}') AS "malwareTypes",
            count(*)::int AS objects
       FROM intel_objects o JOIN organisations p ON p.id = o.producer_organisation_id
       CROSS JOIN LATERAL (SELECT o.raw::jsonb AS doc) j
      WHERE ${FILTERED('o')} AND o.type IN ('indicator', 'malware') AND NOT (o.labels && $9::text[])
      GROUP BY 1, 2, 3`,
    [...snapshotArgs(actor, f), classifyingLabels],
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
    snapshotArgs(actor, f),
  );
  return r.rows;
}
