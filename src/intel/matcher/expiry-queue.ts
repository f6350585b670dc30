// A binary min-heap of (expiry time, entry id, version pk): the store-fed matcher drops an indicator
// when its valid_until passes, if the version that set it is still the indexed one.

export type Expiry = { at: number; entryId: number; pk: number };

export class ExpiryQueue {
  readonly #heap: Expiry[] = [];

  get size(): number {
    return this.#heap.length;
  }

  push(item: Expiry): void {
    const heap = this.#heap;
    heap.push(item);
    for (let i = heap.length - 1; i > 0;) {
      const parent = (i - 1) >> 1;
      if (heap[parent]!.at <= heap[i]!.at) {
        break;
      }
      [heap[parent], heap[i]] = [heap[i]!, heap[parent]!];
      i = parent;
    }
  }

  /** Removes and returns every item due at or before `now`, earliest first. */
  popDue(now: number): Expiry[] {
    const due: Expiry[] = [];
    while (this.#heap.length > 0 && this.#heap[0]!.at <= now) {
      due.push(this.#pop());
    }
    return due;
  }

  #pop(): Expiry {
    const heap = this.#heap;
    const top = heap[0]!;
    const last = heap.pop()!;
    if (heap.length > 0) {
      heap[0] = last;
      for (let i = 0; ;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < heap.length && heap[l]!.at < heap[m]!.at) {
          m = l;
        }
        if (r < heap.length && heap[r]!.at < heap[m]!.at) {
          m = r;
        }
        if (m === i) {
          break;
        }
        [heap[m], heap[i]] = [heap[i]!, heap[m]!];
        i = m;
      }
    }
    return top;
  }
}
