// Prepare workers kept between imports. A new worker loads its modules (about 150 ms) and then runs
// its hot paths unoptimised until V8 has compiled them again, for every import: in a 100k import V8's
// compilers took about half a second of CPU on its helper threads (BENCHMARKS.md). A worker that
// finished an import cleanly waits here for the next one; it is ended after a minute unused, and
// never keeps the process alive. A worker that failed, or whose import stopped midway, is not kept.
import { Worker } from 'node:worker_threads';
import { workerCompileCache } from '../../platform/compile-cache.ts';

/** How long an idle worker is kept. */
const IDLE_MS = 60_000;
/** Idle workers kept at most (two imports at once is the most the job runner starts). */
const MAX_IDLE = 2;

type Idle = { worker: Worker; timer: NodeJS.Timeout; forget: () => void };
const idle: Idle[] = [];

/** Counts of workers started and reused (tests check the reuse). */
export const preparePoolStats = { started: 0, reused: 0 };

/** A prepare worker ready for an import: an idle one, or a new one. */
export function acquirePrepareWorker(): Worker {
  const kept = idle.pop();
  if (kept) {
    clearTimeout(kept.timer);
    // Only the pool's own listeners: Worker keeps listeners of its own on itself.
    kept.worker.off('error', kept.forget).off('exit', kept.forget);
    kept.worker.ref();
    preparePoolStats.reused += 1;
    return kept.worker;
  }
  preparePoolStats.started += 1;
  return new Worker(new URL('./prepare-worker.ts', import.meta.url), workerCompileCache());
}

/**
 * Gives back a worker whose import ended with its `done` message, its caller's listeners removed;
 * others must be terminated.
 */
export function releasePrepareWorker(worker: Worker): void {
  if (idle.length >= MAX_IDLE) {
    void worker.terminate();
    return;
  }
  worker.unref();
  const entry: Idle = {
    worker,
    timer: setTimeout(() => {
      drop(entry);
      void worker.terminate();
    }, IDLE_MS).unref(),
    forget: () => drop(entry),
  };
  // An idle worker that fails or stops is forgotten (an 'error' without a listener would throw here).
  worker.on('error', entry.forget).on('exit', entry.forget);
  idle.push(entry);
}

function drop(entry: Idle): void {
  const at = idle.indexOf(entry);
  if (at >= 0) {
    idle.splice(at, 1);
  }
  clearTimeout(entry.timer);
}

/** Ends every idle worker (tests; a process exits without it). */
export async function closePrepareWorkers(): Promise<void> {
  const all = idle.splice(0);
  await Promise.all(
    all.map((e) => {
      clearTimeout(e.timer);
      return e.worker.terminate();
    }),
  );
}
