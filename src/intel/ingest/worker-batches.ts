// The main thread's side of a STIX import prepared on a worker thread (prepare-worker.ts): takes a
// worker (prepare-pool.ts), lends it two batches of credit (it prepares the next while the current one
// is written), prepares the few objects it deferred (unknown marking definitions, looked up in the
// database), and yields ready batches in file order.
import { acquirePrepareWorker, releasePrepareWorker } from './prepare-pool.ts';
import type { Ctx } from '../../platform/context.ts';
import type { ImportRecord, ResumePoint } from './import-record.ts';
import { unpackObjects } from './batch-codec.ts';
import { findMarkingDefinitions } from './batch-store.ts';
import { defaultTlpOf, prepareBatch, type PreparedBatch } from './ingest-batch.ts';
import type { IngestOptions } from './ingest-types.ts';
import type { PrepareWorkerData, WorkerBatch, WorkerMessage, WorkerRequest } from './prepare-worker.ts';

export type ReadyBatch = { records: ImportRecord[]; prepared: PreparedBatch | undefined };

/** Batches the worker may prepare ahead of the one being written. */
const AHEAD = 2;

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
      resume,
      batchSize,
      context: {
        producerOrganisationId: options.producerOrganisationId,
        authorUserId: options.authorUserId,
        defaultTlp: await defaultTlpOf(ctx.db, options),
        audienceOrganisationIds: options.audienceOrganisationIds ?? [],
        audienceUserIds: options.audienceUserIds ?? [],
        nowIso: ctx.now().toISOString(),
      },
      storedMarkings: [...(await findMarkingDefinitions(ctx.db, 'all'))],
    };
    worker.postMessage({ type: 'start', data } satisfies WorkerRequest);
    for (let i = 0; i < AHEAD; i += 1) {
      worker.postMessage(credit);
    }
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
