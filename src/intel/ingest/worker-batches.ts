// The main thread's side of a STIX import prepared on a worker thread (prepare-worker.ts): starts the
// worker, lends it two batches of credit (it prepares the next while the current one is written),
// prepares the few objects it deferred (unknown marking definitions, looked up in the database), and
// yields ready batches in file order.
import { Worker } from 'node:worker_threads';
import type { Ctx } from '../../platform/context.ts';
import type { ImportRecord, ResumePoint } from './import-record.ts';
import { defaultTlpOf, prepareBatch, type PreparedBatch } from './ingest-batch.ts';
import type { IngestOptions } from './ingest-types.ts';
import type { PrepareWorkerData, WorkerBatch, WorkerCredit, WorkerMessage } from './prepare-worker.ts';

export type ReadyBatch = { records: ImportRecord[]; prepared: PreparedBatch | undefined };

/** Batches the worker may prepare ahead of the one being written. */
const AHEAD = 2;

async function storedMarkings(ctx: Ctx): Promise<[string, unknown][]> {
  const r = await ctx.db.query<{ stix_id: string; raw: string }>(
    "SELECT stix_id, raw FROM intel_objects WHERE type = 'marking-definition' AND is_latest",
  );
  return r.rows.map((row) => [row.stix_id, JSON.parse(row.raw) as unknown]);
}

/** Prepares what the worker deferred and merges it into the batch, in object order. */
async function completeBatch(ctx: Ctx, options: IngestOptions, batch: WorkerBatch): Promise<ReadyBatch> {
  const objects = batch.records.filter((r) => r.kind === 'object');
  if (objects.length === 0) {
    return { records: batch.records, prepared: undefined };
  }
  for (const p of batch.prepared.prepared) {
    batch.prepared.results.push({
      index: p.index,
      locator: (objects[p.index] as ImportRecord & { kind: 'object' }).locator,
      id: p.object.stixId,
      version: p.object.modified,
      outcome: 'added',
    });
  }
  if (batch.deferred.length > 0) {
    const deferred = batch.deferred.map((i) => objects[i] as ImportRecord & { kind: 'object' });
    const extra = await prepareBatch(
      ctx.db,
      ctx,
      deferred.map((r) => r.object),
      options,
      deferred.map((r) => r.locator),
    );
    for (const r of extra.results) {
      r.index = batch.deferred[r.index] as number;
    }
    for (const p of extra.prepared) {
      p.index = batch.deferred[p.index] as number;
    }
    batch.prepared.results.push(...extra.results);
    batch.prepared.prepared.push(...extra.prepared);
    batch.prepared.prepared.sort((a, b) => a.index - b.index);
  }
  batch.prepared.results.sort((a, b) => a.index - b.index);
  return { records: batch.records, prepared: batch.prepared };
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
    storedMarkings: await storedMarkings(ctx),
  };
  const worker = new Worker(new URL('./prepare-worker.ts', import.meta.url), { workerData: data });
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
