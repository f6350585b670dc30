// The ingest core: one batch of STIX objects validated, given one TLP each, deduplicated and written
// in one transaction with a few multi-row statements. Invalid objects are rejected with a reason
// without stopping the others; a database error rolls the whole batch back. Used by imports, TAXII
// POST, feed pulls, the demo and sightings.
import type { Ctx, RequestMeta } from '../../platform/context.ts';
import { decide, type Actor } from '../../platform/access/policy.ts';
import type { Tlp } from '../../platform/access/tlp-policy.ts';
import { appendAudit } from '../../platform/audit/store.ts';
import { inTransaction, type Queryable, type Tx } from '../../platform/db/pool.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import { isRecord } from '../stix/stix-record.ts';
import {
  assertProducerAndAuthor,
  demoteVersions,
  findDedupeHolders,
  findMarkingDefinitions,
  insertVersions,
  lockLatestVersions,
  type LatestVersion,
} from './batch-store.ts';
import {
  emptyCounts,
  type IngestBatchResult,
  type IngestObjectResult,
  type IngestOptions,
} from './ingest-types.ts';
import { planBatch, type BatchPlan, type Decision, type PlannedWrite } from './plan-batch.ts';
import { linkBatchValues, type LinkedObject } from './value-links.ts';
import { touchesPrevious, type BatchGate } from './batch-gate.ts';
import { prepareObject, type BatchObject, type PrepareContext } from './prepare-object.ts';

export type { IngestBatchResult, IngestOptions } from './ingest-types.ts';

/** Who may ingest on behalf of an organisation: its analysts and administrators, and platform admins. */
export function assertMayIngest(actor: Actor, organisationId: string): void {
  const decision = decide(actor, { kind: 'write', organisationId });
  if (!decision.allowed && !actor.isAdmin) {
    throw new AppError(
      'FORBIDDEN',
      `you may not import intelligence for organisation ${organisationId}: ${decision.reason}`,
    );
  }
}

export async function defaultTlpOf(tx: Queryable, options: IngestOptions): Promise<Tlp> {
  if (options.defaultTlp) {
    return options.defaultTlp;
  }
  const r = await tx.query<{ tlp: Tlp | null }>(
    'SELECT intel_default_tlp AS tlp FROM organisations WHERE id = $1',
    [options.producerOrganisationId],
  );
  const row = r.rows[0];
  if (!row) {
    throw new AppError('PLATFORM_UNKNOWN_ORGANISATION', `no organisation ${options.producerOrganisationId}`);
  }
  return row.tlp ?? 'amber';
}

/** Marking definitions of the batch itself and those already stored that the batch references. */
async function knownMarkings(tx: Queryable, objects: readonly unknown[]): Promise<Map<string, unknown>> {
  const known = new Map<string, unknown>();
  const referenced = new Set<string>();
  for (const o of objects) {
    if (!isRecord(o)) {
      continue;
    }
    if (o.type === 'marking-definition' && typeof o.id === 'string') {
      known.set(o.id, o);
    }
    if (Array.isArray(o.object_marking_refs)) {
      o.object_marking_refs.forEach((ref) => typeof ref === 'string' && referenced.add(ref));
    }
  }
  const missing = [...referenced].filter((id) => !known.has(id) && id.startsWith('marking-definition--'));
  for (const [id, definition] of await findMarkingDefinitions(tx, missing)) {
    known.set(id, definition);
  }
  return known;
}

/** Objects prepared between two turns of the event loop. */
const PREPARE_SLICE = 250;

/** A batch validated and prepared, ready to be written: its results so far and the valid objects. */
export type PreparedBatch = {
  objectCount: number;
  /**
   * A result per object, in object order; with `rejectionsOnly`, only the rejected ones (an import
   * reports nothing else per object, and the others were 5,000 objects a batch to make and collect).
   */
  results: IngestObjectResult[];
  rejectionsOnly?: boolean;
  prepared: { index: number; object: BatchObject }[];
  /** Known: no two prepared objects share an id or a dedupe key (an import learns it in batch-gate.ts). */
  distinct?: boolean;
};

/**
 * Validates and prepares objects with a resolved context: pure work, no database. `slice` > 0 yields
 * to the event loop every `slice` objects (see prepareBatch); a worker thread passes 0.
 */
export async function prepareObjects(
  objects: readonly unknown[],
  prepareContext: PrepareContext,
  locators: readonly string[] | undefined,
  slice: number,
): Promise<PreparedBatch> {
  const results: IngestObjectResult[] = [];
  const prepared: { index: number; object: BatchObject }[] = [];
  for (let index = 0; index < objects.length; index += 1) {
    if (slice > 0 && index > 0 && index % slice === 0) {
      await new Promise((resolve) => setImmediate(resolve));
    }
    const locator = locators?.[index] ?? `objects[${index}]`;
    const p = prepareObject(objects[index], prepareContext);
    if (p.ok) {
      prepared.push({ index, object: p.value });
      results.push({ index, locator, id: p.value.stixId, version: p.value.modified, outcome: 'added' });
    } else {
      results.push({
        index,
        locator,
        ...(p.id ? { id: p.id } : {}),
        outcome: 'rejected',
        reason: p.reason,
        code: p.code,
      });
    }
  }
  return { objectCount: objects.length, results, prepared };
}

/** The context of a batch's preparation: the default TLP, and the marking definitions it refers to. */
export async function prepareContextOf(
  q: Queryable,
  ctx: Ctx,
  objects: readonly unknown[],
  options: IngestOptions,
): Promise<PrepareContext> {
  return {
    producerOrganisationId: options.producerOrganisationId,
    authorUserId: options.authorUserId,
    defaultTlp: await defaultTlpOf(q, options),
    audienceOrganisationIds: options.audienceOrganisationIds ?? [],
    audienceUserIds: options.audienceUserIds ?? [],
    knownMarkingDefinitions: await knownMarkings(q, objects),
    nowIso: ctx.now().toISOString(),
  };
}

/**
 * Validates and prepares a batch (pure work plus two reads: the default TLP and stored marking
 * definitions). Separate from the write so an import prepares the next batch while this one is
 * written; it yields to the event loop every PREPARE_SLICE objects, so the other batch's round trips
 * are not held back by a long synchronous stretch. Locators default to `objects[i]`.
 */
export async function prepareBatch(
  q: Queryable,
  ctx: Ctx,
  objects: unknown[],
  options: IngestOptions,
  locators?: readonly string[],
): Promise<PreparedBatch> {
  return prepareObjects(objects, await prepareContextOf(q, ctx, objects, options), locators, PREPARE_SLICE);
}

/**
 * Ingests a batch inside the caller's transaction (imports add their checkpoint and rejections to
 * it). Locators default to `objects[i]`.
 */
export async function ingestStixObjectsIn(
  tx: Tx,
  ctx: Ctx,
  actor: Actor,
  objects: unknown[],
  options: IngestOptions,
  meta: RequestMeta = {},
  locators?: readonly string[],
): Promise<IngestBatchResult> {
  assertMayIngest(actor, options.producerOrganisationId);
  return writePreparedBatch(
    tx,
    ctx,
    actor,
    await prepareBatch(tx, ctx, objects, options, locators),
    options,
    meta,
  );
}

/**
 * The latest rows the batch's duplicates matched (matchedPks): the holders of their ids or keys,
 * written now or stored before. The map of latest rows is built only for a batch with duplicates: a
 * file of new objects has none, and at 100k objects that map was a good part of the main thread's work.
 */
function matchedLatestPks(
  plan: BatchPlan,
  inserted: readonly (number | undefined)[],
  latest: ReadonlyMap<string, LatestVersion>,
  holders: ReadonlyMap<string, { stixId: string; pk: number }>,
  lost: readonly string[],
): Set<number> {
  const matched = new Set<number>();
  const duplicates = plan.decisions.filter((d) => d.outcome === 'duplicate' && d.matchedId !== undefined);
  if (lost.length === 0 && duplicates.length === 0) {
    return matched;
  }
  // The latest row of an id after this batch: written now, else stored (or holding a key).
  const latestPk = new Map<string, number>();
  for (const h of holders.values()) {
    latestPk.set(h.stixId, h.pk);
  }
  for (const [stixId, stored] of latest) {
    latestPk.set(stixId, stored.pk);
  }
  plan.writes.forEach((write, i) => {
    const pk = inserted[i];
    if (pk !== undefined && write.isLatest) {
      latestPk.set(write.object.stixId, pk);
    }
  });
  for (const stixId of lost) {
    const pk = latestPk.get(stixId);
    if (pk !== undefined) {
      matched.add(pk);
    }
  }
  for (const decision of duplicates) {
    const pk = latestPk.get(decision.matchedId as string);
    if (pk !== undefined) {
      matched.add(pk);
    }
  }
  return matched;
}

/** Writes a prepared batch in the caller's transaction: versions, dedupe, links, audit, signal. */
export async function writePreparedBatch(
  tx: Tx,
  ctx: Ctx,
  actor: Actor,
  batch: PreparedBatch,
  options: IngestOptions,
  meta: RequestMeta = {},
  gate?: BatchGate,
): Promise<IngestBatchResult> {
  assertMayIngest(actor, options.producerOrganisationId);
  const now = ctx.now();
  const { results, prepared } = batch;
  // A batch written beside the one before it (batch-gate.ts) cannot see that one's rows: if it names
  // the same ids or keys, it waits for them to be committed.
  if (gate && touchesPrevious(gate, prepared)) {
    await gate.previousCommitted;
  }
  await assertProducerAndAuthor(tx, options.producerOrganisationId, options.authorUserId);
  const distinct = batch.distinct === true;
  const ids = prepared.map((p) => p.object.stixId);
  const latest = await lockLatestVersions(tx, distinct ? ids : [...new Set(ids)]);
  // Only ids not stored yet can be duplicates by key: a stored id is planned by its versions alone, so
  // a file imported again asks for no key at all.
  const keys: string[] = [];
  for (const { object } of prepared) {
    if (object.dedupeKey && !latest.has(object.stixId)) {
      keys.push(object.dedupeKey);
    }
  }
  const uniqueKeys = distinct ? keys : [...new Set(keys)];
  let holders = await findDedupeHolders(tx, options.producerOrganisationId, uniqueKeys);
  if (gate && [...holders.values()].some((h) => gate.previousNames.has(h.stixId))) {
    // A holder the batch before is giving a new version (perhaps with another key): read it again.
    await gate.previousCommitted;
    holders = await findDedupeHolders(tx, options.producerOrganisationId, uniqueKeys);
  }
  const plan = planBatch(prepared, latest, holders, distinct);
  await demoteVersions(tx, plan.demote);
  // The rows carry the audience of their preparation: the same options as this write's.
  const inserted = await insertVersions(tx, plan.writes);

  let maxPk: number | null = null;
  const pks: number[] = [];
  const lost: string[] = [];
  const links: LinkedObject[] = [];
  const counts = emptyCounts();
  // The outcome of each planned object by its index (only kept when the results are not).
  const outcomes = batch.rejectionsOnly ? new Map<number, Decision['outcome']>() : undefined;
  counts.rejected = batch.objectCount - prepared.length;
  for (const decision of plan.decisions) {
    counts[decision.outcome] += 1;
    if (outcomes) {
      if (decision.outcome !== 'added') {
        outcomes.set(decision.index, decision.outcome);
      }
      continue;
    }
    const result = results[decision.index] as IngestObjectResult;
    result.outcome = decision.outcome;
    if (decision.reason) {
      result.reason = decision.reason;
    }
  }
  for (let i = 0; i < plan.writes.length; i += 1) {
    const write = plan.writes[i] as PlannedWrite;
    const pk = inserted[i];
    if (pk === undefined) {
      // Lost to a concurrent writer or an older version stored before: nothing new was written.
      counts[
        outcomes
          ? (outcomes.get(write.index) ?? 'added')
          : (results[write.index] as IngestObjectResult).outcome
      ] -= 1;
      counts.duplicate += 1;
      if (!outcomes) {
        const result = results[write.index] as IngestObjectResult;
        result.outcome = 'duplicate';
        result.reason = 'this version is already stored';
      }
      lost.push(write.object.stixId);
      continue;
    }
    maxPk = maxPk === null ? pk : Math.max(maxPk, pk);
    pks.push(pk);
    if (write.isLatest && write.object.values.length > 0) {
      links.push({ pk, values: write.object.values });
    }
  }
  await gate?.previousValuesInterned;
  await linkBatchValues(tx, links);
  gate?.valuesInterned();
  const matched = matchedLatestPks(plan, inserted, latest, holders, lost);

  // The audit chain and the import's checkpoint keep file order (and a failed batch before fails this one).
  await gate?.previousCommitted;
  if (maxPk !== null) {
    await tx.query("SELECT pg_notify('accord_intel_written', $1)", [String(maxPk)]);
  }
  await appendAudit(
    tx,
    {
      actorUserId: actor.userId,
      actorOrganisationId: options.producerOrganisationId,
      action: 'intel.ingest',
      resourceType: 'intel-batch',
      resourceId: options.source.ref ?? null,
      summary: { source: options.source.kind, objects: batch.objectCount, counts },
      requestId: meta.requestId ?? null,
    },
    now,
  );
  return {
    results,
    counts,
    maxPk,
    pks: pks.sort((a, b) => a - b),
    matchedPks: [...matched].sort((a, b) => a - b),
  };
}

/** Ingests a batch of STIX objects in its own transaction. */
export async function ingestStixObjects(
  ctx: Ctx,
  actor: Actor,
  objects: unknown[],
  options: IngestOptions,
  meta?: RequestMeta,
): Promise<IngestBatchResult> {
  return inTransaction(ctx.db, (tx) => ingestStixObjectsIn(tx, ctx, actor, objects, options, meta));
}
