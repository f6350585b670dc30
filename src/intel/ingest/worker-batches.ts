// The main thread's side of a STIX import prepared on a worker thread (prepare-worker.ts): starts the
// worker, lends it two batches of credit (it prepares the next while the current one is written),
// prepares the few objects it deferred (unknown marking definitions, looked up in the database), and
// yields ready batches in file order.
import { Worker } from 'node:worker_threads';
import { workerCompileCache } from '../../platform/compile-cache.ts';
import type { Ctx } from '../../platform/context.ts';
import type { ImportRecord, ResumePoint } from './import-record.ts';
import { unpackObjects } from './batch-codec.ts';
import { findMarkingDefinitions } from './batch-store.ts';
import { defaultTlpOf, prepareBatch, type PreparedBatch } from './ingest-batch.ts';
import type { IngestOptions } from './ingest-types.ts';
import type { PrepareWorkerData, WorkerBatch, WorkerCredit, WorkerMessage } from './prepare-worker.ts';

export type ReadyBatch = { records: ImportRecord[]; prepared: PreparedBatch | undefined };

/** Batches the worker may prepare ahead of the one being written. */
const AHEAD = 2;

/** Unpacks a worker's batch, prepares what it deferred and merges it in, in object order. */
async function completeBatch(ctx: Ctx, options: IngestOptions, batch: WorkerBatch): Promise<ReadyBatch> {
  // The records a write still reads: the rejections and the last one (where the import resumes).
  const records = batch.last.kind === 'object' ? [...batch.rejections, batch.last] : batch.rejections;
  if (batch.objectCount === 0) {
    return { records, prepared: undefined };
  }
  const locators = batch.locators.split('\n');
  const prepared: PreparedBatch = {
    objectCount: batch.objectCount,
    results: batch.rejected,
    prepared: unpackObjects(batch.packed),
  };
  // Objects that waited for a marking definition later in their batch were packed last.
  if (
    prepared.prepared.some((p, i) => i > 0 && (prepared.prepared[i - 1] as { index: number }).index > p.index)
  ) {
    prepared.prepared.sort((a, b) => a.index - b.index);
  }
  for (const p of prepared.prepared) {
    prepared.results.push({
      index: p.index,
      locator: locators[p.index] as string,
      id: p.object.stixId,
      version: p.object.modified,
      outcome: 'added',
    });
  }
  if (batch.deferred.length > 0) {
    const extra = await prepareBatch(
      ctx.db,
      ctx,
      batch.deferredObjects,
      options,
      batch.deferred.map((i) => locators[i] as string),
    );
    for (const r of extra.results) {
      r.index = batch.deferred[r.index] as number;
    }
    for (const p of extra.prepared) {
      p.index = batch.deferred[p.index] as number;
    }
    prepared.results.push(...extra.results);
    prepared.prepared.push(...extra.prepared);
    prepared.prepared.sort((a, b) => a.index - b.index);
  }
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
  const worker = new Worker(new URL('./prepare-worker.ts', import.meta.url), {
    workerData: data,
    ...workerCompileCache(),
  });
  const inbox: WorkerMessage[] = [];
  let wake: (() => void) | undefined;
  const deliver = (m: WorkerMessage) => {
    inbox.push(m);
    wake?.();
  };
  worker.on('message', deliver);
  worker.on('error', (error: Error) => deliver({ type: 'error', message: error.message }));
  worker.on('exit', (code) =>
    deliver({ type: 'error', message: `the prepare worker stopped (exit code ${code})` }),
  );
  const credit: WorkerCredit = { type: 'take' };
  try {
    for (let i = 0; i < AHEAD; i += 1) {
      worker.postMessage(credit);
    }
    for (;;) {
      while (inbox.length === 0) {
        await new Promise<void>((resolve) => (wake = resolve));
      }
      const message = inbox.shift() as WorkerMessage;
      if (message.type === 'done') {
        return;
      }
      if (message.type === 'error') {
        throw new Error(`preparing the import failed: ${message.message}`);
      }
      worker.postMessage(credit);
      yield await completeBatch(ctx, options, message.batch);
    }
  } finally {
    worker.removeAllListeners();
    await worker.terminate();
  }
}
