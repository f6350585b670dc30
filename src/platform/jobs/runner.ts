// Runs queued jobs: claims one at a time, gives the handler a throttled progress reporter that also
// saves checkpoints and heartbeats, retries failures with back-off, and resumes jobs of dead workers.
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { Ctx } from '../context.ts';
import { claimJob, finishJob, reportProgress, requeueStale, retryOrFail, type JobRow } from './store.ts';

export type Progress = {
  done: number;
  total?: number | null;
  message?: string | null;
  checkpoint?: Record<string, unknown>;
};
export type JobContext = {
  job: JobRow;
  /** Saved at most every 250 ms unless `force`; a checkpoint is what a resumed attempt starts from. */
  progress: (p: Progress, force?: boolean) => Promise<void>;
  signal: AbortSignal;
};
export type JobHandler = (job: JobContext) => Promise<Record<string, unknown>>;
export type JobHandlers = Record<string, JobHandler>;

export type RunnerOptions = { pollMs?: number; staleAfterMs?: number; workerId?: string };

export class JobRunner {
  readonly workerId: string;
  private readonly pollMs: number;
  private readonly staleAfterMs: number;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private readonly abort = new AbortController();
  private readonly ctx: Ctx;
  private readonly handlers: JobHandlers;

  constructor(ctx: Ctx, handlers: JobHandlers, options: RunnerOptions = {}) {
    this.ctx = ctx;
    this.handlers = handlers;
    this.workerId = options.workerId ?? `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
    this.pollMs = options.pollMs ?? 500;
    this.staleAfterMs = options.staleAfterMs ?? 60_000;
  }

  /** Claims and runs one job; false when there was nothing to do. */
  async runOnce(): Promise<boolean> {
    const now = this.ctx.now();
    await requeueStale(this.ctx.db, new Date(now.getTime() - this.staleAfterMs).toISOString());
    const kinds = Object.keys(this.handlers);
    const job =
      kinds.length > 0 ? await claimJob(this.ctx.db, kinds, this.workerId, now.toISOString()) : undefined;
    if (!job) {
      return false;
    }
    await this.execute(job);
    return true;
  }

  private async execute(job: JobRow): Promise<void> {
    const handler = this.handlers[job.kind] as JobHandler;
    let last = 0;
    const progress = async (p: Progress, force = false) => {
      const t = Date.now();
      if (force || p.checkpoint || t - last >= 250) {
        last = t;
        await reportProgress(this.ctx.db, job.id, this.workerId, p, this.ctx.now().toISOString());
      }
    };
    try {
      const result = await handler({ job, progress, signal: this.abort.signal });
      await finishJob(
        this.ctx.db,
        job.id,
        this.workerId,
        { status: 'succeeded', result },
        this.ctx.now().toISOString(),
      );
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const backoffMs = Math.min(60_000 * 2 ** (job.attempts - 1), 3_600_000);
      const now = this.ctx.now();
      await retryOrFail(
        this.ctx.db,
        job.id,
        this.workerId,
        message,
        new Date(now.getTime() + backoffMs).toISOString(),
        now.toISOString(),
      );
    }
  }

  start(): void {
    const tick = async () => {
      this.timer = undefined;
      try {
        while (!this.abort.signal.aborted && (await this.runOnce())) {
          // keep draining the queue
        }
      } catch {
        // The database may be briefly unavailable; the next tick tries again.
      }
      if (!this.abort.signal.aborted) {
        this.timer = setTimeout(() => void (this.running = tick()), this.pollMs);
      }
    };
    this.running = tick();
  }

  async stop(): Promise<void> {
    this.abort.abort();
    if (this.timer) {
      clearTimeout(this.timer);
    }
    await this.running;
  }
}
