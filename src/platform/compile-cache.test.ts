import { once } from 'node:events';
import { getCompileCacheDir } from 'node:module';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { useCompileCache, workerCompileCache } from './compile-cache.ts';

/** What getCompileCacheDir() says inside a new worker started with `options`. */
async function cacheDirInWorker(options: ReturnType<typeof workerCompileCache>): Promise<unknown> {
  const worker = new Worker(
    "require('node:worker_threads').parentPort.postMessage(require('node:module').getCompileCacheDir() ?? null)",
    { eval: true, ...options },
  );
  const [message] = (await once(worker, 'message')) as [unknown];
  await worker.terminate();
  return message;
}

describe('compile cache', () => {
  it('is shared with workers started with workerCompileCache(), and only with them', async () => {
    useCompileCache();
    const directory = getCompileCacheDir();
    // Enabling can fail quietly (a read-only temporary directory); then there is nothing to share.
    if (directory === undefined) {
      expect(workerCompileCache()).toEqual({});
      return;
    }
    expect(await cacheDirInWorker(workerCompileCache())).toBe(directory);
    const withoutCache = Object.entries(process.env).filter(([name]) => name !== 'NODE_COMPILE_CACHE');
    expect(await cacheDirInWorker({ env: Object.fromEntries(withoutCache) })).toBeNull();
  });
});
