// Batched IPv4 lookups for log matching: a lookup alone is a short chain of dependent cache misses;
// run stage by stage over a batch of addresses, the misses of different addresses overlap instead of
// queueing (the JS stand-in for software prefetching).
import { collectHits, findSegmentNode, probe, slotOf, type Ipv4Table } from './ipv4-table.ts';
import type { VisibilityFilter } from './entry.ts';
import type { HitList } from './hits.ts';

/** Scratch of the batch search: 3 ints per address of a batch. */
export const BATCH = 64;
const slots = new Int32Array(3 * BATCH);
let touched = 0;

/**
 * Batch form of searchIpv4 for addresses[from, from + n), n ≤ BATCH: appends the hits in address order
 * and writes each address's hit count to counts[0, n). Each stage reads memory for the whole batch
 * (hash slots and segment directory, then segment buckets, then block records level by level) before
 * the next stage needs it.
 */
export function searchIpv4Batch(
  t: Ipv4Table,
  addresses: Uint32Array,
  from: number,
  n: number,
  filter: VisibilityFilter,
  hits: HitList,
  counts: Uint32Array,
): void {
  const { slotKey, segDir, data } = t;
  const segments = t.forest.segments;
  let sink = 0;
  for (let k = 0; k < n; k += 1) {
    const address = addresses[from + k]!;
    const s = slotOf(t, address);
    slots[3 * k] = s;
    sink ^= slotKey[s]!;
    slots[3 * k + 1] = segDir[address >>> t.segShift]!;
  }
  for (let k = 0; k < n; k += 1) {
    const lo = slots[3 * k + 1]!;
    sink ^= segments[lo > 0 ? 2 * lo - 1 : 0]!;
  }
  for (let k = 0; k < n; k += 1) {
    const address = addresses[from + k]!;
    const d = address >>> t.segShift;
    slots[3 * k] = probe(t, address, slots[3 * k]!);
    slots[3 * k + 1] = findSegmentNode(segments, address, slots[3 * k + 1]!, segDir[d + 1]!);
    const s = slots[3 * k]!;
    sink ^= s >= 0 ? t.slotId[s]! : 0;
    slots[3 * k + 2] = slots[3 * k + 1]!;
  }
  // The block records of every level of each parent chain, in lockstep across the batch.
  for (let active = n; active > 0;) {
    active = 0;
    for (let k = 0; k < n; k += 1) {
      const record = slots[3 * k + 2]!;
      if (record >= 0) {
        slots[3 * k + 2] = data[record]!;
        active += 1;
      }
    }
  }
  for (let k = 0; k < n; k += 1) {
    const before = hits.count;
    collectHits(t, slots[3 * k]!, slots[3 * k + 1]!, filter, hits);
    counts[k] = hits.count - before;
  }
  touched = sink;
}

/** Keeps the touching loads of the batch search observable (so they are not optimised away). */
export const lastTouch = (): number => touched;
