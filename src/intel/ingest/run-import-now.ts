// Runs one import's job in the calling process (the CLI, the demo) instead of waiting for `serve`:
// claims it by id, reports progress and heartbeats to the job row, and finishes or fails it there,
// so the API shows the same status whoever ran it.
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Ctx } from '../../platform/context.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import { finishJob, reportProgress, retryOrFail } from '../../platform/jobs/store.ts';
import type { Progress } from '../../platform/jobs/runner.ts';
import { runImport } from './import-job.ts';
import { claimJobById } from '../../platform/jobs/store.ts';
import type { ImportView } from './import-view.ts';

export async function runImportNow(
  ctx: Ctx,
  view: ImportView,
  onProgress: (p: Progress) => void = () => {},
): Promise<void> {
  const worker = `local:${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  const job = view.jobId
    ? await claimJobById(ctx.db, view.jobId, worker, ctx.now().toISOString())
    : undefined;
  if (!job) {
    throw new AppError('CONFLICT', `import ${view.id} is already being run by another process`);
  }
  let last = 0;
  const progress = async (p: Progress) => {
    onProgress(p);
    const t = Date.now();
    // Each batch's position is committed with the batch; this row is the heartbeat and the display.
    if (t - last >= 250) {
      last = t;
      await reportProgress(ctx.db, job.id, worker, p, ctx.now().toISOString());
    }
  };
  try {
    const result = await runImport(ctx, view.id, progress);
    await finishJob(ctx.db, job.id, worker, { status: 'succeeded', result }, ctx.now().toISOString());
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await retryOrFail(ctx.db, job.id, worker, message, ctx.now().toISOString(), ctx.now().toISOString());
    throw error;
  }
}
