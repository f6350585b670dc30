// SQL of the ingest core: a batch of prepared objects written with a handful of multi-row
// statements (unnest), whatever its size: current versions locked, old latest versions demoted,
// new versions inserted, and correlation links moved to the latest versions with capped counts.
import { copyRows, isConcurrentWriteConflict, textArrayLiteral } from '../../platform/db/copy-rows.ts';
import type { Queryable, Tx } from '../../platform/db/pool.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import { CORRELATION_CAP } from '../store.ts';
import { audienceFields, OBJECT_COPY_COLUMNS, objectCopyRow } from './object-copy-row.ts';
import type { PreparedObject } from './prepare-object.ts';

/** Rows per INSERT statement: bounds the size of one statement's parameters. */
const CHUNK = 5000;

export type LatestVersion = { pk: number; micros: number };

const MICROS = 'floor(extract(epoch FROM modified) * 1000000)::bigint';

/**
 * The producer and author every row of a batch carries, checked once for the batch (the rows have no
 * foreign keys: see the migration ingest_fast_write).
 */
export async function assertProducerAndAuthor(
  tx: Queryable,
  producerOrganisationId: string,
  authorUserId: string | null,
): Promise<void> {
  const r = await tx.query<{ producer: boolean; author: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM organisations WHERE id = $1) AS producer,
            ($2::uuid IS NULL OR EXISTS (SELECT 1 FROM users WHERE id = $2)) AS author`,
    [producerOrganisationId, authorUserId],
  );
  const row = r.rows[0] as { producer: boolean; author: boolean };
  if (!row.producer) {
    throw new AppError('PLATFORM_UNKNOWN_ORGANISATION', `no organisation ${producerOrganisationId}`);
  }
  if (!row.author) {
    throw new AppError('PLATFORM_UNKNOWN_USER', `no user ${String(authorUserId)} to record as the author`);
  }
}

/** The latest stored version of each id, locked until the batch commits. */
export async function lockLatestVersions(
  tx: Queryable,
  stixIds: string[],
): Promise<Map<string, LatestVersion>> {
  const r = await tx.query<{ stix_id: string; pk: number; micros: number }>(
    `SELECT stix_id, pk, ${MICROS} AS micros FROM intel_objects
      WHERE stix_id = ANY($1::text[]) AND is_latest ORDER BY stix_id FOR UPDATE`,
    [stixIds],
  );
  return new Map(r.rows.map((row) => [row.stix_id, { pk: row.pk, micros: Number(row.micros) }]));
}

/** For each dedupe key, a latest object of the same producer already carrying it. */
export async function findDedupeHolders(
  tx: Queryable,
  producerOrganisationId: string,
  keys: string[],
): Promise<Map<string, string>> {
  if (keys.length === 0) {
    return new Map();
  }
  const r = await tx.query<{ dedupe_key: string; stix_id: string }>(
    // One index probe per key (LATERAL), whatever the planner thinks of the producer's row count.
    `SELECT k.key AS dedupe_key, h.stix_id FROM unnest($1::text[]) AS k(key)
       CROSS JOIN LATERAL (SELECT stix_id FROM intel_objects
                            WHERE producer_organisation_id = $2 AND dedupe_key = k.key AND is_latest
                            ORDER BY pk LIMIT 1) h`,
    [keys, producerOrganisationId],
  );
  return new Map(r.rows.map((row) => [row.dedupe_key, row.stix_id]));
}

/** Marking definitions already stored, for resolving the TLP of objects that reference them. */
export async function findMarkingDefinitions(tx: Queryable, ids: string[]): Promise<Map<string, unknown>> {
  if (ids.length === 0) {
    return new Map();
  }
  const r = await tx.query<{ stix_id: string; raw: string }>(
    `SELECT stix_id, raw FROM intel_objects WHERE stix_id = ANY($1::text[]) AND type = 'marking-definition' AND is_latest`,
    [ids],
  );
  return new Map(r.rows.map((row) => [row.stix_id, JSON.parse(row.raw) as unknown]));
}

/** Demotes superseded latest versions and takes their correlation links away (counts follow). */
export async function demoteVersions(tx: Queryable, pks: number[]): Promise<void> {
  if (pks.length === 0) {
    return;
  }
  await tx.query('UPDATE intel_objects SET is_latest = false WHERE pk = ANY($1::bigint[])', [pks]);
  await tx.query(
    `WITH gone AS (DELETE FROM intel_object_values WHERE object_pk = ANY($1::bigint[]) RETURNING value_id),
          n AS (SELECT value_id, count(*)::int AS n FROM gone GROUP BY value_id)
     UPDATE intel_values v SET object_count = v.object_count - n.n, over_correlating = v.object_count - n.n > $2
       FROM n WHERE v.id = n.value_id`,
    [pks, CORRELATION_CAP],
  );
}

export type WriteRow = { object: PreparedObject; isLatest: boolean };

/**
 * Older versions of stored ids that are already stored (a file imported again). Only those can
 * collide with a stored row: a latest version is newer than anything stored for its id, and an id
 * with no latest version has no row at all.
 */
async function storedOlderVersions(tx: Queryable, rows: WriteRow[]): Promise<Set<string>> {
  const older = [...new Set(rows.flatMap((r) => (r.isLatest ? [] : [r.object.stixId])))];
  if (older.length === 0) {
    return new Set();
  }
  const r = await tx.query<{ stix_id: string; micros: number }>(
    `SELECT stix_id, ${MICROS} AS micros FROM intel_objects WHERE stix_id = ANY($1::text[])`,
    [older],
  );
  return new Set(r.rows.map((row) => `${row.stix_id} ${Number(row.micros)}`));
}

/**
 * Inserts versions; returns the pk of each inserted row by `stixId micros` (absent: already stored).
 * The pks are drawn from the sequence first and the rows go in with one COPY. A concurrent batch may
 * have stored the same new id meanwhile (a unique violation): then the COPY is undone to a savepoint
 * and the rows go in with INSERT … ON CONFLICT DO NOTHING, which skips what the other stored.
 */
export async function insertVersions(
  tx: Tx,
  all: WriteRow[],
  audience: { organisationIds: string[]; userIds: string[] },
): Promise<Map<string, number>> {
  const stored = await storedOlderVersions(tx, all);
  const rows = all.filter((r) => !stored.has(`${r.object.stixId} ${r.object.modifiedMicros}`));
  if (rows.length === 0) {
    return new Map();
  }
  const r = await tx.query<{ pk: number }>(
    "SELECT nextval('intel_objects_pk_seq') AS pk FROM generate_series(1, $1)",
    [rows.length],
  );
  const pks = r.rows.map((row) => row.pk);
  const shared = audienceFields(audience);
  await tx.query('SAVEPOINT intel_copy_versions');
  try {
    await copyRows(tx, 'intel_objects', OBJECT_COPY_COLUMNS, rows.length, (i) =>
      objectCopyRow(pks[i] as number, (rows[i] as WriteRow).object, (rows[i] as WriteRow).isLatest, shared),
    );
    await tx.query('RELEASE SAVEPOINT intel_copy_versions');
  } catch (error) {
    if (!isConcurrentWriteConflict(error)) {
      throw error;
    }
    await tx.query('ROLLBACK TO SAVEPOINT intel_copy_versions');
    return insertVersionsOnConflict(tx, rows, audience);
  }
  return new Map(
    rows.map((row, i) => [`${row.object.stixId} ${row.object.modifiedMicros}`, pks[i] as number]),
  );
}

/**
 * The fallback of insertVersions when COPY met a concurrent writer: a multi-row INSERT that skips
 * the rows another transaction stored first. Returns the pk of each inserted row by `stixId micros`.
 */
async function insertVersionsOnConflict(
  tx: Queryable,
  rows: WriteRow[],
  audience: { organisationIds: string[]; userIds: string[] },
): Promise<Map<string, number>> {
  const inserted = new Map<string, number>();
  for (let start = 0; start < rows.length; start += CHUNK) {
    const chunk = rows.slice(start, start + CHUNK);
    const column = <T>(pick: (o: PreparedObject) => T) => chunk.map((r) => pick(r.object));
    const r = await tx.query<{ pk: number; stix_id: string; micros: number }>(
      `INSERT INTO intel_objects (stix_id, type, spec_version, created, modified, revoked, valid_from, valid_until,
         created_by_ref, producer_organisation_id, author_user_id, tlp, audience_organisation_ids, audience_user_ids,
         name, labels, dedupe_key, raw, is_latest)
       SELECT t.stix_id, t.type, t.spec_version, t.created, t.modified, t.revoked, t.valid_from, t.valid_until,
              t.created_by_ref, t.producer, t.author, t.tlp, $15::uuid[], $16::uuid[], t.name, t.labels::text[],
              t.dedupe_key, t.raw, t.is_latest
         FROM unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[], $5::timestamptz[], $6::boolean[],
                     $7::timestamptz[], $8::timestamptz[], $9::text[], $10::uuid[], $11::uuid[], $12::text[],
                     $13::text[], $14::text[], $17::text[], $18::text[], $19::boolean[])
           AS t(stix_id, type, spec_version, created, modified, revoked, valid_from, valid_until, created_by_ref,
                producer, author, tlp, name, labels, dedupe_key, raw, is_latest)
       ON CONFLICT DO NOTHING
       RETURNING pk, stix_id, ${MICROS} AS micros`,
      [
        column((o) => o.stixId),
        column((o) => o.type),
        column((o) => o.specVersion),
        column((o) => o.created),
        column((o) => o.modified),
        column((o) => o.revoked),
        column((o) => o.validFrom),
        column((o) => o.validUntil),
        column((o) => o.createdByRef),
        column((o) => o.producerOrganisationId),
        column((o) => o.authorUserId),
        column((o) => o.tlp),
        column((o) => o.name),
        column((o) => textArrayLiteral(o.labels)),
        audience.organisationIds,
        audience.userIds,
        column((o) => o.dedupeKey),
        column((o) => o.raw),
        chunk.map((r) => r.isLatest),
      ],
    );
    for (const row of r.rows) {
      inserted.set(`${row.stix_id} ${Number(row.micros)}`, row.pk);
    }
  }
  return inserted;
}
