// Routing runs too long for one HTTP request (a feed of 100,000 values takes minutes) run as a job:
// the input is validated and the organisation checked before it is queued; the job acts with the
// requester's memberships as they are when it runs, never wider than when it was asked (a token's
// narrowing is kept), and reports progress; its result names the run.
import type { Ctx, RequestMeta } from '../../platform/context.ts';
import type { Actor } from '../../platform/access/policy.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import { parseInput } from '../../platform/errors/parse-input.ts';
import { enqueueJob, presentJob, type JobView } from '../../platform/jobs/jobs.ts';
import type { JobContext } from '../../platform/jobs/runner.ts';
import { actorOf } from '../../platform/identity/present.ts';
import { findMemberships, findUserById } from '../../platform/identity/store.ts';
import { createRoutingRun, runOrganisation } from './routing-run.ts';
import { checkImportSource } from './routing-sources.ts';
import { routeRunInput } from './schemas.ts';

export const ROUTING_RUN_JOB = 'intel.routing.run';

type Payload = {
  input: unknown;
  userId: string;
  organisationIds: string[];
  isAdmin: boolean;
  via: Actor['via'];
};

export async function enqueueRoutingRun(
  ctx: Ctx,
  actor: Actor,
  raw: unknown,
  meta: RequestMeta = {},
): Promise<JobView> {
  const input = parseInput(routeRunInput, raw, 'routing run');
  const organisationId = runOrganisation(actor, input.organisationId);
  if (input.source.kind === 'import') {
    // Refused now rather than by a failed job: an import the requester may not see, or not finished.
    await checkImportSource(ctx, actor, input.source.importId);
  }
  const payload: Payload = {
    input: { ...input, organisationId },
    userId: actor.userId,
    organisationIds: actor.memberships.map((m) => m.organisationId),
    isAdmin: actor.isAdmin,
    via: actor.via,
  };
  // A run is one transaction: a retry after a failure cannot leave half a run behind.
  const row = await enqueueJob(
    ctx,
    actor,
    { kind: ROUTING_RUN_JOB, payload, organisationId, maxAttempts: 2 },
    meta,
  );
  return presentJob(row);
}

export function createRoutingRunHandler(ctx: Ctx) {
  return async (job: JobContext): Promise<Record<string, unknown>> => {
    const p = job.job.payload as unknown as Payload;
    const user = await findUserById(ctx.db, p.userId);
    if (!user || user.disabled) {
      throw new AppError('FORBIDDEN', 'the user who asked for this routing run can no longer act');
    }
    const current = actorOf(user, await findMemberships(ctx.db, user.id), p.via);
    const actor: Actor = {
      ...current,
      isAdmin: current.isAdmin && p.isAdmin,
      memberships: current.memberships.filter((m) => p.organisationIds.includes(m.organisationId)),
    };
    const run = await createRoutingRun(ctx, actor, p.input, {}, (done, total) => {
      void job.progress({ done, total, message: 'finding the responsible teams' });
    });
    return { runId: run.id, counts: run.counts };
  };
}
