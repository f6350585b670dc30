// SQL of the STIX store: versioned writes, interned observable values (correlation pairs with a
// per-value cap), and reads that always carry the TLP visibility predicate.
import type { Queryable } from '../platform/db/pool.ts';
import type { Actor } from '../platform/access/policy.ts';
import type { Tlp } from '../platform/access/tlp-policy.ts';
import { visibilityArgs, visibleToSql } from './visibility-sql.ts';

/** Values seen on more objects than this are flagged and no longer listed as correlations (MISP#8275). */
export const CORRELATION_CAP = 100;

export type StoredObjectInput = {
  stixId: string;
  type: string;
  specVersion: string;
  created: string;
  modified: string;
  revoked: boolean;
  validFrom: string | null;
  validUntil: string | null;
  createdByRef: string | null;
  producerOrganisationId: string;
  authorUserId: string | null;
  tlp: Tlp;
  audienceOrganisationIds: string[];
  audienceUserIds: string[];
  name: string | null;
  labels: string[];
  dedupeKey: string | null;
  raw: string;
};

export type WriteOutcome = 'added' | 'new-version' | 'older-version' | 'duplicate';

/** Inserts one version; the newest `modified` of an id is the latest. The caller holds the transaction. */
export async function insertObjectVersion(
  tx: Queryable,
  o: StoredObjectInput,
): Promise<{ outcome: WriteOutcome; pk: number | undefined }> {
  const latest = await tx.query<{ pk: number; modified: string }>(
    'SELECT pk, modified FROM intel_objects WHERE stix_id = $1 AND is_latest FOR UPDATE',
    [o.stixId],
  );
  const current = latest.rows[0];
  if (current && new Date(current.modified).getTime() === new Date(o.modified).getTime()) {
    return { outcome: 'duplicate', pk: current.pk };
  }
  const isLatest = !current || new Date(o.modified) > new Date(current.modified);
  if (current && isLatest) {
    await tx.query('UPDATE intel_objects SET is_latest = false WHERE pk = $1', [current.pk]);
  }
  const inserted = await tx.query<{ pk: number }>(
    `INSERT INTO intel_objects (stix_id, type, spec_version, created, modified, revoked, valid_from, valid_until, created_by_ref,
       producer_organisation_id, author_user_id, tlp, audience_organisation_ids, audience_user_ids, name, labels, dedupe_key, raw, is_latest)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19)
     ON CONFLICT (stix_id, modified) DO NOTHING RETURNING pk`,
    [
      o.stixId,
      o.type,
      o.specVersion,
      o.created,
      o.modified,
      o.revoked,
      o.validFrom,
      o.validUntil,
      o.createdByRef,
      o.producerOrganisationId,
      o.authorUserId,
      o.tlp,
      o.audienceOrganisationIds,
      o.audienceUserIds,
      o.name,
      o.labels,
      o.dedupeKey,
      o.raw,
      isLatest,
    ],
  );
  const pk = inserted.rows[0]?.pk;
  if (pk === undefined) {
    return { outcome: 'duplicate', pk: undefined };
  }
  return { outcome: !current ? 'added' : isLatest ? 'new-version' : 'older-version', pk };
}

/** Interns values and links them to the object; counts grow incrementally and flag over-correlation. */
export async function linkValues(
  tx: Queryable,
  objectPk: number,
  values: { kind: string; value: string }[],
): Promise<void> {
  if (values.length === 0) {
    return;
  }
  const kinds = values.map((v) => v.kind);
  const texts = values.map((v) => v.value);
  await tx.query(
    'INSERT INTO intel_values (kind, value) SELECT * FROM unnest($1::text[], $2::text[]) ON CONFLICT (kind, value) DO NOTHING',
    [kinds, texts],
  );
  // A separate statement: a row changed twice in one statement (CTE and outer UPDATE) keeps one change.
  await tx.query(
    `WITH linked AS (
       INSERT INTO intel_object_values (value_id, object_pk)
       SELECT v.id, $1 FROM intel_values v
         JOIN unnest($2::text[], $3::text[]) AS t(kind, value) ON v.kind = t.kind AND v.value = t.value
       ON CONFLICT DO NOTHING RETURNING value_id)
     UPDATE intel_values SET object_count = object_count + 1, over_correlating = object_count + 1 > $4
      WHERE id IN (SELECT value_id FROM linked)`,
    [objectPk, kinds, texts, CORRELATION_CAP],
  );
}

export type ObjectRow = {
  pk: number;
  stix_id: string;
  type: string;
  modified: string;
  tlp: Tlp;
  producer_organisation_id: string;
  name: string | null;
  labels: string[];
  raw: string;
  date_added: string;
  revoked: boolean;
};
const OBJECT_COLUMNS =
  'o.pk, o.stix_id, o.type, o.modified, o.tlp, o.producer_organisation_id, o.name, o.labels, o.raw, o.date_added, o.revoked';

/** The latest version of an object, or undefined when it does not exist or the actor may not see it. */
export async function findVisibleObject(
  q: Queryable,
  actor: Actor,
  stixId: string,
): Promise<ObjectRow | undefined> {
  const r = await q.query<ObjectRow>(
    `SELECT ${OBJECT_COLUMNS} FROM intel_objects o WHERE o.stix_id = $1 AND o.is_latest AND ${visibleToSql('o', 2, 3)}`,
    [stixId, ...visibilityArgs(actor)],
  );
  return r.rows[0];
}

export type SearchFilter = {
  types?: string[] | undefined;
  tlps?: Tlp[] | undefined;
  text?: string | undefined;
  producerCountries?: string[] | undefined;
  limit: number;
  afterPk?: number | undefined;
};

export async function searchVisibleObjects(
  q: Queryable,
  actor: Actor,
  f: SearchFilter,
): Promise<ObjectRow[]> {
  const r = await q.query<ObjectRow>(
    `SELECT ${OBJECT_COLUMNS} FROM intel_objects o JOIN organisations p ON p.id = o.producer_organisation_id
      WHERE o.is_latest AND ${visibleToSql('o', 1, 2)}
        AND ($3::text[] IS NULL OR o.type = ANY($3)) AND ($4::text[] IS NULL OR o.tlp = ANY($4))
        AND ($5::text IS NULL OR o.name ILIKE '%' || $5 || '%' OR o.stix_id = $5)
        AND ($6::text[] IS NULL OR p.country = ANY($6)) AND ($7::bigint IS NULL OR o.pk < $7)
      ORDER BY o.pk DESC LIMIT $8`,
    [
      ...visibilityArgs(actor),
      f.types ?? null,
      f.tlps ?? null,
      f.text ?? null,
      f.producerCountries ?? null,
      f.afterPk ?? null,
      f.limit,
    ],
  );
  return r.rows;
}

export type CorrelationRow = {
  kind: string;
  value: string;
  stix_id: string;
  type: string;
  name: string | null;
  tlp: Tlp;
  producer_organisation_id: string;
  country: string;
};

/** Other visible objects sharing a value with this one, from other organisations; capped values skipped. */
export async function findCorrelations(
  q: Queryable,
  actor: Actor,
  objectPk: number,
): Promise<CorrelationRow[]> {
  const r = await q.query<CorrelationRow>(
    `SELECT v.kind, v.value, o.stix_id, o.type, o.name, o.tlp, o.producer_organisation_id, p.country
       FROM intel_object_values mine
       JOIN intel_values v ON v.id = mine.value_id AND NOT v.over_correlating
       JOIN intel_object_values theirs ON theirs.value_id = mine.value_id AND theirs.object_pk <> mine.object_pk
       JOIN intel_objects o ON o.pk = theirs.object_pk AND o.is_latest
       JOIN intel_objects self ON self.pk = mine.object_pk
       JOIN organisations p ON p.id = o.producer_organisation_id
      WHERE mine.object_pk = $3 AND o.producer_organisation_id <> self.producer_organisation_id AND ${visibleToSql('o', 1, 2)}
      ORDER BY v.kind, v.value, p.country LIMIT 500`,
    [...visibilityArgs(actor), objectPk],
  );
  return r.rows;
}
