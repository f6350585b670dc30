// Queues the runs of due feeds. Runs inside `serve` beside the job runner; any number of nodes may run
// it: claiming a due feed moves its next run forward under SKIP LOCKED, so a run is queued once.
import type { Ctx } from '../../platform/context.ts';
import { inTransaction } from '../../platform/db/pool.ts';
import { claimDueFeeds } from './feed-store.ts';
import { queueFeedRun } from './feeds.ts';

export const FEED_SCHEDULER_TICK_MS = 30_000;

/** Queues every due feed once; returns how many runs were queued. */
export async function queueDueFeeds(ctx: Ctx): Promise<number> {
  return inTransaction(ctx.db, async (tx) => {
    const due = await claimDueFeeds(tx, ctx.now().toISOString());
    for (const feed of due) {
      await queueFeedRun(ctx, tx, feed, null);
    }
    return due.length;
  });
}

export function startFeedScheduler(ctx: Ctx, tickMs = FEED_SCHEDULER_TICK_MS): { stop(): void } {
  let stopped = false;
  const tick = async () => {
    try {
      await queueDueFeeds(ctx);
    } catch {
      // The database may be briefly unavailable; the next tick tries again.
    }
  };
  void tick();
  const timer = setInterval(() => {
    if (!stopped) {
      void tick();
    }
  }, tickMs);
  timer.unref();
  return {
    stop() {
      stopped = true;
      clearInterval(timer);
    },
  };
}
