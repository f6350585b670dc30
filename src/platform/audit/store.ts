// Appends audit entries in the caller's transaction and reads them back for verification and display.
import type { Queryable, Tx } from '../db/pool.ts';
import { GENESIS_HASH, hashEntry, type AuditEntry, type ChainedEntry } from './chain.ts';

export type AuditEvent = {
  actorUserId?: string | null;
  actorOrganisationId?: string | null;
  action: string;
  resourceType: string;
  resourceId?: string | null;
  summary?: Record<string, unknown>;
  requestId?: string | null;
};

// Appends are serialised by a transaction-scoped advisory lock: the chain needs a total order, and
// the lock is held only until the writing transaction commits.
const AUDIT_LOCK_KEY = 7_401_220_27;

export async function appendAudit(tx: Tx, event: AuditEvent, now: Date): Promise<ChainedEntry> {
  await tx.query('SELECT pg_advisory_xact_lock($1)', [AUDIT_LOCK_KEY]);
  const last = await tx.query<{ seq: number; hash: string }>(
    'SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1',
  );
  const prevHash = last.rows[0]?.hash ?? GENESIS_HASH;
  const entry: AuditEntry = {
    seq: (last.rows[0]?.seq ?? 0) + 1,
    at: now.toISOString(),
    actorUserId: event.actorUserId ?? null,
    actorOrganisationId: event.actorOrganisationId ?? null,
    action: event.action,
    resourceType: event.resourceType,
    resourceId: event.resourceId ?? null,
    summary: JSON.parse(JSON.stringify(event.summary ?? {})) as Record<string, unknown>,
    requestId: event.requestId ?? null,
  };
  const hash = hashEntry(prevHash, entry);
  await tx.query(
    `INSERT INTO audit_log (seq, at, actor_user_id, actor_organisation_id, action, resource_type,
       resource_id, summary, request_id, prev_hash, hash)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
    [
      entry.seq,
      entry.at,
      entry.actorUserId,
      entry.actorOrganisationId,
      entry.action,
      entry.resourceType,
      entry.resourceId,
      JSON.stringify(entry.summary),
      entry.requestId,
      prevHash,
      hash,
    ],
  );
  return { ...entry, prevHash, hash };
}

type AuditRow = {
  seq: number;
  at: string;
  actor_user_id: string | null;
  actor_organisation_id: string | null;
  action: string;
  resource_type: string;
  resource_id: string | null;
  summary: Record<string, unknown>;
  request_id: string | null;
  prev_hash: string;
  hash: string;
};

function fromRow(row: AuditRow): ChainedEntry {
  return {
    seq: row.seq,
    at: row.at,
    actorUserId: row.actor_user_id,
    actorOrganisationId: row.actor_organisation_id,
    action: row.action,
    resourceType: row.resource_type,
    resourceId: row.resource_id,
    summary: row.summary,
    requestId: row.request_id,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

/** Streams the whole log in seq order, a page at a time, so verification runs in bounded memory. */
export async function* readAuditLog(db: Queryable, pageSize = 5000): AsyncGenerator<ChainedEntry> {
  let after = 0;
  for (;;) {
    const page = await db.query<AuditRow>('SELECT * FROM audit_log WHERE seq > $1 ORDER BY seq LIMIT $2', [
      after,
      pageSize,
    ]);
    for (const row of page.rows) {
      yield fromRow(row);
    }
    const lastRow = page.rows.at(-1);
    if (!lastRow || page.rows.length < pageSize) {
      return;
    }
    after = lastRow.seq;
  }
}

export async function findAuditEntries(
  db: Queryable,
  filter: { organisationIds: string[] | 'all'; before?: number; limit: number },
): Promise<ChainedEntry[]> {
  const rows = await db.query<AuditRow>(
    `SELECT * FROM audit_log
      WHERE ($1::uuid[] IS NULL OR actor_organisation_id = ANY($1))
        AND ($2::bigint IS NULL OR seq < $2)
      ORDER BY seq DESC LIMIT $3`,
    [filter.organisationIds === 'all' ? null : filter.organisationIds, filter.before ?? null, filter.limit],
  );
  return rows.rows.map(fromRow);
}
