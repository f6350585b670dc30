// The running store-fed matcher: loads the index at start, then follows the store (LISTEN
// accord_intel_written, catch-up on pk > last seen and on gaps) and drops expired indicators on a
// timer. The server keeps one for its lifetime; a CLI run loads it once without following.
import type { Ctx } from '../../platform/context.ts';
import { StoreIndex } from './store-index.ts';
import { RebuildPool } from './rebuild-pool.ts';
import {
  findLiveMatchableRows,
  findMaxObjectPk,
  findRowsSince,
  listenIntelWritten,
  type Listener,
} from './matcher-store.ts';

const PAGE = 5000;
/** Rows re-read below the highest pk seen at start, for transactions that were still committing. */
const START_OVERLAP = 1000;
const EXPIRY_TICK_MS = 5000;

export type MatcherServiceOptions = { follow?: boolean; log?: (message: string) => void };

export type MatcherService = {
  index: StoreIndex;
  /** Reads what the store gained since the last read (also run on each notification). */
  catchUp(): Promise<void>;
  /** Drops expired entries now; lookups call it so expiry is exact between timer ticks. */
  expire(): void;
  close(): Promise<void>;
};

export async function startMatcherService(
  ctx: Ctx,
  options: MatcherServiceOptions = {},
): Promise<MatcherService> {
  const index = new StoreIndex();
  const log = options.log ?? (() => {});
  let listener: Listener | undefined;
  let running: Promise<void> | undefined;
  let again = false;
  let closed = false;

  const readNew = async () => {
    for (;;) {
      const rows = await findRowsSince(ctx.db, index.gaps.lastPk, index.gaps.ranges(Date.now()), PAGE);
      index.apply(rows, ctx.now());
      if (rows.length < PAGE) {
        return;
      }
    }
  };
  const catchUp = async (): Promise<void> => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      try {
        do {
          again = false;
          await readNew();
        } while (again && !closed);
      } finally {
        running = undefined;
      }
    })();
    return running;
  };

  if (options.follow !== false) {
    listener = await listenIntelWritten(
      ctx.db,
      () => void catchUp().catch((e: Error) => log(`matcher catch-up failed: ${e.message}`)),
      (e) => log(`matcher listener lost: ${e.message}`),
    );
  }
  const startPk = await findMaxObjectPk(ctx.db);
  const loader = index.beginLoad();
  for (let after = 0; ;) {
    const rows = await findLiveMatchableRows(ctx.db, after, ctx.now().toISOString(), PAGE);
    loader.add(rows, ctx.now());
    if (rows.length < PAGE) {
      break;
    }
    after = rows.at(-1)!.pk;
  }
  loader.finish();
  index.gaps.reset(Math.max(0, startPk - START_OVERLAP));
  await catchUp();

  // Only a following matcher changes after its load: its outgrown deltas are rebuilt on a worker.
  const pool = options.follow !== false ? new RebuildPool() : undefined;
  pool?.warm();
  index.matcher.useBackgroundRebuild(pool);
  const timer = setInterval(() => index.expireDue(ctx.now()), EXPIRY_TICK_MS);
  timer.unref();
  return {
    index,
    catchUp,
    expire: () => void index.expireDue(ctx.now()),
    close: async () => {
      closed = true;
      clearInterval(timer);
      await running?.catch(() => {});
      await listener?.close();
      await pool?.close();
    },
  };
}
