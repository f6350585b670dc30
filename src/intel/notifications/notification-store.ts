// SQL of notifications: one per (routing run, responsible team), its items, delivery state and
// acknowledgement; inbox reads are scoped to the teams the reader's organisations run.
import type { Queryable } from '../../platform/db/pool.ts';
import type { Tlp } from '../../platform/access/tlp-policy.ts';

export type NotificationItem = {
  seq: number;
  kind: 'ip' | 'domain';
  value: string;
  countries: string[];
  asn: number | null;
  via: string;
  detail: string;
  tlp: Tlp;
  objectId: string | null;
  flags: string[];
};

export type DeliveryStatus = 'inbox-only' | 'pending' | 'retrying' | 'delivered' | 'failed';
/** How the e-mail went: encrypted to the team's key, in clear, or withheld (the team requires PGP). */
export type EmailProtection = 'pgp' | 'plain' | 'withheld';

export type NotificationRow = {
  id: string;
  run_id: string;
  run_name: string;
  run_organisation_id: string;
  cirt_id: string;
  cirt_name: string;
  cirt_country: string;
  cirt_organisation_id: string | null;
  tlp: Exclude<Tlp, 'red'>;
  item_count: number;
  delivery_status: DeliveryStatus;
  delivery_channels: string[];
  delivery_attempts: number;
  delivery_error: string | null;
  email_protection: EmailProtection | null;
  delivered_at: string | null;
  acknowledged_at: string | null;
  acknowledged_by: string | null;
  created_at: string;
};

const SELECT = `SELECT n.id, n.run_id, r.name AS run_name, r.organisation_id AS run_organisation_id, n.cirt_id,
    c.official_name AS cirt_name, c.country AS cirt_country, c.organisation_id AS cirt_organisation_id, n.tlp, n.item_count,
    n.delivery_status, n.delivery_channels, n.delivery_attempts, n.delivery_error, n.email_protection, n.delivered_at, n.acknowledged_at,
    n.acknowledged_by, n.created_at
  FROM notifications n JOIN routing_runs r ON r.id = n.run_id JOIN cirts c ON c.id = n.cirt_id`;

export async function insertNotification(
  q: Queryable,
  n: {
    runId: string;
    cirtId: string;
    tlp: Exclude<Tlp, 'red'>;
    items: NotificationItem[];
    status: DeliveryStatus;
    channels: string[];
    createdAt: string;
  },
): Promise<string> {
  const r = await q.query<{ id: string }>(
    `INSERT INTO notifications (run_id, cirt_id, tlp, items, item_count, delivery_status, delivery_channels, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
    [n.runId, n.cirtId, n.tlp, JSON.stringify(n.items), n.items.length, n.status, n.channels, n.createdAt],
  );
  return (r.rows[0] as { id: string }).id;
}

/** Many notifications of one run in one statement; returns their ids by team. */
export async function insertNotifications(
  q: Queryable,
  runId: string,
  createdAt: string,
  rows: {
    cirtId: string;
    tlp: Exclude<Tlp, 'red'>;
    items: NotificationItem[];
    status: DeliveryStatus;
    channels: string[];
  }[],
): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (let start = 0; start < rows.length; start += 1000) {
    const slice = rows.slice(start, start + 1000);
    const r = await q.query<{ id: string; cirt_id: string }>(
      `INSERT INTO notifications (run_id, cirt_id, tlp, items, item_count, delivery_status, delivery_channels, created_at)
       SELECT $1, n."cirtId", n.tlp, n.items, jsonb_array_length(n.items), n.status,
              ARRAY(SELECT jsonb_array_elements_text(n.channels)), $2
         FROM jsonb_to_recordset($3::jsonb) AS n("cirtId" uuid, tlp text, items jsonb, status text, channels jsonb)
       RETURNING id, cirt_id`,
      [runId, createdAt, JSON.stringify(slice)],
    );
    for (const row of r.rows) {
      ids.set(row.cirt_id, row.id);
    }
  }
  return ids;
}

/** Notifications to teams run by the given organisations, newest first (keyset on created_at, id). */
export async function listInbox(
  q: Queryable,
  organisationIds: string[],
  filter: { unacknowledged?: boolean | undefined; limit: number },
): Promise<NotificationRow[]> {
  const r = await q.query<NotificationRow>(
    `${SELECT} WHERE c.organisation_id = ANY($1::uuid[]) AND (NOT $2 OR n.acknowledged_at IS NULL)
      ORDER BY n.created_at DESC, n.id LIMIT $3`,
    [organisationIds, filter.unacknowledged ?? false, filter.limit],
  );
  return r.rows;
}

export async function listNotificationsOfRun(q: Queryable, runId: string): Promise<NotificationRow[]> {
  const r = await q.query<NotificationRow>(
    `${SELECT} WHERE n.run_id = $1 ORDER BY c.country, c.official_name`,
    [runId],
  );
  return r.rows;
}

export async function findNotification(q: Queryable, id: string): Promise<NotificationRow | undefined> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) {
    return undefined;
  }
  const r = await q.query<NotificationRow>(`${SELECT} WHERE n.id = $1`, [id]);
  return r.rows[0];
}

export async function findItems(q: Queryable, id: string): Promise<NotificationItem[]> {
  const r = await q.query<{ items: NotificationItem[] }>('SELECT items FROM notifications WHERE id = $1', [
    id,
  ]);
  return r.rows[0]?.items ?? [];
}

/** Sets the acknowledgement once; false when it was already acknowledged. */
export async function markAcknowledged(
  q: Queryable,
  id: string,
  userId: string,
  at: string,
): Promise<boolean> {
  const r = await q.query(
    'UPDATE notifications SET acknowledged_at = $3, acknowledged_by = $2 WHERE id = $1 AND acknowledged_at IS NULL',
    [id, userId, at],
  );
  return (r.rowCount ?? 0) > 0;
}

export async function recordDelivery(
  q: Queryable,
  id: string,
  outcome: {
    status: DeliveryStatus;
    error: string | null;
    at: string;
    emailProtection: EmailProtection | null;
  },
): Promise<void> {
  await q.query(
    `UPDATE notifications SET delivery_status = $2, delivery_error = $3, delivery_attempts = delivery_attempts + 1,
       delivered_at = CASE WHEN $2 = 'delivered' THEN $4::timestamptz ELSE delivered_at END,
       email_protection = coalesce($5, email_protection)
     WHERE id = $1`,
    [id, outcome.status, outcome.error, outcome.at, outcome.emailProtection],
  );
}
