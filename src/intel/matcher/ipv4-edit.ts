// Maintenance of a built IPv4 table: finding an entry again (for removal or a visibility change),
// editing it in place, and listing the live entries for a rebuild. Every entry, in a bucket or in a
// record, is an (id, class) pair of the data array, so a location is that pair's index.
import { forEachNodeEntry, locateInForest, RECORD_HEADER } from './prefix-forest.ts';
import { findKeyIndex, SLOT_WORDS, type Ipv4Table } from './ipv4-table.ts';
import { bucketSize } from './ipv4-buckets.ts';

/** Data index of entry (net, len, id)'s (id, class) pair, or -1 if absent. */
export function locateIpv4(t: Ipv4Table, net: number, len: number, id: number): number {
  if (len !== 32) {
    return locateInForest(t.forest, t.data, [net], len, id);
  }
  const p = SLOT_WORDS * (net >>> (32 - t.bits));
  const d = t.dir[p]!;
  if (d <= 0) {
    return -1;
  }
  const data = t.data;
  const k = bucketSize(t.dir[p + 3]!);
  const i = findKeyIndex(data, d, k, net & ((1 << (32 - t.bits)) - 1));
  if (i < 0) {
    return -1;
  }
  const at = d + k + 2 * i;
  const slotId = data[at]!;
  if (slotId === id) {
    return at;
  }
  if (slotId < -1) {
    const record = -slotId - 2;
    for (let p = record + RECORD_HEADER, end = p + 2 * data[record + 2]!; p < end; p += 2) {
      if (data[p] === id) {
        return p;
      }
    }
  }
  return -1;
}

/** Marks a located entry removed (-1) or sets its visibility class. */
export function editIpv4(t: Ipv4Table, at: number, edit: { remove: true } | { visibility: number }): void {
  if ('remove' in edit) {
    t.data[at] = -1;
  } else {
    t.data[at + 1] = edit.visibility;
  }
}

/** Calls back every live entry (for compaction). */
export function forEachIpv4(
  t: Ipv4Table,
  each: (net: Uint32Array, len: number, id: number, vis: number) => void,
): void {
  const { dir, data } = t;
  const span = 2 ** (32 - t.bits);
  const net = new Uint32Array(1);
  for (let p = 0; SLOT_WORDS * p < dir.length; p += 1) {
    const d = dir[SLOT_WORDS * p]!;
    if (d <= 0) {
      continue;
    }
    const k = bucketSize(dir[SLOT_WORDS * p + 3]!);
    for (let i = 0; i < k; i += 1) {
      net[0] = p * span + data[d + i]!;
      const at = d + k + 2 * i;
      const id = data[at]!;
      if (id >= 0) {
        each(net, 32, id, data[at + 1]!);
      } else if (id < -1) {
        const record = -id - 2;
        for (let q = record + RECORD_HEADER, end = q + 2 * data[record + 2]!; q < end; q += 2) {
          if (data[q]! >= 0) {
            each(net, 32, data[q]!, data[q + 1]!);
          }
        }
      }
    }
  }
  forEachNodeEntry(t.forest, t.data, each);
}
