// SQL of the global snapshot: what the reader may see, aggregated. Values reported from several
// countries, new objects per day and type, and producing countries. Over-correlating values are left out.
import type { Queryable } from '../platform/db/pool.ts';
import type { Actor } from '../platform/access/policy.ts';
import { visibilityArgs, visibleToSql } from './visibility-sql.ts';

export type SharedValue = { kind: string; value: string; countries: string[]; objects: number };

export async function valuesAcrossCountries(
  q: Queryable,
  actor: Actor,
  minCountries: number,
  limit: number,
): Promise<SharedValue[]> {
  const r = await q.query<SharedValue>(
    `SELECT v.kind, v.value, array_agg(DISTINCT p.country ORDER BY p.country) AS countries, count(DISTINCT o.pk)::int AS objects
       FROM intel_values v
       JOIN intel_object_values ov ON ov.value_id = v.id
       JOIN intel_objects o ON o.pk = ov.object_pk AND o.is_latest AND NOT o.revoked
       JOIN organisations p ON p.id = o.producer_organisation_id
      WHERE NOT v.over_correlating AND ${visibleToSql('o', 1, 2)}
      GROUP BY v.kind, v.value HAVING count(DISTINCT p.country) >= $3
      ORDER BY count(DISTINCT p.country) DESC, count(DISTINCT o.pk) DESC, v.value LIMIT $4`,
    [...visibilityArgs(actor), minCountries, limit],
  );
  return r.rows;
}

export async function objectsPerDay(
  q: Queryable,
  actor: Actor,
  since: string,
): Promise<{ day: string; type: string; objects: number }[]> {
  const r = await q.query<{ day: string; type: string; objects: number }>(
    `SELECT to_char(date_trunc('day', o.date_added), 'YYYY-MM-DD') AS day, o.type, count(*)::int AS objects
       FROM intel_objects o WHERE o.is_latest AND o.date_added >= $3 AND ${visibleToSql('o', 1, 2)}
      GROUP BY 1, 2 ORDER BY 1, 2`,
    [...visibilityArgs(actor), since],
  );
  return r.rows;
}

export async function objectsByProducerCountry(
  q: Queryable,
  actor: Actor,
): Promise<{ country: string; objects: number }[]> {
  const r = await q.query<{ country: string; objects: number }>(
    `SELECT p.country, count(*)::int AS objects FROM intel_objects o JOIN organisations p ON p.id = o.producer_organisation_id
      WHERE o.is_latest AND ${visibleToSql('o', 1, 2)} GROUP BY p.country ORDER BY objects DESC`,
    [...visibilityArgs(actor)],
  );
  return r.rows;
}
