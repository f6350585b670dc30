// Node compiles every module, and strips the types of every TypeScript one, each time a process or a
// worker thread loads it: about a fifth of a second before an import's first write, in the prepare
// worker alone. The on-disk compile cache keeps the results between runs (NODE_COMPILE_CACHE picks
// its directory; NODE_DISABLE_COMPILE_CACHE=1 turns it off). It is an optimisation only: failing to
// enable it is not an error.
import { enableCompileCache } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { WorkerOptions } from 'node:worker_threads';

/** The directory given to enableCompileCache, once enabled (Node adds a per-version folder in it). */
let enabledIn: string | undefined;

/** Enables the cache for this thread (call before the heavy imports: they are compiled as loaded). */
export function useCompileCache(): void {
  const directory = process.env.NODE_COMPILE_CACHE || join(tmpdir(), 'node-compile-cache');
  if (enableCompileCache(directory).directory !== undefined) {
    enabledIn = directory;
  }
}

/**
 * Options for a new Worker that let it share this thread's compile cache: a worker inherits the cache
 * only through its environment.
 */
export function workerCompileCache(): Pick<WorkerOptions, 'env'> {
  return enabledIn === undefined ? {} : { env: { ...process.env, NODE_COMPILE_CACHE: enabledIn } };
}
