// One worker thread that rebuilds outgrown families of an IndexedMatcher (see layered-index.ts), so
// a 10M-entry rebuild (about 2 s) never blocks lookups on the event loop. Started on first use and
// unref'd: it never keeps the process alive.
import { Worker } from 'node:worker_threads';
import { workerCompileCache } from '../../platform/compile-cache.ts';
import type { FamilyName } from './families.ts';
import type { RebuildRequest, RebuildResponse } from './rebuild-worker.ts';

type Waiter = { resolve: (table: unknown) => void; reject: (error: Error) => void };

export class RebuildPool {
  #worker: Worker | undefined;
  readonly #waiting = new Map<number, Waiter>();
  #next = 0;
  /** Rebuilds completed by the worker (tests and stats). */
  completed = 0;

  build<B>(family: FamilyName, base: B | undefined, pending: RebuildRequest['pending']): Promise<B> {
    const worker = this.#start();
    const id = (this.#next += 1);
    return new Promise<B>((resolve, reject) => {
      this.#waiting.set(id, { resolve: resolve as (t: unknown) => void, reject });
      // The base is copied (lookups keep using it until the new one lands); pending is ours to give.
      const request: RebuildRequest = { id, family, base: base as RebuildRequest['base'], pending };
      worker.postMessage(request);
    });
  }

  /** Starts the worker now, so the first rebuild does not also wait for its modules to load. */
  warm(): void {
    this.#start();
  }

  async close(): Promise<void> {
    const worker = this.#worker;
    this.#worker = undefined;
    this.#failAll(new Error('the rebuild worker was closed'));
    await worker?.terminate();
  }

  #start(): Worker {
    if (this.#worker) {
      return this.#worker;
    }
    const worker = new Worker(new URL('./rebuild-worker.ts', import.meta.url), workerCompileCache());
    worker.unref();
    worker.on('message', (response: RebuildResponse) => {
      const waiter = this.#waiting.get(response.id);
      this.#waiting.delete(response.id);
      if (response.error !== undefined) {
        waiter?.reject(new Error(response.error));
      } else {
        this.completed += 1;
        waiter?.resolve(response.table);
      }
    });
    worker.on('error', (error: Error) => {
      this.#worker = undefined;
      this.#failAll(error);
    });
    this.#worker = worker;
    return worker;
  }

  #failAll(error: Error): void {
    for (const waiter of this.#waiting.values()) {
      waiter.reject(error);
    }
    this.#waiting.clear();
  }
}
