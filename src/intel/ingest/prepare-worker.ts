// The worker thread of a STIX import: reads the bundle, splits it, parses, validates and prepares its
// objects, and hands prepared batches to the main thread, which only writes them. On one thread the
// two interleave, and every round trip of a batch's write waited behind a slice of the next batch's
// preparation; here they run side by side. Objects that refer to a marking definition the worker does
// not know (neither stored when the import started nor read from the file) are left to the main
// thread, which looks them up in the database as a single-threaded import does.
import { parentPort, workerData } from 'node:worker_threads';
import { isFixedTlpMarkingId } from '../tlp.ts';
import { isRecord } from '../stix/stix-record.ts';
import type { ImportRecord, ResumePoint } from './import-record.ts';
import { prepareObjects } from './ingest-batch.ts';
import type { IngestObjectResult } from './ingest-types.ts';
import { packObjects, type PackedObjects } from './batch-codec.ts';
import type { PrepareContext, PreparedObject } from './prepare-object.ts';
import { readStixRecords } from './stix-source.ts';

export type PrepareWorkerData = {
  path: string;
  resume: ResumePoint;
  batchSize: number;
  context: Omit<PrepareContext, 'knownMarkingDefinitions'>;
  /** Marking definitions stored when the import started, by id. */
  storedMarkings: [string, unknown][];
};

/**
 * A batch as the worker hands it over. Object records stay on the worker but for their locators and
 * the deferred ones (the main thread prepares those); the prepared objects come packed
 * (batch-codec.ts), indexed like the batch's object records; `rejected` holds the objects prepare
 * rejected. `rejections` are the records rejected while reading; `last` is the batch's last record
 * (where the import resumes after it).
 */
export type WorkerBatch = {
  objectCount: number;
  /** The object records' locators, newline-separated. */
  locators: string;
  packed: PackedObjects;
  rejected: IngestObjectResult[];
  deferred: number[];
  deferredObjects: unknown[];
  rejections: ImportRecord[];
  last: ImportRecord;
};

export type WorkerMessage =
  { type: 'batch'; batch: WorkerBatch } | { type: 'done' } | { type: 'error'; message: string };

/** Records in the first batch at most. */
const FIRST_BATCH = 1000;

/** The main thread sends one credit per batch it can take; the worker never runs further ahead. */
export type WorkerCredit = { type: 'take' };

function unknownMarking(object: unknown, known: ReadonlyMap<string, unknown>): boolean {
  if (!isRecord(object) || !Array.isArray(object.object_marking_refs)) {
    return false;
  }
  return object.object_marking_refs.some(
    (ref) =>
      typeof ref === 'string' &&
      ref.startsWith('marking-definition--') &&
      !isFixedTlpMarkingId(ref) &&
      !known.has(ref),
  );
}

async function prepareRecordBatch(
  records: ImportRecord[],
  data: PrepareWorkerData,
  known: Map<string, unknown>,
): Promise<{ batch: WorkerBatch; transfer: ArrayBuffer[] }> {
  const objects: unknown[] = [];
  const locators: string[] = [];
  for (const r of records) {
    if (r.kind === 'object') {
      objects.push(r.object);
      locators.push(r.locator);
      if (isRecord(r.object) && r.object.type === 'marking-definition' && typeof r.object.id === 'string') {
        known.set(r.object.id, r.object);
      }
    }
  }
  const deferred: number[] = [];
  const mine: unknown[] = [];
  const mineLocators: string[] = [];
  const mineIndex: number[] = [];
  objects.forEach((object, i) => {
    if (unknownMarking(object, known)) {
      deferred.push(i);
    } else {
      mine.push(object);
      mineLocators.push(locators[i] as string);
      mineIndex.push(i);
    }
  });
  const prepared = await prepareObjects(
    mine,
    { ...data.context, knownMarkingDefinitions: known },
    mineLocators,
    0,
  );
  // Back to the indexes of the batch's object records.
  for (const r of prepared.results) {
    r.index = mineIndex[r.index] as number;
  }
  for (const p of prepared.prepared) {
    p.index = mineIndex[p.index] as number;
  }
  const packed = packObjects(
    prepared.prepared.map((p) => ({ index: p.index, object: p.object as PreparedObject })),
  );
  const last = records.at(-1) as ImportRecord;
  return {
    batch: {
      objectCount: objects.length,
      locators: locators.join('\n'),
      packed,
      rejected: prepared.results.filter((r) => r.outcome === 'rejected'),
      deferred,
      deferredObjects: deferred.map((i) => objects[i]),
      rejections: records.filter((r) => r.kind === 'rejection'),
      last: last.kind === 'object' ? { ...last, object: null } : last,
    },
    transfer: [packed.numbers.buffer as ArrayBuffer, packed.rows.buffer as ArrayBuffer],
  };
}

async function run(data: PrepareWorkerData): Promise<void> {
  const port = parentPort;
  if (!port) {
    return;
  }
  let credits = 0;
  let wake: (() => void) | undefined;
  port.on('message', (m: WorkerCredit) => {
    if (m.type === 'take') {
      credits += 1;
      wake?.();
    }
  });
  const waitForCredit = async () => {
    while (credits === 0) {
      await new Promise<void>((resolve) => (wake = resolve));
    }
    credits -= 1;
  };
  const known = new Map<string, unknown>(data.storedMarkings);
  let batch: ImportRecord[] = [];
  const send = async (records: ImportRecord[]) => {
    const { batch, transfer } = await prepareRecordBatch(records, data, known);
    await waitForCredit();
    port.postMessage({ type: 'batch', batch } satisfies WorkerMessage, transfer);
  };
  // A short first batch: the writer starts while the worker is still compiling its hot paths.
  let limit = Math.min(data.batchSize, FIRST_BATCH);
  for await (const record of readStixRecords(data.path, data.resume)) {
    batch.push(record);
    if (batch.length >= limit) {
      await send(batch);
      batch = [];
      limit = data.batchSize;
    }
  }
  if (batch.length > 0) {
    await send(batch);
  }
  port.postMessage({ type: 'done' } satisfies WorkerMessage);
}

if (parentPort) {
  run(workerData as PrepareWorkerData).catch((error: unknown) => {
    parentPort?.postMessage({
      type: 'error',
      message: error instanceof Error ? error.message : String(error),
    } satisfies WorkerMessage);
  });
}
