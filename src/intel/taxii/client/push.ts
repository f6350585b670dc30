// Pushing a selection of Accord's objects to another TAXII server, in envelopes under its size limit,
// checking each status. Only what the pushing organisation may pass on leaves: CLEAR and GREEN it
// can see, AMBER only when it produced the object (a recipient of AMBER may not re-share it), never
// AMBER+STRICT, never RED. Ids and versions travel unchanged, so the receiver dedupes what it has.
import type { Ctx } from '../../../platform/context.ts';
import type { Actor } from '../../../platform/access/policy.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import type { Queryable } from '../../../platform/db/pool.ts';
import { visibilityArgs, visibleToSql } from '../../visibility-sql.ts';
import type { TaxiiClient, TaxiiStatus } from './taxii-http-client.ts';

export const PUSH_MAX_OBJECTS = 1000;
export const PUSH_MAX_BYTES = 4 * 1024 * 1024;

export type PushSelection = {
  /** The organisation the objects are shared on behalf of; its TLP rights bound the selection. */
  organisationId: string;
  fromCollectionId?: string | undefined;
  types?: string[] | undefined;
  /** Only objects stored after this instant (local date added). */
  since?: string | undefined;
  /** Never send objects produced by these organisations (for example the peer's own, pulled earlier). */
  skipProducerOrganisationIds?: string[] | undefined;
};

export type PushResult = {
  apiRoot: string;
  envelopes: number;
  sent: number;
  succeeded: number;
  failed: number;
  failures: { id: string; version: string; message?: string }[];
};

/** One keyset page of what may be pushed, in the order it was stored. */
export async function selectPushable(
  q: Queryable,
  actor: Actor,
  s: PushSelection,
  afterPk: number,
  limit: number,
): Promise<{ pk: number; raw: string }[]> {
  const r = await q.query<{ pk: string; raw: string }>(
    `SELECT o.pk, o.raw FROM intel_objects o
      WHERE o.pk > $3 AND ${visibleToSql('o', 1, 2)}
        AND (o.tlp IN ('clear', 'green') OR (o.tlp = 'amber' AND o.producer_organisation_id = $4))
        AND ($5::uuid IS NULL OR EXISTS (SELECT 1 FROM taxii_collection_objects c WHERE c.collection_id = $5 AND c.object_pk = o.pk))
        AND ($6::text[] IS NULL OR o.type = ANY($6))
        AND ($7::timestamptz IS NULL OR o.date_added > $7)
        AND NOT (o.producer_organisation_id = ANY($8::uuid[]))
      ORDER BY o.pk LIMIT $9`,
    [
      ...visibilityArgs(actor),
      afterPk,
      s.organisationId,
      s.fromCollectionId ?? null,
      s.types ?? null,
      s.since ?? null,
      s.skipProducerOrganisationIds ?? [],
      limit,
    ],
  );
  return r.rows.map((row) => ({ pk: Number(row.pk), raw: row.raw }));
}

/**
 * The actor as seen by one of its organisations only (like an API token of that organisation). A
 * platform administrator running the CLI may act for any organisation, with that organisation's rights.
 */
export async function actingFor(q: Queryable, actor: Actor, organisationId: string): Promise<Actor> {
  const memberships = actor.memberships.filter((m) => m.organisationId === organisationId);
  if (memberships.length > 0) {
    return { ...actor, memberships };
  }
  const org = actor.isAdmin
    ? (
        await q.query<{ country: string }>('SELECT country FROM organisations WHERE id = $1', [
          organisationId,
        ])
      ).rows[0]
    : undefined;
  if (!org) {
    throw new AppError('FORBIDDEN', `you are not a member of organisation ${organisationId}`);
  }
  return { ...actor, memberships: [{ organisationId, role: 'analyst', country: org.country }] };
}

export async function pushSelection(
  ctx: Ctx,
  actor: Actor,
  input: {
    client: TaxiiClient;
    url: string;
    remoteCollectionId: string;
    selection: PushSelection;
    onEnvelope?: (sent: number) => void;
    statusPollMs?: number;
  },
): Promise<PushResult> {
  const scoped = await actingFor(ctx.db, actor, input.selection.organisationId);
  const apiRoot = await input.client.resolveApiRoot(input.url);
  const result: PushResult = { apiRoot, envelopes: 0, sent: 0, succeeded: 0, failed: 0, failures: [] };
  let afterPk = 0;
  let envelope: unknown[] = [];
  let bytes = 0;
  const flush = async () => {
    if (envelope.length === 0) {
      return;
    }
    const status = await waitForStatus(
      input.client,
      apiRoot,
      await input.client.addObjects(apiRoot, input.remoteCollectionId, envelope),
      input.statusPollMs ?? 500,
    );
    result.envelopes += 1;
    result.sent += envelope.length;
    result.succeeded += status.success_count;
    result.failed += status.failure_count;
    result.failures.push(...(status.failures ?? []));
    input.onEnvelope?.(result.sent);
    envelope = [];
    bytes = 0;
  };
  for (;;) {
    const rows = await selectPushable(ctx.db, scoped, input.selection, afterPk, PUSH_MAX_OBJECTS);
    for (const row of rows) {
      if (envelope.length >= PUSH_MAX_OBJECTS || bytes + row.raw.length > PUSH_MAX_BYTES) {
        await flush();
      }
      envelope.push(JSON.parse(row.raw));
      bytes += row.raw.length + 1;
      afterPk = row.pk;
    }
    if (rows.length < PUSH_MAX_OBJECTS) {
      break;
    }
  }
  await flush();
  return result;
}

/** Polls a pending status until the server finishes it (bounded: a server that never does is an error). */
async function waitForStatus(
  client: TaxiiClient,
  apiRoot: string,
  status: TaxiiStatus,
  pollMs: number,
): Promise<TaxiiStatus> {
  let current = status;
  for (let attempt = 0; current.status === 'pending' && attempt < 120; attempt += 1) {
    await new Promise((r) => setTimeout(r, pollMs));
    current = await client.getStatus(apiRoot, current.id);
  }
  if (current.status === 'pending') {
    throw new AppError('TAXII_REMOTE_FAILED', `status ${current.id} is still pending; check it later`);
  }
  return current;
}
