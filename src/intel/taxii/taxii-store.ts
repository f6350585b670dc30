// SQL of the TAXII server: collections the caller may use, and keyset pages of a collection's objects
// (TLP predicate applied in the same query). Pages never COUNT and never sort the whole collection.
import type { Queryable } from '../../platform/db/pool.ts';
import type { Actor } from '../../platform/access/policy.ts';
import { organisationIdsOf } from '../../platform/access/policy.ts';
import type { Tlp } from '../../platform/access/tlp-policy.ts';
import { visibilityArgs, visibleToSql } from '../visibility-sql.ts';
import type { TaxiiFilter } from './filters.ts';

export type CollectionRow = {
  id: string;
  api_root: string;
  title: string;
  description: string | null;
  alias: string | null;
  owner_organisation_id: string;
  readers_all_members: boolean;
  reader_organisation_ids: string[];
  writer_organisation_ids: string[];
  default_tlp: Tlp;
  default_audience_organisation_ids: string[];
};

export type CollectionRights = { canRead: boolean; canWrite: boolean };

export function rightsOn(actor: Actor, c: CollectionRow): CollectionRights {
  const orgs = organisationIdsOf(actor);
  const writers = organisationIdsOf(actor, 'analyst');
  const owner = orgs.includes(c.owner_organisation_id);
  return {
    canRead:
      owner ||
      (c.readers_all_members && orgs.length > 0) ||
      c.reader_organisation_ids.some((id) => orgs.includes(id)),
    canWrite:
      writers.includes(c.owner_organisation_id) ||
      c.writer_organisation_ids.some((id) => writers.includes(id)),
  };
}

export async function listCollections(q: Queryable, apiRoot: string): Promise<CollectionRow[]> {
  const r = await q.query<CollectionRow>(
    'SELECT * FROM taxii_collections WHERE api_root = $1 ORDER BY title',
    [apiRoot],
  );
  return r.rows;
}

export async function findCollection(
  q: Queryable,
  apiRoot: string,
  id: string,
): Promise<CollectionRow | undefined> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) {
    return undefined;
  }
  const r = await q.query<CollectionRow>('SELECT * FROM taxii_collections WHERE api_root = $1 AND id = $2', [
    apiRoot,
    id,
  ]);
  return r.rows[0];
}

export async function findCollectionById(
  q: Queryable,
  id: string,
  forUpdate = false,
): Promise<CollectionRow | undefined> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) {
    return undefined;
  }
  const r = await q.query<CollectionRow>(
    `SELECT * FROM taxii_collections WHERE id = $1${forUpdate ? ' FOR UPDATE' : ''}`,
    [id],
  );
  return r.rows[0];
}

export async function listApiRoots(q: Queryable): Promise<string[]> {
  const r = await q.query<{ api_root: string }>(
    'SELECT DISTINCT api_root FROM taxii_collections ORDER BY api_root',
  );
  return r.rows.map((row) => row.api_root);
}

export type PageRow = {
  seq: number;
  /** With microseconds: membership times differ by 1 µs, so milliseconds would make added_after repeat rows. */
  date_added: string;
  stix_id: string;
  modified: string;
  spec_version: string;
  raw: string;
};

/** One page after `afterSeq`, plus one extra row that only tells whether there is more. */
export async function pageCollection(
  q: Queryable,
  actor: Actor,
  collectionId: string,
  f: TaxiiFilter,
  afterSeq: number,
  options: { manifestOnly?: boolean; stixId?: string } = {},
): Promise<{ rows: PageRow[]; more: boolean }> {
  const v = f.versions;
  const ids = options.stixId ? [options.stixId] : f.ids;
  const versionSql = `($9::boolean
      OR ($10::boolean AND NOT EXISTS (SELECT 1 FROM intel_objects o2 JOIN taxii_collection_objects c2 ON c2.object_pk = o2.pk
            AND c2.collection_id = c.collection_id WHERE o2.stix_id = o.stix_id AND o2.modified > o.modified))
      OR ($11::boolean AND NOT EXISTS (SELECT 1 FROM intel_objects o2 JOIN taxii_collection_objects c2 ON c2.object_pk = o2.pk
            AND c2.collection_id = c.collection_id WHERE o2.stix_id = o.stix_id AND o2.modified < o.modified))
      OR o.modified = ANY($12::timestamptz[]))`;
  const raw = options.manifestOnly ? "''" : 'o.raw';
  // Two plans. With ids, start from the stix_id index. Without, walk the (collection_id, seq) index in
  // order: LATERAL ... LIMIT 1 keeps PostgreSQL from flattening it into a hash join that sorts the
  // whole collection, so a page costs the same at 10k and 1M objects.
  const sql = ids
    ? `SELECT c.seq, to_char(c.date_added AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS date_added, o.stix_id, o.modified, o.spec_version, ${raw} AS raw
         FROM intel_objects o JOIN taxii_collection_objects c ON c.object_pk = o.pk AND c.collection_id = $3
        WHERE o.stix_id = ANY($6) AND c.seq > $4 AND ($5::timestamptz IS NULL OR c.date_added > $5)
          AND ($7::text[] IS NULL OR o.type = ANY($7)) AND ($8::text[] IS NULL OR o.spec_version = ANY($8))
          AND ${visibleToSql('o', 1, 2)} AND ${versionSql}
        ORDER BY c.seq LIMIT $13`
    : `SELECT c.seq, to_char(c.date_added AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS date_added, o.stix_id, o.modified, o.spec_version, o.raw
         FROM taxii_collection_objects c
         CROSS JOIN LATERAL (
           SELECT o.stix_id, o.modified, o.spec_version, ${raw} AS raw FROM intel_objects o
            WHERE o.pk = c.object_pk AND ($7::text[] IS NULL OR o.type = ANY($7)) AND ($8::text[] IS NULL OR o.spec_version = ANY($8))
              AND ${visibleToSql('o', 1, 2)} AND ${versionSql}
            LIMIT 1) o
        WHERE c.collection_id = $3 AND c.seq > $4 AND ($5::timestamptz IS NULL OR c.date_added > $5) AND $6::text[] IS NULL
        ORDER BY c.seq LIMIT $13`;
  const r = await q.query<PageRow>(sql, [
    ...visibilityArgs(actor),
    collectionId,
    afterSeq,
    f.addedAfter ?? null,
    ids ?? null,
    f.types ?? null,
    f.specVersions ?? null,
    v.all,
    v.last,
    v.first,
    v.timestamps,
    f.limit + 1,
  ]);
  const more = r.rows.length > f.limit;
  return { rows: more ? r.rows.slice(0, f.limit) : r.rows, more };
}

/**
 * Adds stored object versions to a collection. The lock (held to commit) makes seq order equal commit
 * order, and date_added strictly increases with seq, so `added_after` resumes without losing ties.
 */
export async function addToCollection(
  tx: Queryable,
  collectionId: string,
  objectPks: number[],
): Promise<void> {
  if (objectPks.length === 0) {
    return;
  }
  await tx.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`taxii:${collectionId}`]);
  await tx.query(
    `INSERT INTO taxii_collection_objects (collection_id, object_pk, date_added)
     SELECT $1, pk, greatest(clock_timestamp(), (SELECT max(date_added) + interval '1 microsecond' FROM taxii_collection_objects
                                                 WHERE collection_id = $1)) + (n - 1) * interval '1 microsecond'
       FROM unnest($2::bigint[]) WITH ORDINALITY AS t(pk, n) ORDER BY n
     ON CONFLICT (collection_id, object_pk) DO NOTHING`,
    [collectionId, objectPks],
  );
}

export async function removeFromCollection(
  tx: Queryable,
  actor: Actor,
  collectionId: string,
  stixId: string,
  versions: string[] | undefined,
): Promise<number> {
  const r = await tx.query(
    `DELETE FROM taxii_collection_objects c USING intel_objects o
      WHERE c.object_pk = o.pk AND c.collection_id = $3 AND o.stix_id = $4 AND ($5::timestamptz[] IS NULL OR o.modified = ANY($5))
        AND ${visibleToSql('o', 1, 2)}`,
    [...visibilityArgs(actor), collectionId, stixId, versions ?? null],
  );
  return r.rowCount ?? 0;
}
