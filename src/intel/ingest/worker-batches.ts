// The main thread's side of a STIX import prepared on a worker thread (prepare-worker.ts): reads and
// prepares the first records itself while the worker starts, then lends the worker two batches of
// credit (it prepares the next while the current one is written), prepares the few objects it
// deferred (unknown marking definitions, looked up in the database), and yields ready batches in file
// order.
import { acquirePrepareWorker, releasePrepareWorker } from './prepare-pool.ts';
import type { Ctx } from '../../platform/context.ts';
import type { ImportRecord, ResumePoint } from './import-record.ts';
import { isRecord } from '../stix/stix-record.ts';
import { unpackObjects } from './batch-codec.ts';
import { findMarkingDefinitions } from './batch-store.ts';
import { defaultTlpOf, prepareBatch, type PreparedBatch } from './ingest-batch.ts';
import { readStixRecords } from './stix-source.ts';
import type { IngestOptions } from './ingest-types.ts';
import type { PrepareWorkerData, WorkerBatch, WorkerMessage, WorkerRequest } from './prepare-worker.ts';

export type ReadyBatch = { records: ImportRecord[]; prepared: PreparedBatch | undefined };

/** Batches the worker may prepare ahead of the one being written. */
const AHEAD = 2;

/**
 * Records the main thread reads and prepares itself, as the import's first batch, while the worker
 * starts: a worker takes about 150 ms to load its modules, during which the database had nothing to
 * write (the first commit of a 100k import came at about 300 ms).
 */
const PRIMED_RECORDS = 1000;

/** The first records of the file, and whether they were all of it. */
async function readFirstRecords(
  path: string,
  resume: ResumePoint,
  count: number,
): Promise<{ records: ImportRecord[]; ended: boolean }> {
  const records: ImportRecord[] = [];
  for await (const record of readStixRecords(path, resume)) {
    records.push(record);
    if (records.length >= count) {
      return { records, ended: false };
    }
  }
  return { records, ended: true };
}

/**
 * Prepares a batch of records on this thread: its objects are validated and prepared (`adjust` may
 * change them first), its rejections are kept for the write.
 */
export async function prepareRecordBatch(
  ctx: Ctx,
  options: IngestOptions,
  records: ImportRecord[],
  adjust?: (objects: unknown[]) => Promise<void>,
): Promise<ReadyBatch> {
  const objects = records.flatMap((r) => (r.kind === 'object' ? [r] : []));
  if (objects.length === 0) {
    return { records, prepared: undefined };
  }
  const values = objects.map((o) => o.object);
  await adjust?.(values);
  const prepared = await prepareBatch(
    ctx.db,
    ctx,
    values,
    options,
    objects.map((o) => o.locator),
  );
  return { records, prepared };
}

/** Marking definitions among records (the worker must know those the main thread read for it). */
function markingDefinitions(records: readonly ImportRecord[]): [string, unknown][] {
  return records.flatMap((r) =>
    r.kind === 'object' &&
    isRecord(r.object) &&
    r.object.type === 'marking-definition' &&
    typeof r.object.id === 'string'
      ? [[r.object.id, r.object] as [string, unknown]]
      : [],
  );
}

/**
 * Unpacks a worker's batch, prepares what it deferred and merges it in, in object order. The results
 * are the rejections only (rejectionsOnly): an import reports nothing else per object.
 */
async function completeBatch(ctx: Ctx, options: IngestOptions, batch: WorkerBatch): Promise<ReadyBatch> {
  // The records a write still reads: the rejections and the last one (where the import resumes).
  const records = batch.last.kind === 'object' ? [...batch.rejections, batch.last] : batch.rejections;
  if (batch.objectCount === 0) {
    return { records, prepared: undefined };
  }
  const prepared: PreparedBatch = {
    objectCount: batch.objectCount,
    results: batch.rejected,
    rejectionsOnly: true,
    prepared: unpackObjects(batch.packed),
  };
  // Objects that waited for a marking definition later in their batch were packed last.
  if (
    prepared.prepared.some((p, i) => i > 0 && (prepared.prepared[i - 1] as { index: number }).index > p.index)
  ) {
    prepared.prepared.sort((a, b) => a.index - b.index);
  }
  if (batch.deferred.length > 0) {
    const extra = await prepareBatch(ctx.db, ctx, batch.deferredObjects, options, batch.deferredLocators);
    for (const r of extra.results) {
      if (r.outcome === 'rejected') {
        prepared.results.push({ ...r, index: batch.deferred[r.index] as number });
      }
    }
    for (const p of extra.prepared) {
      p.index = batch.deferred[p.index] as number;
    }
    prepared.prepared.push(...extra.prepared);
    prepared.prepared.sort((a, b) => a.index - b.index);
  }
  // Rejections of objects that waited for a marking definition came last.
  prepared.results.sort((a, b) => a.index - b.index);
  return { records, prepared };
}

export async function* workerBatches(
  ctx: Ctx,
  path: string,
  options: IngestOptions,
  resume: ResumePoint,
  batchSize: number,
): AsyncGenerator<ReadyBatch> {
  const first = await readFirstRecords(path, resume, Math.min(batchSize, PRIMED_RECORDS));
  const last = first.records.at(-1);
  if (first.ended) {
    // A file this short needs no worker.
    if (last) {
      yield await prepareRecordBatch(ctx, options, first.records);
    }
    return;
  }
  // Started (or taken idle) first: a new worker loads its modules while the rest is done here.
  const worker = acquirePrepareWorker();
  const inbox: WorkerMessage[] = [];
  let wake: (() => void) | undefined;
  const deliver = (m: WorkerMessage) => {
    inbox.push(m);
    wake?.();
  };
  const onError = (error: Error) => deliver({ type: 'error', message: error.message });
  const onExit = (code: number) =>
    deliver({ type: 'error', message: `the prepare worker stopped (exit code ${code})` });
  worker.on('message', deliver).on('error', onError).on('exit', onExit);
  const credit: WorkerRequest = { type: 'take' };
  let finished = false;
  try {
    const data: PrepareWorkerData = {
      path,
      // The worker goes on after the records read here.
      resume: last ? { position: last.position, records: last.ordinal } : resume,
      batchSize,
      context: {
        producerOrganisationId: options.producerOrganisationId,
        authorUserId: options.authorUserId,
        defaultTlp: await defaultTlpOf(ctx.db, options),
        audienceOrganisationIds: options.audienceOrganisationIds ?? [],
        audienceUserIds: options.audienceUserIds ?? [],
        nowIso: ctx.now().toISOString(),
      },
      storedMarkings: [
        ...(await findMarkingDefinitions(ctx.db, 'all')),
        ...markingDefinitions(first.records),
      ],
    };
    worker.postMessage({ type: 'start', data } satisfies WorkerRequest);
    for (let i = 0; i < AHEAD; i += 1) {
      worker.postMessage(credit);
    }
    // Prepared while the worker starts, and written while it prepares its first batch.
    yield await prepareRecordBatch(ctx, options, first.records);
    for (;;) {
      while (inbox.length === 0) {
        await new Promise<void>((resolve) => (wake = resolve));
      }
      const message = inbox.shift() as WorkerMessage;
      if (message.type === 'done') {
        finished = true;
        return;
      }
      if (message.type === 'error') {
        throw new Error(`preparing the import failed: ${message.message}`);
      }
      worker.postMessage(credit);
      yield await completeBatch(ctx, options, message.batch);
    }
  } finally {
    // Only these: Worker keeps listeners of its own on itself (removing all of them stops its messages).
    worker.off('message', deliver).off('error', onError).off('exit', onExit);
    if (finished) {
      // Kept for the next import, its modules loaded and its hot paths compiled.
      releasePrepareWorker(worker);
    } else {
      // Failed, or stopped midway: its state is that of an unfinished import.
      await worker.terminate();
    }
  }
}
