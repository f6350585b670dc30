// SQL of the ingest core: a batch of prepared objects written with a handful of multi-row
// statements (unnest), whatever its size: current versions locked, old latest versions demoted,
// new versions inserted, and correlation links moved to the latest versions with capped counts.
import { copyBinaryRows, type CopyWriter } from '../../platform/db/copy-binary.ts';
import { writeOrOnConflict, type Queryable, type Tx } from '../../platform/db/pool.ts';
import { textArrayParam } from '../../platform/db/array-param.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import { CORRELATION_CAP } from '../store.ts';
import { OBJECT_COPY_COLUMNS, writeObjectRow } from './object-copy-row.ts';
import type { BatchObject } from './prepare-object.ts';

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
    [textArrayParam(stixIds)],
  );
  return new Map(r.rows.map((row) => [row.stix_id, { pk: row.pk, micros: Number(row.micros) }]));
}

/** For each dedupe key, a latest object of the same producer already carrying it (id and pk). */
export async function findDedupeHolders(
  tx: Queryable,
  producerOrganisationId: string,
  keys: string[],
): Promise<Map<string, { stixId: string; pk: number }>> {
  if (keys.length === 0) {
    return new Map();
  }
  const r = await tx.query<{ dedupe_key: string; stix_id: string; pk: number }>(
    // One index probe per key (LATERAL), whatever the planner thinks of the producer's row count.
    `SELECT k.key AS dedupe_key, h.stix_id, h.pk FROM unnest($1::text[]) AS k(key)
       CROSS JOIN LATERAL (SELECT stix_id, pk FROM intel_objects
                            WHERE producer_organisation_id = $2 AND dedupe_key = k.key AND is_latest
                            ORDER BY pk LIMIT 1) h`,
    [textArrayParam(keys), producerOrganisationId],
  );
  return new Map(r.rows.map((row) => [row.dedupe_key, { stixId: row.stix_id, pk: row.pk }]));
}

/**
 * Marking definitions already stored, for resolving the TLP of objects that reference them: those of
 * `ids`, or all of them (what an import's worker thread starts with).
 */
export async function findMarkingDefinitions(
  tx: Queryable,
  ids: string[] | 'all',
): Promise<Map<string, unknown>> {
  if (ids !== 'all' && ids.length === 0) {
    return new Map();
  }
  const r = await tx.query<{ stix_id: string; raw: string }>(
    `SELECT stix_id, raw FROM intel_objects
      WHERE ($1::text[] IS NULL OR stix_id = ANY($1::text[])) AND type = 'marking-definition' AND is_latest`,
    [ids === 'all' ? null : ids],
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

/** `count` ids drawn from a sequence (its name a constant of the caller's). */
export async function drawSequenceIds(
  tx: Queryable,
  sequence: 'intel_objects_pk_seq' | 'intel_values_id_seq',
  count: number,
): Promise<number[]> {
  // One row of text rather than a row per id: the writer parses one field, not thousands of rows.
  const r = await tx.query<{ ids: string }>(
    `SELECT array_to_string(array_agg(nextval('${sequence}')), ',') AS ids FROM generate_series(1, $1)`,
    [count],
  );
  return (r.rows[0] as { ids: string }).ids.split(',').map(Number);
}

export type WriteRow = { object: BatchObject; isLatest: boolean };

/**
 * Older versions of stored ids that are already stored (a file imported again). Only those can
 * collide with a stored row: a latest version is newer than anything stored for its id, and an id
 * with no latest version has no row at all.
 */
async function storedOlderVersions(tx: Queryable, rows: readonly WriteRow[]): Promise<Set<string>> {
  const older = new Set<string>();
  for (const row of rows) {
    if (!row.isLatest) {
      older.add(row.object.stixId);
    }
  }
  if (older.size === 0) {
    return older;
  }
  const r = await tx.query<{ stix_id: string; micros: number }>(
    `SELECT stix_id, ${MICROS} AS micros FROM intel_objects WHERE stix_id = ANY($1::text[])`,
    [[...older]],
  );
  return new Set(r.rows.map((row) => `${row.stix_id} ${Number(row.micros)}`));
}

/**
 * Inserts versions; returns the pk of each row, in the rows' order (undefined: already stored, or
 * stored by a concurrent batch). The pks are drawn from the sequence first and the rows go in with
 * one COPY. A concurrent batch may have stored the same new id meanwhile (a unique violation, or a
 * deadlock): then the COPY is undone to a savepoint, and the rows go through a temporary table and
 * INSERT … ON CONFLICT DO NOTHING, which skips what the other stored.
 */
export async function insertVersions(tx: Tx, all: readonly WriteRow[]): Promise<(number | undefined)[]> {
  const stored = await storedOlderVersions(tx, all);
  const rows = stored.size === 0 ? all : all.filter((r) => !stored.has(versionKey(r)));
  if (rows.length === 0) {
    return all.map(() => undefined);
  }
  const pks = await drawSequenceIds(tx, 'intel_objects_pk_seq', rows.length);
  const encode = (i: number, w: CopyWriter) => {
    const row = rows[i] as WriteRow;
    writeObjectRow(w, pks[i] as number, row.object.row, row.isLatest);
  };
  return writeOrOnConflict(
    tx,
    async () => {
      await copyBinaryRows(tx, 'intel_objects', OBJECT_COPY_COLUMNS, rows.length, encode);
      return rows === all ? pks : pksAmong(all, rows, pks);
    },
    async () => {
      const inserted = await insertVersionsOnConflict(tx, rows.length, encode);
      return all.map((row) => inserted.get(versionKey(row)));
    },
  );
}

/** The pks of `rows` (a subsequence of `all`) placed at their rows' places in `all`. */
function pksAmong(
  all: readonly WriteRow[],
  rows: readonly WriteRow[],
  pks: number[],
): (number | undefined)[] {
  // Only a file imported again gets here: the rows that were new, in order, among all.
  const pkOf = all.map((): number | undefined => undefined);
  for (let i = 0, k = 0; i < all.length; i += 1) {
    if (all[i] === rows[k]) {
      pkOf[i] = pks[k];
      k += 1;
    }
  }
  return pkOf;
}

const versionKey = (row: WriteRow) => `${row.object.stixId} ${row.object.modifiedMicros}`;

/** The fallback of insertVersions: the same rows through a temporary table, skipping conflicts. */
async function insertVersionsOnConflict(
  tx: Tx,
  count: number,
  encode: (i: number, w: CopyWriter) => void,
): Promise<Map<string, number>> {
  await tx.query(
    `CREATE TEMPORARY TABLE IF NOT EXISTS intel_objects_incoming (LIKE intel_objects INCLUDING DEFAULTS)
       ON COMMIT DELETE ROWS`,
  );
  await tx.query('TRUNCATE intel_objects_incoming');
  await copyBinaryRows(tx, 'intel_objects_incoming', OBJECT_COPY_COLUMNS, count, encode);
  const r = await tx.query<{ pk: number; stix_id: string; micros: number }>(
    `INSERT INTO intel_objects SELECT * FROM intel_objects_incoming ORDER BY pk
     ON CONFLICT DO NOTHING RETURNING pk, stix_id, ${MICROS} AS micros`,
  );
  return new Map(r.rows.map((row) => [`${row.stix_id} ${Number(row.micros)}`, row.pk]));
}
