// SQL of TAXII feeds: rows, the due ones for the scheduler, and the outcome of each run.
import type { Queryable } from '../../platform/db/pool.ts';
import type { Tlp } from '../../platform/access/tlp-policy.ts';

export type FeedRow = {
  id: string;
  name: string;
  organisation_id: string;
  created_by: string | null;
  url: string;
  remote_collection_id: string;
  auth_kind: 'none' | 'token' | 'basic';
  username: string | null;
  secret_ciphertext: string | null;
  interval_minutes: number;
  tlp: Tlp | null;
  audience_organisation_ids: string[];
  target_collection_id: string | null;
  enabled: boolean;
  last_added_after: string | null;
  next_run_at: string;
  last_job_id: string | null;
  last_run_at: string | null;
  last_status: 'queued' | 'running' | 'succeeded' | 'failed' | null;
  last_counts: Record<string, number> | null;
  last_error: string | null;
  created_at: string;
};

export async function insertFeed(
  q: Queryable,
  f: Omit<
    FeedRow,
    'id' | 'last_added_after' | 'last_job_id' | 'last_run_at' | 'last_status' | 'last_counts' | 'last_error'
  >,
): Promise<FeedRow> {
  const r = await q.query<FeedRow>(
    `INSERT INTO taxii_feeds (name, organisation_id, created_by, url, remote_collection_id, auth_kind, username, secret_ciphertext,
       interval_minutes, tlp, audience_organisation_ids, target_collection_id, enabled, next_run_at, created_at)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15) RETURNING *`,
    [
      f.name,
      f.organisation_id,
      f.created_by,
      f.url,
      f.remote_collection_id,
      f.auth_kind,
      f.username,
      f.secret_ciphertext,
      f.interval_minutes,
      f.tlp,
      f.audience_organisation_ids,
      f.target_collection_id,
      f.enabled,
      f.next_run_at,
      f.created_at,
    ],
  );
  return r.rows[0] as FeedRow;
}

export async function findFeed(q: Queryable, id: string): Promise<FeedRow | undefined> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) {
    return undefined;
  }
  const r = await q.query<FeedRow>('SELECT * FROM taxii_feeds WHERE id = $1', [id]);
  return r.rows[0];
}

/** Feeds of these organisations, or all of them ('all', for platform administrators). */
export async function findFeedsOf(q: Queryable, organisationIds: string[] | 'all'): Promise<FeedRow[]> {
  const r = await q.query<FeedRow>(
    `SELECT * FROM taxii_feeds WHERE $1::boolean OR organisation_id = ANY($2::uuid[]) ORDER BY name`,
    [organisationIds === 'all', organisationIds === 'all' ? [] : organisationIds],
  );
  return r.rows;
}

/** Claims due feeds and moves their next run forward, so two schedulers never queue the same run. */
export async function claimDueFeeds(q: Queryable, now: string, limit = 20): Promise<FeedRow[]> {
  const r = await q.query<FeedRow>(
    `UPDATE taxii_feeds f SET next_run_at = $1::timestamptz + f.interval_minutes * interval '1 minute', last_status = 'queued'
      WHERE f.id IN (SELECT id FROM taxii_feeds WHERE enabled AND next_run_at <= $1
                      ORDER BY next_run_at FOR UPDATE SKIP LOCKED LIMIT $2)
      RETURNING f.*`,
    [now, limit],
  );
  return r.rows;
}

export async function markFeedQueued(q: Queryable, id: string, jobId: string): Promise<void> {
  await q.query(`UPDATE taxii_feeds SET last_job_id = $2, last_status = 'queued' WHERE id = $1`, [id, jobId]);
}

export async function markFeedRunning(q: Queryable, id: string, now: string): Promise<void> {
  await q.query(`UPDATE taxii_feeds SET last_status = 'running', last_run_at = $2 WHERE id = $1`, [id, now]);
}

export async function markFeedFinished(
  q: Queryable,
  id: string,
  outcome: { status: 'succeeded' | 'failed'; counts: Record<string, number> | null; error: string | null },
): Promise<void> {
  await q.query(`UPDATE taxii_feeds SET last_status = $2, last_counts = $3, last_error = $4 WHERE id = $1`, [
    id,
    outcome.status,
    outcome.counts === null ? null : JSON.stringify(outcome.counts),
    outcome.error,
  ]);
}

export async function saveFeedPosition(q: Queryable, id: string, addedAfter: string): Promise<void> {
  await q.query('UPDATE taxii_feeds SET last_added_after = $2 WHERE id = $1', [id, addedAfter]);
}
