// SQL of imports: the import row (file, options, committed position and counts), its rejections,
// and the batch commit that moves the position in the same transaction as the batch's objects.
import type { Queryable } from '../../platform/db/pool.ts';
import type { Tlp } from '../../platform/access/tlp-policy.ts';
import type { IngestOutcome } from './ingest-types.ts';
import type { ImportFormat, ImportRow } from './import-view.ts';

export type NewImport = {
  id: string;
  organisationId: string;
  createdBy: string | null;
  format: ImportFormat;
  preset: string | null;
  fileName: string;
  filePath: string;
  bytes: number;
  tlp: Tlp | null;
  audienceOrganisationIds: string[];
  now: string;
};

export async function insertImport(q: Queryable, i: NewImport): Promise<ImportRow> {
  const r = await q.query<ImportRow>(
    `INSERT INTO intel_imports (id, organisation_id, created_by, format, preset, file_name, file_path, bytes, tlp,
       audience_organisation_ids, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING *`,
    [
      i.id,
      i.organisationId,
      i.createdBy,
      i.format,
      i.preset,
      i.fileName,
      i.filePath,
      i.bytes,
      i.tlp,
      i.audienceOrganisationIds,
      i.now,
    ],
  );
  return r.rows[0] as ImportRow;
}

export async function attachJob(q: Queryable, importId: string, jobId: string): Promise<void> {
  await q.query('UPDATE intel_imports SET job_id = $2 WHERE id = $1', [importId, jobId]);
}

export async function findImport(q: Queryable, id: string): Promise<ImportRow | undefined> {
  const r = await q.query<ImportRow>('SELECT * FROM intel_imports WHERE id = $1', [id]);
  return r.rows[0];
}

/** Imports of these organisations or created by this user, newest first ('all' for administrators). */
export async function findImportsFor(
  q: Queryable,
  organisationIds: string[] | 'all',
  userId: string,
  limit: number,
): Promise<ImportRow[]> {
  const r = await q.query<ImportRow>(
    `SELECT * FROM intel_imports WHERE $1::uuid[] IS NULL OR organisation_id = ANY($1) OR created_by = $2
      ORDER BY created_at DESC, id LIMIT $3`,
    [organisationIds === 'all' ? null : organisationIds, userId, limit],
  );
  return r.rows;
}

export type Rejection = { locator: string; reason: string; code: string };

/**
 * Records a committed batch: where the next batch starts, how many records were read, what the
 * batch did, and each record it rejected. Runs in the batch's transaction.
 */
export async function commitImportBatch(
  q: Queryable,
  importId: string,
  position: { bytesOrRecords: number; records: number },
  counts: Record<IngestOutcome, number>,
  rejections: Rejection[],
): Promise<void> {
  await q.query(
    `UPDATE intel_imports SET committed_position = $2, committed_records = $3, added = added + $4,
       new_version = new_version + $5, older_version = older_version + $6, duplicate = duplicate + $7,
       rejected = rejected + $8
     WHERE id = $1`,
    [
      importId,
      position.bytesOrRecords,
      position.records,
      counts.added,
      counts['new-version'],
      counts['older-version'],
      counts.duplicate,
      counts.rejected,
    ],
  );
  if (rejections.length > 0) {
    await q.query(
      `INSERT INTO intel_import_rejections (import_id, locator, reason, code)
       SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[])`,
      [
        importId,
        rejections.map((r) => r.locator),
        rejections.map((r) => r.reason),
        rejections.map((r) => r.code),
      ],
    );
  }
}

export async function findRejections(
  q: Queryable,
  importId: string,
  afterId: number,
  limit: number,
): Promise<(Rejection & { id: number })[]> {
  const r = await q.query<Rejection & { id: number }>(
    `SELECT id, locator, reason, code FROM intel_import_rejections WHERE import_id = $1 AND id > $2 ORDER BY id LIMIT $3`,
    [importId, afterId, limit],
  );
  return r.rows;
}

/** Runs of consecutive pks as an int8multirange literal: `[1,4,5,9]` → `{[1,2),[4,6),[9,10)}`. */
export function pkRunsLiteral(ascendingPks: readonly number[]): string {
  const runs: string[] = [];
  let start: number | undefined;
  let end = 0;
  for (const pk of ascendingPks) {
    if (start !== undefined && pk === end) {
      end += 1;
      continue;
    }
    if (start !== undefined) {
      runs.push(`[${start},${end})`);
    }
    start = pk;
    end = pk + 1;
  }
  if (start !== undefined) {
    runs.push(`[${start},${end})`);
  }
  return `{${runs.join(',')}}`;
}

export type BatchHoldings = {
  /** The pks the batch wrote, ascending. */
  writtenPks: readonly number[];
  /** The pks of the stored latest objects its duplicates matched, ascending (from the ingest core). */
  matchedPks: readonly number[];
};

/**
 * Records what a committed batch stored and matched, as one int8multirange row (see the migration
 * routeimport_batches). Runs in the batch's transaction: one INSERT of a literal, nothing looked up
 * (the ingest core already knows the pks its duplicates matched).
 */
export async function recordImportBatch(q: Queryable, importId: string, h: BatchHoldings): Promise<void> {
  const all = mergeAscending(h.writtenPks, h.matchedPks);
  if (all.length === 0) {
    return;
  }
  await q.query('INSERT INTO intel_import_batches (import_id, pks) VALUES ($1, $2::int8multirange)', [
    importId,
    pkRunsLiteral(all),
  ]);
}

/** Two ascending lists as one, without repeats. */
function mergeAscending(a: readonly number[], b: readonly number[]): number[] {
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const next = j >= b.length || (i < a.length && (a[i] as number) <= (b[j] as number)) ? a[i++] : b[j++];
    if (out.at(-1) !== next) {
      out.push(next as number);
    }
  }
  return out;
}
