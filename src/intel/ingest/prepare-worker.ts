// The worker thread of a STIX import: reads the bundle, splits it, parses, validates and prepares its
// objects, and hands prepared batches to the main thread, which only writes them. On one thread the
// two interleave, and every round trip of a batch's write waited behind a slice of the next batch's
// preparation; here they run side by side. Objects that refer to a marking definition the worker does
// not know (neither stored when the import started nor read from the file) are left to the main
// thread, which looks them up in the database as a single-threaded import does.
import { statSync } from 'node:fs';
import { parentPort, type MessagePort } from 'node:worker_threads';
import { isFixedTlpMarkingId } from '../tlp.ts';
import { isRecord } from '../stix/stix-record.ts';
import type { ImportRecord, ResumePoint } from './import-record.ts';
import type { IngestObjectResult } from './ingest-types.ts';
import { ObjectPacker, type PackedObjects } from './batch-codec.ts';
import { prepareObject, type PrepareContext } from './prepare-object.ts';
import { objectFieldsView } from './object-copy-row.ts';
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
 * A batch as the worker hands it over. Object records stay on the worker but for the deferred ones
 * (the main thread prepares those, with their locators); the prepared objects come packed
 * (batch-codec.ts), indexed like the batch's object records; `rejected` holds the objects prepare
 * rejected. `rejections` are the records rejected while reading; `last` is the batch's last record
 * (where the import resumes after it).
 */
export type WorkerBatch = {
  objectCount: number;
  packed: PackedObjects;
  rejected: IngestObjectResult[];
  deferred: number[];
  deferredObjects: unknown[];
  deferredLocators: string[];
  rejections: ImportRecord[];
  last: ImportRecord;
};

export type WorkerMessage =
  { type: 'batch'; batch: WorkerBatch } | { type: 'done' } | { type: 'error'; message: string };

/** Records in the first batch at most. */
const FIRST_BATCH = 1000;

/**
 * What the main thread sends: an import to prepare, then one credit per batch it can take (the worker
 * never runs further ahead).
 */
export type WorkerRequest = { type: 'start'; data: PrepareWorkerData } | { type: 'take' };

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

/**
 * One batch as it is read. Objects are prepared and packed as they come, so neither the parsed nor
 * the prepared object outlives its record (held for a whole batch, they were copied by the
 * young-generation collector and promoted). An object naming a marking definition not known yet
 * waits for the batch's end, since one later in the batch may define it; still unknown then, it is
 * deferred to the main thread.
 */
class BatchBuilder {
  private readonly packer = new ObjectPacker();
  private objects = 0;
  private readonly rejected: IngestObjectResult[] = [];
  private readonly rejections: ImportRecord[] = [];
  private readonly waiting: { index: number; object: unknown; locator: string }[] = [];
  private last: ImportRecord | undefined;
  records = 0;

  private readonly context: PrepareContext;
  private readonly known: Map<string, unknown>;

  constructor(context: PrepareContext, known: Map<string, unknown>) {
    this.context = context;
    this.known = known;
  }

  add(record: ImportRecord): void {
    this.records += 1;
    this.last = record;
    if (record.kind !== 'object') {
      this.rejections.push(record);
      return;
    }
    const index = this.objects;
    this.objects += 1;
    const object = record.object;
    if (isRecord(object) && object.type === 'marking-definition' && typeof object.id === 'string') {
      this.known.set(object.id, object);
    }
    if (unknownMarking(object, this.known)) {
      this.waiting.push({ index, object, locator: record.locator });
    } else {
      this.prepare(index, object, record.locator);
    }
  }

  private prepare(index: number, object: unknown, locator: string): void {
    const p = prepareObject(object, this.context, false);
    if (p.ok) {
      this.packer.add(index, p.value, objectFieldsView(p.value));
    } else {
      this.rejected.push({
        index,
        locator,
        ...(p.id ? { id: p.id } : {}),
        outcome: 'rejected',
        reason: p.reason,
        code: p.code,
      });
    }
  }

  finish(): { batch: WorkerBatch; transfer: ArrayBuffer[] } {
    const deferred: number[] = [];
    const deferredObjects: unknown[] = [];
    const deferredLocators: string[] = [];
    for (const w of this.waiting) {
      if (unknownMarking(w.object, this.known)) {
        deferred.push(w.index);
        deferredObjects.push(w.object);
        deferredLocators.push(w.locator);
      } else {
        this.prepare(w.index, w.object, w.locator);
      }
    }
    const packed = this.packer.finish();
    const last = this.last as ImportRecord;
    return {
      batch: {
        objectCount: this.objects,
        packed,
        rejected: this.rejected,
        deferred,
        deferredObjects,
        deferredLocators,
        rejections: this.rejections,
        last: last.kind === 'object' ? { ...last, object: null } : last,
      },
      transfer: [packed.numbers.buffer as ArrayBuffer, packed.rows.buffer as ArrayBuffer],
    };
  }
}

/**
 * Credits the main thread lends for the current import. An import starts with none: its credits
 * follow its start message on the same port, so none of an earlier import can remain.
 */
let credits = 0;
let wake: (() => void) | undefined;

async function waitForCredit(): Promise<void> {
  while (credits === 0) {
    await new Promise<void>((resolve) => (wake = resolve));
  }
  credits -= 1;
}

async function run(data: PrepareWorkerData): Promise<void> {
  const port = parentPort as MessagePort;
  const known = new Map<string, unknown>(data.storedMarkings);
  const context: PrepareContext = { ...data.context, knownMarkingDefinitions: known };
  let batch = new BatchBuilder(context, known);
  const send = async () => {
    const { batch: ready, transfer } = batch.finish();
    batch = new BatchBuilder(context, known);
    await waitForCredit();
    port.postMessage({ type: 'batch', batch: ready } satisfies WorkerMessage, transfer);
  };
  // A short first batch: the writer starts while the worker is still compiling its hot paths.
  const small = Math.min(data.batchSize, FIRST_BATCH);
  const size = statSync(data.path).size;
  let limit = small;
  let read = 0;
  for await (const record of readStixRecords(data.path, data.resume)) {
    batch.add(record);
    read += 1;
    if (batch.records >= limit) {
      await send();
      // Near the end of the file, smaller batches: the last ones are written after this thread is done,
      // with nothing prepared beside them. A third of what remains (estimated from the bytes per record
      // so far), between the first batch's size and the full one.
      const bytesPerRecord = (record.position - data.resume.position) / read;
      const remaining = bytesPerRecord > 0 ? (size - record.position) / bytesPerRecord : Infinity;
      limit = Math.min(data.batchSize, Math.max(small, Math.ceil(remaining / 3)));
    }
  }
  if (batch.records > 0) {
    await send();
  }
  port.postMessage({ type: 'done' } satisfies WorkerMessage);
}

// One import at a time, each started by a message; the worker then waits for the next (prepare-pool.ts).
parentPort?.on('message', (m: WorkerRequest) => {
  if (m.type === 'take') {
    credits += 1;
    wake?.();
    return;
  }
  credits = 0;
  run(m.data).catch((error: unknown) => {
    parentPort?.postMessage({
      type: 'error',
      message: error instanceof Error ? error.message : String(error),
    } satisfies WorkerMessage);
  });
});
