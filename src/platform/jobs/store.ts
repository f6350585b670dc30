// SQL for jobs: enqueue, claim with SKIP LOCKED, progress and checkpoints, finish, and re-queue
// jobs whose node stopped sending heartbeats.
import type { Queryable } from '../db/pool.ts';

export type JobStatus = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';
export type JobRow = {
  id: string;
  kind: string;
  status: JobStatus;
  payload: Record<string, unknown>;
  progress_done: number;
  progress_total: number | null;
  progress_message: string | null;
  checkpoint: Record<string, unknown> | null;
  result: Record<string, unknown> | null;
  error: string | null;
  attempts: number;
  max_attempts: number;
  created_by: string | null;
  organisation_id: string | null;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
};

export async function insertJob(
  q: Queryable,
  job: {
    kind: string;
    payload: Record<string, unknown>;
    createdBy: string | null;
    organisationId: string | null;
    now: string;
    maxAttempts?: number;
  },
): Promise<JobRow> {
  const r = await q.query<JobRow>(
    `INSERT INTO jobs (kind, payload, created_by, organisation_id, run_after, created_at, max_attempts)
     VALUES ($1, $2, $3, $4, $5, $5, $6) RETURNING *`,
    [job.kind, JSON.stringify(job.payload), job.createdBy, job.organisationId, job.now, job.maxAttempts ?? 3],
  );
  return r.rows[0] as JobRow;
}

/** Claims the oldest runnable job of the given kinds; concurrent workers never get the same one. */
export async function claimJob(
  q: Queryable,
  kinds: string[],
  worker: string,
  now: string,
): Promise<JobRow | undefined> {
  const r = await q.query<JobRow>(
    `UPDATE jobs SET status = 'running', locked_by = $2, heartbeat_at = $3, started_at = coalesce(started_at, $3), attempts = attempts + 1
      WHERE id = (SELECT id FROM jobs WHERE status = 'queued' AND run_after <= $3 AND kind = ANY($1)
                   ORDER BY run_after, created_at FOR UPDATE SKIP LOCKED LIMIT 1)
      RETURNING *`,
    [kinds, worker, now],
  );
  return r.rows[0];
}

/**
 * Claims one queued job by id for a process that runs it itself (the CLI import): the same state
 * change the platform runner makes when it claims, so progress, heartbeats and resumption work alike.
 */
export async function claimJobById(
  q: Queryable,
  jobId: string,
  worker: string,
  now: string,
): Promise<JobRow | undefined> {
  const r = await q.query<JobRow>(
    `UPDATE jobs SET status = 'running', locked_by = $2, heartbeat_at = $3, started_at = coalesce(started_at, $3),
            attempts = attempts + 1
      WHERE id = $1 AND status = 'queued' RETURNING *`,
    [jobId, worker, now],
  );
  return r.rows[0];
}

/** Puts a job back in the queue to resume it: failed ones, and running ones whose worker went silent. */
export async function requeueJob(q: Queryable, jobId: string, silentSince: string): Promise<boolean> {
  const r = await q.query(
    `UPDATE jobs SET status = 'queued', locked_by = NULL, finished_at = NULL, run_after = now(),
            max_attempts = greatest(max_attempts, attempts + 1), progress_message = 'resumed'
      WHERE id = $1 AND (status IN ('failed', 'queued') OR (status = 'running' AND heartbeat_at < $2))`,
    [jobId, silentSince],
  );
  return (r.rowCount ?? 0) > 0;
}

export async function reportProgress(
  q: Queryable,
  id: string,
  worker: string,
  p: { done: number; total?: number | null; message?: string | null; checkpoint?: Record<string, unknown> },
  now: string,
): Promise<boolean> {
  const r = await q.query(
    `UPDATE jobs SET progress_done = $3, progress_total = coalesce($4, progress_total), progress_message = coalesce($5, progress_message),
            checkpoint = coalesce($6, checkpoint), heartbeat_at = $7
      WHERE id = $1 AND locked_by = $2 AND status = 'running'`,
    [
      id,
      worker,
      p.done,
      p.total ?? null,
      p.message ?? null,
      p.checkpoint ? JSON.stringify(p.checkpoint) : null,
      now,
    ],
  );
  return (r.rowCount ?? 0) > 0;
}

export async function finishJob(
  q: Queryable,
  id: string,
  worker: string,
  outcome: { status: 'succeeded' | 'failed'; result?: Record<string, unknown>; error?: string },
  now: string,
): Promise<void> {
  await q.query(
    `UPDATE jobs SET status = $3, result = $4, error = $5, finished_at = $6, locked_by = NULL WHERE id = $1 AND locked_by = $2`,
    [
      id,
      worker,
      outcome.status,
      outcome.result ? JSON.stringify(outcome.result) : null,
      outcome.error ?? null,
      now,
    ],
  );
}

/** Puts a failed attempt back in the queue with a delay, or fails it for good after max_attempts. */
export async function retryOrFail(
  q: Queryable,
  id: string,
  worker: string,
  error: string,
  retryAt: string,
  now: string,
): Promise<JobStatus> {
  const r = await q.query<{ status: JobStatus }>(
    `UPDATE jobs SET status = CASE WHEN attempts < max_attempts THEN 'queued' ELSE 'failed' END,
            run_after = $4, error = $3, locked_by = NULL,
            finished_at = CASE WHEN attempts < max_attempts THEN NULL ELSE $5::timestamptz END
      WHERE id = $1 AND locked_by = $2 RETURNING status`,
    [id, worker, error, retryAt, now],
  );
  return r.rows[0]?.status ?? 'failed';
}

/** Jobs whose worker went silent (crash, kill -9) go back to the queue and resume from their checkpoint. */
export async function requeueStale(q: Queryable, staleBefore: string): Promise<number> {
  const r = await q.query(
    `UPDATE jobs SET status = 'queued', locked_by = NULL, progress_message = 'resumed after its worker stopped'
      WHERE status = 'running' AND heartbeat_at < $1`,
    [staleBefore],
  );
  return r.rowCount ?? 0;
}

export async function findJob(q: Queryable, id: string): Promise<JobRow | undefined> {
  const r = await q.query<JobRow>('SELECT * FROM jobs WHERE id = $1', [id]);
  return r.rows[0];
}

export async function findJobsOf(
  q: Queryable,
  organisationIds: string[] | 'all',
  limit: number,
): Promise<JobRow[]> {
  const r = await q.query<JobRow>(
    `SELECT * FROM jobs WHERE ($1::uuid[] IS NULL OR organisation_id = ANY($1)) ORDER BY created_at DESC LIMIT $2`,
    [organisationIds === 'all' ? null : organisationIds, limit],
  );
  return r.rows;
}
