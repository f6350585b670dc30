// POST …/objects/: an envelope goes through the STIX ingest core with the collection's default TLP and
// audience, what was stored joins the collection, and a status resource says what became of each object.
// @see TAXII 2.1 section 5.5 (Add Objects) and 4.3.1 (status resource).
import type { Ctx, RequestMeta } from '../../platform/context.ts';
import type { Actor } from '../../platform/access/policy.ts';
import { organisationIdsOf } from '../../platform/access/policy.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import { inTransaction } from '../../platform/db/pool.ts';
import { appendAudit } from '../../platform/audit/store.ts';
import { ingestStixObjectsIn } from '../ingest/ingest-batch.ts';
import { addToCollection, type CollectionRow } from './taxii-store.ts';
import { completeStatus, insertStatus, type StatusDetail } from './taxii-status.ts';

/** Objects per envelope; the byte limit (max_content_length) usually binds first. */
export const TAXII_MAX_OBJECTS_PER_POST = 50_000;

/** The envelope's objects, or a TAXII_ENVELOPE_INVALID naming what is wrong. */
export function envelopeObjects(body: unknown): unknown[] {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new AppError('TAXII_ENVELOPE_INVALID', 'the body must be a TAXII envelope {"objects":[…]}', [
      { path: '$', reason: 'is not a JSON object' },
    ]);
  }
  const objects = (body as { objects?: unknown }).objects;
  if (!Array.isArray(objects) || objects.length === 0) {
    throw new AppError('TAXII_ENVELOPE_INVALID', 'the envelope must carry a non-empty "objects" array', [
      { path: 'objects', reason: 'must be a non-empty array' },
    ]);
  }
  if (objects.length > TAXII_MAX_OBJECTS_PER_POST) {
    throw new AppError(
      'TAXII_ENVELOPE_INVALID',
      `at most ${TAXII_MAX_OBJECTS_PER_POST} objects per envelope; split the upload`,
      [{ path: 'objects', reason: `has ${objects.length} items` }],
    );
  }
  return objects;
}

/** The organisation the objects are produced by: one the actor writes for in this collection. */
export function producerFor(actor: Actor, c: CollectionRow): string {
  const writerOrgs = organisationIdsOf(actor, 'analyst');
  const org =
    writerOrgs.find((o) => o === c.owner_organisation_id) ??
    writerOrgs.find((o) => c.writer_organisation_ids.includes(o));
  if (!org) {
    throw new AppError('TAXII_FORBIDDEN', 'this collection does not let you write');
  }
  return org;
}

function describe(o: unknown, index: number): StatusDetail {
  const rec = (typeof o === 'object' && o !== null ? o : {}) as Record<string, unknown>;
  const id = typeof rec.id === 'string' ? rec.id : `objects[${index}]`;
  const version =
    typeof rec.modified === 'string' ? rec.modified : typeof rec.created === 'string' ? rec.created : '';
  return { id, version };
}

/**
 * Stores an envelope into a collection. The status is written first as all-pending (a client polling
 * it sees the request), then completed with successes and failures in the batch's own transaction.
 */
export async function addEnvelope(
  ctx: Ctx,
  actor: Actor,
  collection: CollectionRow,
  body: unknown,
  meta: RequestMeta = {},
): Promise<string> {
  const objects = envelopeObjects(body);
  const producer = producerFor(actor, collection);
  const requested = objects.map(describe);
  const statusId = await insertStatus(ctx.db, {
    collectionId: collection.id,
    requestedBy: actor.userId,
    organisationId: producer,
    requestTimestamp: ctx.now().toISOString(),
    total: objects.length,
    successes: [],
    failures: [],
    pendings: requested,
  });
  try {
    // One transaction: the objects, their membership and the completed status land together or not at all.
    await inTransaction(ctx.db, async (tx) => {
      const batch = await ingestStixObjectsIn(
        tx,
        ctx,
        actor,
        objects,
        {
          producerOrganisationId: producer,
          authorUserId: actor.userId,
          defaultTlp: collection.default_tlp,
          audienceOrganisationIds: collection.default_audience_organisation_ids,
          source: { kind: 'taxii', ref: collection.id },
        },
        meta,
      );
      const successes: StatusDetail[] = [];
      const failures: StatusDetail[] = [];
      for (const r of batch.results) {
        const asked = requested[r.index] ?? { id: r.locator, version: '' };
        const detail = { id: r.id ?? asked.id, version: r.version ?? asked.version };
        if (r.outcome === 'rejected') {
          failures.push({ ...detail, message: r.reason ?? 'rejected' });
        } else {
          successes.push(r.outcome === 'added' ? detail : { ...detail, message: r.outcome });
        }
      }
      // Duplicates and older versions join too: posting a known version into a collection shares it there.
      const pks = await tx.query<{ pk: string }>(
        `SELECT o.pk FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS t(stix_id, version, n)
           JOIN intel_objects o ON o.stix_id = t.stix_id AND o.modified = t.version::timestamptz
          ORDER BY t.n`,
        [successes.map((d) => d.id), successes.map((d) => d.version)],
      );
      await addToCollection(
        tx,
        collection.id,
        pks.rows.map((r) => Number(r.pk)),
      );
      await completeStatus(tx, statusId, { successes, failures });
      await appendAudit(
        tx,
        {
          actorUserId: actor.userId,
          actorOrganisationId: producer,
          action: 'taxii.objects-add',
          resourceType: 'taxii-collection',
          resourceId: collection.id,
          summary: { status: statusId, ...batch.counts },
          requestId: meta.requestId ?? null,
        },
        ctx.now(),
      );
    });
  } catch (error) {
    // The batch rolled back whole: every object failed, and the status says so rather than staying pending.
    await completeStatus(ctx.db, statusId, {
      successes: [],
      failures: requested.map((d) => ({ ...d, message: 'the batch could not be stored; retry' })),
    });
    throw error;
  }
  return statusId;
}
