// The `intel.import` job: reads an import's file as records, ingests them in batches, and commits
// each batch with the import's position, counts and rejections in the same transaction, so a job
// resumed after a crash starts exactly after the last committed batch. Two batches are written at once
// (batch-gate.ts), and the next one is read while they are.
import type { Ctx } from '../../platform/context.ts';
import type { Actor } from '../../platform/access/policy.ts';
import { inTransaction, type Queryable } from '../../platform/db/pool.ts';
import { actorOf } from '../../platform/identity/present.ts';
import { findMemberships, findUserById } from '../../platform/identity/store.ts';
import type { JobHandler, Progress } from '../../platform/jobs/runner.ts';
import { resolveCsvMapping } from './csv-mapping.ts';
import { readCsvRecords, UNDATED_ROWS } from './csv-source.ts';
import type { ImportRecord, ResumePoint } from './import-record.ts';
import { commitImportBatch, findImport, recordImportBatch, type Rejection } from './import-store.ts';
import type { ImportRow } from './import-view.ts';
import { prepareBatch, writePreparedBatch } from './ingest-batch.ts';
import { emptyCounts, INGEST_OUTCOMES, type IngestOptions } from './ingest-types.ts';
import { readMispRecords } from './misp-source.ts';
import { readStixRecords } from './stix-source.ts';
import { workerBatches, type ReadyBatch } from './worker-batches.ts';
import { gateAfter, startInFlight, type BatchGate, type InFlight } from './batch-gate.ts';

export const IMPORT_JOB_KIND = 'intel.import';
/**
 * STIX files from this size on are prepared on a worker thread (worker-batches.ts); smaller ones, most
 * uploads, are done before a worker would have loaded its modules (a few hundred milliseconds).
 */
export const WORKER_MIN_BYTES = 4 * 1024 * 1024;
// Larger batches amortise the fixed round trips of a transaction (about a dozen) over more objects.
export const IMPORT_BATCH_SIZE = 5000;

/** A custom CSV mapping is stored in the preset column as `custom:<mapping>`. */
export function splitPreset(preset: string | null): { preset: string | null; columns: string | null } {
  return preset?.startsWith('custom:')
    ? { preset: null, columns: preset.slice('custom:'.length) }
    : { preset, columns: null };
}

export function openRecords(row: ImportRow, resume: ResumePoint): AsyncGenerator<ImportRecord> {
  switch (row.format) {
    case 'stix':
      return readStixRecords(row.file_path, resume);
    case 'misp':
      return readMispRecords(row.file_path, resume);
    case 'csv': {
      const { preset, columns } = splitPreset(row.preset);
      return readCsvRecords(row.file_path, resume, {
        mapping: resolveCsvMapping(preset, columns),
        producerOrganisationId: row.organisation_id,
        fallbackTime: new Date(row.created_at).toISOString(),
      });
    }
  }
}

async function importActor(ctx: Ctx, row: ImportRow): Promise<Actor> {
  const user = row.created_by === null ? undefined : await findUserById(ctx.db, row.created_by);
  if (!user) {
    throw new Error(`import ${row.id}: the user who started it no longer exists`);
  }
  return actorOf(user, await findMemberships(ctx.db, user.id), 'session');
}

/** Undated feed rows already stored keep their stored version, so importing a list again adds nothing. */
async function reuseStoredVersions(tx: Queryable, objects: unknown[]): Promise<void> {
  const undated = objects.flatMap((o, i) =>
    typeof o === 'object' && o !== null && UNDATED_ROWS.has(o)
      ? [{ i, id: String((o as { id: unknown }).id) }]
      : [],
  );
  if (undated.length === 0) {
    return;
  }
  const r = await tx.query<{ stix_id: string; raw: string }>(
    'SELECT stix_id, raw FROM intel_objects WHERE stix_id = ANY($1::text[]) AND is_latest',
    [undated.map((u) => u.id)],
  );
  const stored = new Map(r.rows.map((row) => [row.stix_id, row.raw]));
  for (const u of undated) {
    const raw = stored.get(u.id);
    if (raw !== undefined) {
      objects[u.i] = JSON.parse(raw) as unknown;
    }
  }
}

/** Validates and prepares a batch outside any transaction, so it overlaps the previous batch's write. */
async function prepareRecords(
  ctx: Ctx,
  row: ImportRow,
  options: IngestOptions,
  records: ImportRecord[],
): Promise<ReadyBatch> {
  const objects = records.flatMap((r) => (r.kind === 'object' ? [r] : []));
  if (objects.length === 0) {
    return { records, prepared: undefined };
  }
  const values = objects.map((o) => o.object);
  if (row.format === 'csv') {
    await reuseStoredVersions(ctx.db, values);
  }
  const prepared = await prepareBatch(
    ctx.db,
    ctx,
    values,
    options,
    objects.map((o) => o.locator),
  );
  return { records, prepared };
}

/** Reads and prepares batches on this thread (CSV and MISP, whose preparation reads the database). */
async function* mainThreadBatches(
  ctx: Ctx,
  row: ImportRow,
  options: IngestOptions,
  resume: ResumePoint,
  batchSize: number,
): AsyncGenerator<ReadyBatch> {
  let batch: ImportRecord[] = [];
  for await (const record of openRecords(row, resume)) {
    batch.push(record);
    if (batch.length >= batchSize) {
      yield await prepareRecords(ctx, row, options, batch);
      batch = [];
    }
  }
  if (batch.length > 0) {
    yield await prepareRecords(ctx, row, options, batch);
  }
}

async function commitBatch(
  ctx: Ctx,
  actor: Actor,
  row: ImportRow,
  options: IngestOptions,
  batch: ReadyBatch,
  gate: BatchGate | undefined,
): Promise<void> {
  const rejections: Rejection[] = batch.records.flatMap((r) =>
    r.kind === 'rejection' ? [{ locator: r.locator, reason: r.reason, code: r.code }] : [],
  );
  const last = batch.records.at(-1) as ImportRecord;
  await inTransaction(ctx.db, async (tx) => {
    // A batch's commit need not wait for its WAL to reach the disk: after a crash, batches lost this
    // way lose their checkpoint with them (same transaction) and the resumed import writes them again;
    // a later synchronous commit (the job's end) flushes them all.
    // A batch idle until the one before it commits (batch-gate.ts) holds its row locks meanwhile; should a
    // third writer wait on those while the one before waits on that writer, no detector sees the cycle:
    // the lock timeout ends it (the import fails, and its job resumes after the last committed batch).
    await tx.query("SET LOCAL synchronous_commit = off; SET LOCAL lock_timeout = '60s'");
    const counts = emptyCounts();
    counts.rejected += rejections.length;
    if (batch.prepared) {
      const result = await writePreparedBatch(tx, ctx, actor, batch.prepared, options, {}, gate);
      for (const outcome of INGEST_OUTCOMES) {
        counts[outcome] += result.counts[outcome];
      }
      for (const r of result.results) {
        if (r.outcome === 'rejected') {
          rejections.push({
            locator: r.locator,
            reason: r.reason ?? 'rejected',
            code: r.code ?? 'INTEL_OBJECT_INVALID',
          });
        }
      }
      // What the batch stored and matched, for routing the import later (a feed imported again adds
      // nothing, but still lists today's addresses).
      await recordImportBatch(tx, row.id, { writtenPks: result.pks, matchedPks: result.matchedPks });
    }
    // Checkpoints commit in file order (batch-gate.ts); a batch of rejections alone waits here.
    await gate?.previousCommitted;
    await commitImportBatch(
      tx,
      row.id,
      { bytesOrRecords: last.position, records: last.ordinal },
      counts,
      rejections,
    );
  });
}

/**
 * Runs (or resumes) one import; `progress` gets the position after every committed batch. `inFlight`
 * 1 writes one batch after the other (tests compare it with two).
 */
export async function runImport(
  ctx: Ctx,
  importId: string,
  progress: (p: Progress, force?: boolean) => Promise<void>,
  batchSize = IMPORT_BATCH_SIZE,
  prepareOn: 'auto' | 'worker' | 'main' = 'auto',
  inFlight: 1 | 2 = 2,
): Promise<Record<string, unknown>> {
  const row = await findImport(ctx.db, importId);
  if (!row) {
    throw new Error(`no import ${importId}`);
  }
  const actor = await importActor(ctx, row);
  const options: IngestOptions = {
    producerOrganisationId: row.organisation_id,
    authorUserId: row.created_by,
    ...(row.tlp ? { defaultTlp: row.tlp } : {}),
    audienceOrganisationIds: row.audience_organisation_ids,
    source: { kind: 'file', ref: row.id },
  };
  const total = row.format === 'misp' ? null : row.bytes;
  const resume = { position: row.committed_position, records: row.committed_records };
  const flush = async (ready: ReadyBatch, gate: BatchGate | undefined) => {
    await commitBatch(ctx, actor, row, options, ready, gate);
    // Progress, too, in file order: the batch before has reported once it has committed.
    await gate?.previousCommitted;
    const last = ready.records.at(-1) as ImportRecord;
    await progress({
      done: last.position,
      total,
      message: `${last.ordinal} record(s) read`,
      checkpoint: { position: last.position, records: last.ordinal },
    });
  };
  const onWorker =
    row.format === 'stix' &&
    (prepareOn === 'worker' || (prepareOn === 'auto' && row.bytes >= WORKER_MIN_BYTES));
  const source = onWorker
    ? workerBatches(ctx, row.file_path, options, resume, batchSize)
    : mainThreadBatches(ctx, row, options, resume, batchSize);
  // Two batches in flight (batch-gate.ts), while the next is read and prepared (pulled from the source).
  let previous: InFlight | undefined;
  const written: Promise<void>[] = [];
  try {
    for await (const ready of source) {
      // A third batch waits for the first of the two in flight (with one in flight: for the one before).
      await written.at(-inFlight);
      const current = startInFlight(ready.prepared?.prepared ?? []);
      if (ready.prepared) {
        ready.prepared.distinct = current.distinct;
      }
      const gate = inFlight === 2 ? gateAfter(previous, current) : undefined;
      const done = flush(ready, gate).finally(() => current.valuesInterned.resolve());
      done.then(current.committed.resolve, current.committed.reject);
      // Awaited later; until then its failure must not count as unhandled.
      done.catch(() => {});
      written.push(done);
      previous = current;
    }
  } finally {
    // Nothing may still be writing when the import ends or fails.
    await Promise.allSettled(written);
  }
  await Promise.all(written);
  const done = (await findImport(ctx.db, importId)) as ImportRow;
  return {
    importId,
    added: done.added,
    newVersion: done.new_version,
    olderVersion: done.older_version,
    duplicate: done.duplicate,
    rejected: done.rejected,
  };
}

export function importJobHandler(ctx: Ctx): JobHandler {
  return ({ job, progress }) => runImport(ctx, String(job.payload.importId), progress);
}
