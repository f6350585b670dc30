// Enqueuing jobs (audited) and showing them to the people allowed to see them.
import { AppError } from '../errors/app-error.ts';
import { appendAudit } from '../audit/store.ts';
import { inTransaction } from '../db/pool.ts';
import type { Ctx, RequestMeta } from '../context.ts';
import { organisationIdsOf, type Actor } from '../access/policy.ts';
import { findJob, findJobsOf, insertJob, type JobRow } from './store.ts';

export type JobView = {
  id: string;
  kind: string;
  status: JobRow['status'];
  progress: { done: number; total: number | null; message: string | null };
  result: Record<string, unknown> | null;
  error: string | null;
  attempts: number;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
};

export function presentJob(row: JobRow): JobView {
  return {
    id: row.id,
    kind: row.kind,
    status: row.status,
    progress: { done: row.progress_done, total: row.progress_total, message: row.progress_message },
    result: row.result,
    error: row.error,
    attempts: row.attempts,
    createdAt: row.created_at,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
  };
}

export async function enqueueJob(
  ctx: Ctx,
  actor: Actor | undefined,
  job: {
    kind: string;
    payload: Record<string, unknown>;
    organisationId: string | null;
    maxAttempts?: number;
  },
  meta: RequestMeta = {},
): Promise<JobRow> {
  return inTransaction(ctx.db, async (tx) => {
    const row = await insertJob(tx, {
      ...job,
      createdBy: actor?.userId ?? null,
      now: ctx.now().toISOString(),
    });
    await appendAudit(
      tx,
      {
        actorUserId: actor?.userId ?? null,
        actorOrganisationId: job.organisationId,
        action: 'job.enqueue',
        resourceType: 'job',
        resourceId: row.id,
        summary: { kind: job.kind },
        requestId: meta.requestId ?? null,
      },
      ctx.now(),
    );
    return row;
  });
}

/** A job is visible to its creator, to members of its organisation, and to platform administrators. */
function canSeeJob(actor: Actor, row: JobRow): boolean {
  return (
    actor.isAdmin ||
    row.created_by === actor.userId ||
    (row.organisation_id !== null && organisationIdsOf(actor).includes(row.organisation_id))
  );
}

export async function getJob(ctx: Ctx, actor: Actor, id: string): Promise<JobView> {
  const row = await findJob(ctx.db, id);
  if (!row || !canSeeJob(actor, row)) {
    throw new AppError('NOT_FOUND', `no job ${id} that you may see`);
  }
  return presentJob(row);
}

export async function listJobs(ctx: Ctx, actor: Actor, limit = 50): Promise<JobView[]> {
  const rows = await findJobsOf(ctx.db, actor.isAdmin ? 'all' : organisationIdsOf(actor), limit);
  return rows.filter((r) => canSeeJob(actor, r)).map(presentJob);
}
