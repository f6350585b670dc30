// The lookups of a batch of observables, as a matching run makes them: the IPv4 addresses of the batch
// parsed and searched together (matchIPv4Batch: their cache misses overlap instead of queueing), every
// other kind one at a time. A log of firewall or flow lines is mostly addresses, and one lookup at a
// time left a 10M index at 1.2–2.3× the maxmind reader from text; batched, 3.3–4.2× (median of
// alternating pairs, BENCHMARKS.md).
import { parseIPv4 } from '../../platform/net/ip-parse.ts';
import type { IndicatorKind, Matcher, VisibilityFilter } from './entry.ts';

/** Reusable buffers for one run: not shared between runs (each may be paused at a different batch). */
export class ObservableLookup {
  /** Hits per observable of the last batch, by its position in [from, to). */
  counts = new Uint32Array(256);
  /** The hits of the last batch, observable after observable, each most specific first. */
  readonly ids: number[] = [];
  #addresses = new Uint32Array(256);
  #addressCounts = new Uint32Array(256);
  #addressHits: number[] = [];
  /** Per observable: its place among the batch's valid addresses, or -1 (not IPv4, or invalid). */
  #slot = new Int32Array(256);

  readonly #matcher: Matcher;

  constructor(matcher: Matcher) {
    this.#matcher = matcher;
  }

  /** Looks up batch[from, to); returns the number of hits (ids.length). */
  run(
    batch: readonly { kind: IndicatorKind; value: string }[],
    from: number,
    to: number,
    filter: VisibilityFilter,
  ): number {
    const n = to - from;
    if (this.counts.length < n) {
      const size = 2 ** Math.ceil(Math.log2(n));
      this.counts = new Uint32Array(size);
      this.#addresses = new Uint32Array(size);
      this.#addressCounts = new Uint32Array(size);
      this.#slot = new Int32Array(size);
    }
    let addressCount = 0;
    for (let i = 0; i < n; i += 1) {
      const o = batch[from + i]!;
      const address = o.kind === 'ipv4' ? parseIPv4(o.value) : -1;
      this.#slot[i] = address < 0 ? -1 : addressCount;
      if (address >= 0) {
        this.#addresses[addressCount] = address;
        addressCount += 1;
      }
    }
    const ids = this.ids;
    ids.length = 0;
    if (addressCount === n) {
      // Every observable a valid address (a firewall or flow log): the batch search writes the answer.
      return n === 0
        ? 0
        : this.#matcher.matchIPv4Batch(this.#addresses.subarray(0, n), filter, this.counts, ids);
    }
    this.#addressHits.length = 0;
    if (addressCount > 0) {
      this.#matcher.matchIPv4Batch(
        this.#addresses.subarray(0, addressCount),
        filter,
        this.#addressCounts,
        this.#addressHits,
      );
    }
    let at = 0;
    for (let i = 0; i < n; i += 1) {
      const slot = this.#slot[i]!;
      if (slot >= 0) {
        const count = this.#addressCounts[slot]!;
        for (let h = 0; h < count; h += 1) {
          ids.push(this.#addressHits[at + h]!);
        }
        at += count;
        this.counts[i] = count;
      } else {
        const o = batch[from + i]!;
        // An invalid IPv4 text matches nothing, as in match().
        const found = o.kind === 'ipv4' ? [] : this.#matcher.match(o.kind, o.value, filter);
        ids.push(...found);
        this.counts[i] = found.length;
      }
    }
    return ids.length;
  }
}
