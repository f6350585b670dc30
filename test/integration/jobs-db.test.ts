// Jobs in PostgreSQL: concurrent workers never run the same job, progress and checkpoints are saved,
// failures retry with back-off, and a job whose worker died resumes from its checkpoint.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Services } from '../../src/platform/services.ts';
import { JobRunner, type JobHandlers } from '../../src/platform/jobs/runner.ts';
import { enqueueJob, getJob } from '../../src/platform/jobs/jobs.ts';
import { claimJob, findJob, reportProgress } from '../../src/platform/jobs/store.ts';
import { createTestServices, testClock } from '../support/services.ts';
import { buildOrganisation, buildUser } from '../support/factories.ts';
import { actorOf } from '../../src/platform/identity/present.ts';
import { findMemberships, findUserById } from '../../src/platform/identity/store.ts';

const clock = testClock();
let services: Services;
beforeAll(async () => {
  services = await createTestServices({ now: clock.now });
});
afterAll(() => services.close());

async function actorFor(userId: string) {
  const user = (await findUserById(services.ctx.db, userId))!;
  return actorOf(user, await findMemberships(services.ctx.db, userId), 'session');
}

describe('jobs', () => {
  it('runs each job exactly once across concurrent workers, with progress', async () => {
    const ran: string[] = [];
    const handlers: JobHandlers = {
      count: async ({ job, progress }) => {
        ran.push(job.id);
        await progress({ done: 1, total: 2, message: 'half way' }, true);
        return { counted: (job.payload as { n: number }).n };
      },
    };
    for (let n = 0; n < 12; n += 1) {
      await enqueueJob(services.ctx, undefined, { kind: 'count', payload: { n }, organisationId: null });
    }
    const workers = [
      new JobRunner(services.ctx, handlers),
      new JobRunner(services.ctx, handlers),
      new JobRunner(services.ctx, handlers),
    ];
    await Promise.all(
      workers.map(async (w) => {
        while (await w.runOnce()) {
          // drain
        }
      }),
    );
    expect(ran).toHaveLength(12);
    expect(new Set(ran).size).toBe(12);
    const done = await services.ctx.db.query<{ status: string; progress_message: string }>(
      "SELECT status, progress_message FROM jobs WHERE kind = 'count'",
    );
    expect(done.rows.every((r) => r.status === 'succeeded' && r.progress_message === 'half way')).toBe(true);
  });

  it('retries a failing job with back-off, then fails it with the error kept', async () => {
    const job = await enqueueJob(services.ctx, undefined, {
      kind: 'flaky',
      payload: {},
      organisationId: null,
      maxAttempts: 2,
    });
    const runner = new JobRunner(services.ctx, {
      flaky: () => Promise.reject(new Error('feed unreachable')),
    });
    expect(await runner.runOnce()).toBe(true);
    expect((await findJob(services.ctx.db, job.id))?.status).toBe('queued');
    expect(await runner.runOnce()).toBe(false);
    clock.advance(61_000);
    expect(await runner.runOnce()).toBe(true);
    expect(await findJob(services.ctx.db, job.id)).toMatchObject({
      status: 'failed',
      error: 'feed unreachable',
      attempts: 2,
    });
  });

  it('resumes a job from its checkpoint after its worker stopped sending heartbeats', async () => {
    const job = await enqueueJob(services.ctx, undefined, {
      kind: 'import',
      payload: {},
      organisationId: null,
    });
    const claimed = await claimJob(services.ctx.db, ['import'], 'dead-worker', clock.now().toISOString());
    expect(claimed?.id).toBe(job.id);
    await reportProgress(
      services.ctx.db,
      job.id,
      'dead-worker',
      { done: 500, checkpoint: { offset: 500 } },
      clock.now().toISOString(),
    );
    clock.advance(5 * 60_000);
    let resumedFrom: unknown;
    const runner = new JobRunner(services.ctx, {
      import: async ({ job: j }) => ((resumedFrom = j.checkpoint), { ok: true }),
    });
    expect(await runner.runOnce()).toBe(true);
    expect(resumedFrom).toEqual({ offset: 500 });
    expect(await findJob(services.ctx.db, job.id)).toMatchObject({ status: 'succeeded', attempts: 2 });
  });

  it('shows a job to its organisation and hides it from others', async () => {
    const mine = await buildOrganisation(services);
    const other = await buildOrganisation(services);
    const me = await actorFor((await buildUser(services, { organisationId: mine.id })).id);
    const stranger = await actorFor((await buildUser(services, { organisationId: other.id })).id);
    const job = await enqueueJob(services.ctx, me, {
      kind: 'count',
      payload: { n: 1 },
      organisationId: mine.id,
    });
    await expect(getJob(services.ctx, me, job.id)).resolves.toMatchObject({ id: job.id, status: 'queued' });
    await expect(getJob(services.ctx, stranger, job.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
