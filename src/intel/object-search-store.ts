// SQL of the object search behind the intel room: the latest versions the reader may see, filtered by
// type, TLP, text, an observable value, producer country and period, newest first in keyset pages.
import type { Queryable } from '../platform/db/pool.ts';
import type { Actor } from '../platform/access/policy.ts';
import type { Tlp } from '../platform/access/tlp-policy.ts';
import { visibilityArgs, visibleToSql } from './visibility-sql.ts';

export type ObjectSearchFilter = {
  types?: string[] | undefined;
  tlps?: Tlp[] | undefined;
  text?: string | undefined;
  /** Forms of an observable value (as typed, normalised): the object must carry one of them. */
  values?: string[] | undefined;
  producerCountries?: string[] | undefined;
  /** Modified at or after / before (ISO timestamps). */
  since?: string | undefined;
  until?: string | undefined;
  limit: number;
  afterPk?: number | undefined;
};

export type ObjectListRow = {
  pk: number;
  stix_id: string;
  type: string;
  modified: string;
  tlp: Tlp;
  producer_organisation_id: string;
  producer_name: string;
  producer_country: string;
  name: string | null;
  labels: string[];
  date_added: string;
  revoked: boolean;
  valid_from: string | null;
  valid_until: string | null;
};
export const LIST_COLUMNS = `o.pk, o.stix_id, o.type, o.modified, o.tlp, o.producer_organisation_id, p.name AS producer_name,
  p.country AS producer_country, o.name, o.labels, o.date_added, o.revoked, o.valid_from, o.valid_until`;

export async function searchObjectList(
  q: Queryable,
  actor: Actor,
  f: ObjectSearchFilter,
): Promise<ObjectListRow[]> {
  // Text matches the name, the id, or (for indicators and SCOs) a carried value by prefix, so pasting
  // the start of a URL or a domain finds it; `values` are exact, normalised forms.
  const r = await q.query<ObjectListRow>(
    `SELECT ${LIST_COLUMNS} FROM intel_objects o JOIN organisations p ON p.id = o.producer_organisation_id
      WHERE o.is_latest AND ${visibleToSql('o', 1, 2)}
        AND ($3::text[] IS NULL OR o.type = ANY($3)) AND ($4::text[] IS NULL OR o.tlp = ANY($4))
        AND ($5::text IS NULL OR o.name ILIKE '%' || $5 || '%' OR o.stix_id = $5
             OR EXISTS (SELECT 1 FROM intel_object_values ov JOIN intel_values v ON v.id = ov.value_id
                         WHERE ov.object_pk = o.pk AND v.value LIKE lower($5) || '%'))
        AND ($6::text[] IS NULL OR EXISTS (SELECT 1 FROM intel_object_values ov JOIN intel_values v ON v.id = ov.value_id
                                          WHERE ov.object_pk = o.pk AND v.value = ANY($6)))
        AND ($7::text[] IS NULL OR p.country = ANY($7))
        AND ($8::timestamptz IS NULL OR o.modified >= $8) AND ($9::timestamptz IS NULL OR o.modified < $9)
        AND ($10::bigint IS NULL OR o.pk < $10)
      ORDER BY o.pk DESC LIMIT $11`,
    [
      ...visibilityArgs(actor),
      f.types ?? null,
      f.tlps ?? null,
      f.text ?? null,
      f.values ?? null,
      f.producerCountries ?? null,
      f.since ?? null,
      f.until ?? null,
      f.afterPk ?? null,
      f.limit,
    ],
  );
  return r.rows;
}
