// TAXII status resources: what became of each object of a POST (success, failure, pending).
// @see TAXII 2.1 section 4.3.1.
import type { Queryable } from '../../platform/db/pool.ts';
import type { Actor } from '../../platform/access/policy.ts';

export type StatusDetail = { id: string; version: string; message?: string };
export type StatusRow = {
  id: string;
  status: 'pending' | 'complete';
  request_timestamp: string;
  total_count: number;
  successes: StatusDetail[];
  failures: StatusDetail[];
  pendings: StatusDetail[];
  requested_by: string | null;
};

export async function insertStatus(
  tx: Queryable,
  s: {
    collectionId: string;
    requestedBy: string;
    organisationId: string | null;
    requestTimestamp: string;
    total: number;
    successes: StatusDetail[];
    failures: StatusDetail[];
    pendings: StatusDetail[];
  },
): Promise<string> {
  const r = await tx.query<{ id: string }>(
    `INSERT INTO taxii_status (collection_id, requested_by, organisation_id, status, request_timestamp, total_count, successes, failures, pendings)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
    [
      s.collectionId,
      s.requestedBy,
      s.organisationId,
      s.pendings.length > 0 ? 'pending' : 'complete',
      s.requestTimestamp,
      s.total,
      JSON.stringify(s.successes),
      JSON.stringify(s.failures),
      JSON.stringify(s.pendings),
    ],
  );
  return (r.rows[0] as { id: string }).id;
}

/** Ends a status: nothing is pending any more. */
export async function completeStatus(
  q: Queryable,
  id: string,
  s: { successes: StatusDetail[]; failures: StatusDetail[] },
): Promise<void> {
  await q.query(
    `UPDATE taxii_status SET status = 'complete', successes = $2, failures = $3, pendings = '[]' WHERE id = $1`,
    [id, JSON.stringify(s.successes), JSON.stringify(s.failures)],
  );
}

/** Only the requester (or a platform admin) sees a status. */
export async function findStatus(q: Queryable, actor: Actor, id: string): Promise<StatusRow | undefined> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) {
    return undefined;
  }
  const r = await q.query<StatusRow>(
    'SELECT * FROM taxii_status WHERE id = $1 AND (requested_by = $2 OR $3)',
    [id, actor.userId, actor.isAdmin],
  );
  return r.rows[0];
}

export function presentStatus(s: StatusRow) {
  return {
    id: s.id,
    status: s.status,
    request_timestamp: s.request_timestamp,
    total_count: s.total_count,
    success_count: s.successes.length,
    successes: s.successes,
    failure_count: s.failures.length,
    failures: s.failures,
    pending_count: s.pendings.length,
    pendings: s.pendings,
  };
}
