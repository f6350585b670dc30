// The immutable IPv4 index: single addresses in a sorted uint32 array (most indicators are addresses:
// 12 bytes each instead of a forest node and two segments), CIDR blocks in a prefix forest. One radix
// directory on the top bits indexes both, so a lookup that finds nothing costs about three cache
// misses, two of them independent (address bucket, segment bucket).
import { sortedOrder } from './radix-sort.ts';
import {
  buildPrefixForest,
  collectNodeHits,
  forEachNodeEntry,
  locateInForest,
  type PrefixForest,
} from './prefix-forest.ts';
import { isVisible } from './visibility.ts';
import type { VisibilityFilter } from './entry.ts';
import type { HitList } from './hits.ts';

export type Ipv4Columns = {
  count: number;
  net: Uint32Array;
  len: Uint8Array;
  ids: Int32Array;
  vis: Uint16Array;
};

export type Ipv4Table = {
  /**
   * (id, visibility) pairs of the addresses, then the forest's node records (prefix-forest.ts).
   * An id of -1 marks a removed entry.
   */
  data: Int32Array;
  entryCount: number;
  addressCount: number;
  addresses: Uint32Array;
  forest: PrefixForest;
  /** For bucket b (top bits of an address): [first address index, first segment index], b = 0..2^bits. */
  directory: Uint32Array;
  shift: number;
};

/** Sorts, drops repeated (net, length, id) keeping the last given, and lays out the arrays. */
export function buildIpv4Table(c: Ipv4Columns): Ipv4Table {
  const n = c.count;
  const order = sortedOrder(n, [
    { values: c.net, stride: 1, offset: 0 },
    { values: c.len, stride: 1, offset: 0 },
    { values: c.ids, stride: 1, offset: 0 },
  ]);
  // Addresses are compacted to the front of `order`, blocks go to `blocks`.
  const blocks = new Uint32Array(n);
  let singles = 0;
  let blockCount = 0;
  for (let k = 0; k < n; k += 1) {
    const r = order[k]!;
    const next = k + 1 < n ? order[k + 1]! : -1;
    if (next >= 0 && c.net[next] === c.net[r] && c.len[next] === c.len[r] && c.ids[next] === c.ids[r]) {
      continue;
    }
    if (c.len[r] === 32) {
      order[singles++] = r;
    } else {
      blocks[blockCount++] = r;
    }
  }
  const { forest, data } = buildPrefixForest(1, c, blocks.subarray(0, blockCount), 2 * singles);
  const addresses = new Uint32Array(singles);
  for (let i = 0; i < singles; i += 1) {
    const r = order[i]!;
    addresses[i] = c.net[r]!;
    data[2 * i] = c.ids[r]!;
    data[2 * i + 1] = c.vis[r]!;
  }
  // About four addresses and four segment bounds per bucket: each bucket fits a cache line or two.
  const bits = Math.min(24, Math.max(8, Math.ceil(Math.log2((singles + forest.segCount) / 8))));
  return {
    data,
    entryCount: singles + blockCount,
    addressCount: singles,
    addresses,
    forest,
    directory: buildDirectory(addresses, forest.segments, forest.segCount, bits),
    shift: 32 - bits,
  };
}

function buildDirectory(
  addresses: Uint32Array,
  segments: Uint32Array,
  segCount: number,
  bits: number,
): Uint32Array {
  const size = 2 ** bits;
  const dir = new Uint32Array(2 * (size + 1));
  const shift = 32 - bits;
  let a = 0;
  let s = 0;
  for (let b = 0; b < size; b += 1) {
    while (a < addresses.length && addresses[a]! >>> shift < b) {
      a += 1;
    }
    while (s < segCount && segments[2 * s]! >>> shift < b) {
      s += 1;
    }
    dir[2 * b] = a;
    dir[2 * b + 1] = s;
  }
  dir[2 * size] = addresses.length;
  dir[2 * size + 1] = segCount;
  return dir;
}

/** Appends visible hits for address (uint32): the address entries, then covering blocks inner to outer. */
export function searchIpv4(t: Ipv4Table, address: number, filter: VisibilityFilter, hits: HitList): void {
  const d = (address >>> t.shift) * 2;
  const dir = t.directory;
  const at = findAddress(t.addresses, address, dir[d]!, dir[d + 2]!);
  const node = findSegmentNode(t.forest.segments, address, dir[d + 1]!, dir[d + 3]!);
  collectHits(t, address, at, node, filter, hits);
}

/** First index of address in addresses[lo, hi), or where it would be. */
function findAddress(addresses: Uint32Array, address: number, lo: number, hi: number): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (addresses[mid]! < address) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return lo;
}

/** Record of the deepest block covering address (-1: none), searching segments starting in [lo, hi). */
function findSegmentNode(segments: Uint32Array, address: number, lo: number, hi: number): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (segments[2 * mid]! <= address) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  // The first segment starts at 0, so the one holding the address is lo - 1 ≥ 0.
  return segments[2 * lo - 1]! - 1;
}

function collectHits(
  t: Ipv4Table,
  address: number,
  at: number,
  record: number,
  filter: VisibilityFilter,
  hits: HitList,
): void {
  const { data, addresses } = t;
  for (; at < t.addressCount && addresses[at] === address; at += 1) {
    const id = data[2 * at]!;
    if (id >= 0 && isVisible(filter, data[2 * at + 1]!)) {
      hits.push(id, 32);
    }
  }
  collectNodeHits(data, record, filter, hits);
}

/** Scratch of the batch search: 4 ints per address of a batch. */
export const BATCH = 64;
const slots = new Int32Array(4 * BATCH);
let touched = 0;

/**
 * Batch form of searchIpv4 for addresses[from, from + n), n ≤ BATCH: appends the hits in address order
 * and writes each address's hit count to counts[0, n). Each stage reads memory for the whole batch
 * before the next stage needs it, so the cache misses of different addresses overlap instead of
 * queueing one after another (a lookup alone is a chain of dependent misses).
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
  const dir = t.directory;
  const segments = t.forest.segments;
  const keys = t.addresses;
  let sink = 0;
  for (let k = 0; k < n; k += 1) {
    const d = (addresses[from + k]! >>> t.shift) * 2;
    slots[4 * k] = dir[d]!;
    slots[4 * k + 1] = dir[d + 2]!;
    slots[4 * k + 2] = dir[d + 1]!;
    slots[4 * k + 3] = dir[d + 3]!;
  }
  for (let k = 0; k < n; k += 1) {
    const lo = slots[4 * k]!;
    if (lo < slots[4 * k + 1]!) {
      sink ^= keys[lo]!;
    }
    const s = slots[4 * k + 2]!;
    if (s > 0) {
      sink ^= segments[2 * s - 1]!;
    }
  }
  for (let k = 0; k < n; k += 1) {
    const address = addresses[from + k]!;
    slots[4 * k] = findAddress(keys, address, slots[4 * k]!, slots[4 * k + 1]!);
    slots[4 * k + 1] = findSegmentNode(segments, address, slots[4 * k + 2]!, slots[4 * k + 3]!);
  }
  // Entries of address hits, and the block records of every level of each parent chain, in lockstep.
  const data = t.data;
  for (let k = 0; k < n; k += 1) {
    const at = slots[4 * k]!;
    if (at < t.addressCount && keys[at] === addresses[from + k]) {
      sink ^= data[2 * at]!;
    }
    slots[4 * k + 2] = slots[4 * k + 1]!;
  }
  for (let active = n; active > 0;) {
    active = 0;
    for (let k = 0; k < n; k += 1) {
      const record = slots[4 * k + 2]!;
      if (record >= 0) {
        slots[4 * k + 2] = data[record]!;
        active += 1;
      }
    }
  }
  for (let k = 0; k < n; k += 1) {
    const before = hits.count;
    collectHits(t, addresses[from + k]!, slots[4 * k]!, slots[4 * k + 1]!, filter, hits);
    counts[k] = hits.count - before;
  }
  touched = sink;
}

/** Keeps the touching loads of the batch search observable (so they are not optimised away). */
export const lastTouch = (): number => touched;

/** Data index of entry (net, len, id), or -1. */
export function locateIpv4(t: Ipv4Table, net: number, len: number, id: number): number {
  if (len !== 32) {
    return locateInForest(t.forest, t.data, [net], len, id);
  }
  let lo = 0;
  let hi = t.addressCount;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (t.addresses[mid]! < net) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  for (; lo < t.addressCount && t.addresses[lo] === net; lo += 1) {
    if (t.data[2 * lo] === id) {
      return 2 * lo;
    }
  }
  return -1;
}

/** Calls back every live entry (for compaction). */
export function forEachIpv4(
  t: Ipv4Table,
  each: (net: Uint32Array, len: number, id: number, vis: number) => void,
): void {
  const net = new Uint32Array(1);
  for (let i = 0; i < t.addressCount; i += 1) {
    if (t.data[2 * i]! >= 0) {
      net[0] = t.addresses[i]!;
      each(net, 32, t.data[2 * i]!, t.data[2 * i + 1]!);
    }
  }
  forEachNodeEntry(t.forest, t.data, each);
}
