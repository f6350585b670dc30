// The immutable IPv4 index, laid out so that most lookups cost one cache miss: a direct directory
// indexed by the top bits of the address (22 bits at 10M entries: 4M slots of four words, 16 bytes,
// never split across cache lines; a fixed 64 MiB Int32Array) says whether the address's slot holds
// anything at all, and a bitmap of the slot's 32 sub-ranges whether the part holding the address
// does. Blocks as wide as a slot or wider are resolved in the directory itself (a slot names the
// deepest such block, whose record chain yields the others); single addresses and narrower blocks
// sit in a bucket per slot, read only when the bitmap says so. Block records keep the prefix forest's parent chains (prefix-forest.ts), so
// hits come most specific first.
import { sortedOrder } from './radix-sort.ts';
import { buildPrefixForest, collectNodeHits, type PrefixForest } from './prefix-forest.ts';
import { bucketSize, layoutBuckets, runEnd } from './ipv4-buckets.ts';
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
  entryCount: number;
  /** Directory bits: slot of an address = address >>> (32 - bits). */
  bits: number;
  /**
   * SLOT_WORDS words per slot s, from w = SLOT_WORDS × s. dir[w]: 0 nothing; > 0 a bucket at
   * data[dir[w]]; < 0 no bucket, ~dir[w] is the record of the deepest block covering the whole slot.
   * For a bucket: dir[w + 1] has bit i set if sub-range i (subRange) may hold an address of the
   * bucket or a narrower block; dir[w + 2] is the record of the deepest block covering the whole
   * slot (-1: none); dir[w + 3] is the bucket's address count k, or ~k if blocks narrower than the
   * slot start in it (then the bucket holds segments). A slot is 16 bytes, aligned.
   */
  dir: Int32Array;
  /**
   * data[0] unused (so a bucket offset is never 0); records of addresses with several entries; block
   * records (prefix-forest.ts); then buckets (ipv4-buckets.ts), and TOUCH_SPAN spare words.
   */
  data: Int32Array;
  /** The blocks (prefix length < 32), for finding one again; its segments are dropped after layout. */
  forest: PrefixForest;
};

export const SLOT_WORDS = 4;

/** A quarter as many slots as entries (four words each): a bucket holds two or three addresses. */
export function directoryBits(entries: number): number {
  return Math.min(22, Math.max(8, Math.ceil(Math.log2(Math.max(1, entries))) - 2));
}

/** Which of a slot's 32 sub-ranges holds the low bits `low` (shift = 32 - bits ≥ 5). */
export function subRange(low: number, shift: number): number {
  return low >>> (shift - 5);
}

/**
 * Lays out the arrays; a repeated (net, length, id) keeps the last given. `bits` overrides the
 * directory size chosen from the entry count (tests of every layout).
 */
export function buildIpv4Table(c: Ipv4Columns, bits?: number): Ipv4Table {
  const n = c.count;
  const order = sortedOrder(n, [
    { values: c.net, stride: 1, offset: 0 },
    { values: c.len, stride: 1, offset: 0 },
    { values: c.ids, stride: 1, offset: 0 },
  ]);
  // Gathered once in sorted order: every later pass reads memory sequentially (at 10M entries a
  // random read per row and per pass cost seconds).
  const sorted: Ipv4Columns = {
    count: n,
    net: new Uint32Array(n),
    len: new Uint8Array(n),
    ids: new Int32Array(n),
    vis: new Uint16Array(n),
  };
  for (let k = 0; k < n; k += 1) {
    const r = order[k]!;
    sorted.net[k] = c.net[r]!;
    sorted.len[k] = c.len[r]!;
    sorted.ids[k] = c.ids[r]!;
    sorted.vis[k] = c.vis[r]!;
  }
  let blockRows = 0;
  for (let k = 0; k < n; k += 1) {
    blockRows += sorted.len[k]! < 32 ? 1 : 0;
  }
  const blocks: Ipv4Columns = {
    count: 0,
    net: new Uint32Array(blockRows),
    len: new Uint8Array(blockRows),
    ids: new Int32Array(blockRows),
    vis: new Uint16Array(blockRows),
  };
  // Drop repeats (the sort is stable: the last of a run is the last given); blocks out, addresses
  // compacted in place (written at or before the row being read, never after it).
  let singleCount = 0;
  let blockCount = 0;
  for (let k = 0; k < n; k += 1) {
    const net = sorted.net[k]!;
    const len = sorted.len[k]!;
    const id = sorted.ids[k]!;
    if (k + 1 < n && sorted.net[k + 1] === net && sorted.len[k + 1] === len && sorted.ids[k + 1] === id) {
      continue;
    }
    if (len === 32) {
      sorted.net[singleCount] = net;
      sorted.ids[singleCount] = id;
      sorted.vis[singleCount] = sorted.vis[k]!;
      singleCount += 1;
    } else {
      blocks.net[blockCount] = net;
      blocks.len[blockCount] = len;
      blocks.ids[blockCount] = id;
      blocks.vis[blockCount] = sorted.vis[k]!;
      blockCount += 1;
    }
  }
  blocks.count = blockCount;
  const blockOrder = new Uint32Array(blockCount);
  for (let k = 0; k < blockCount; k += 1) {
    blockOrder[k] = k;
  }
  const single: Ipv4Columns = {
    count: singleCount,
    net: sorted.net.subarray(0, singleCount),
    len: sorted.len,
    ids: sorted.ids.subarray(0, singleCount),
    vis: sorted.vis.subarray(0, singleCount),
  };
  // Addresses with several entries get a record (same layout as a block record, no parent).
  let reserved = 1;
  for (let k = 0; k < singleCount;) {
    const end = runEnd(single.net, k);
    reserved += end - k > 1 ? 3 + 2 * (end - k) : 0;
    k = end;
  }
  const built = buildPrefixForest(1, blocks, blockOrder, reserved);
  const slotBits = bits ?? directoryBits(singleCount + blockCount);
  const t: Ipv4Table = {
    entryCount: singleCount + blockCount,
    bits: slotBits,
    dir: new Int32Array(SLOT_WORDS * 2 ** slotBits),
    data: built.data,
    forest: built.forest,
  };
  t.data = layoutBuckets(t, single, built.data);
  t.forest.segments = new Uint32Array(0);
  t.forest.segCount = 0;
  return t;
}

/** Index of low in the sorted keys data[from, from + k), or -1. */
export function findKeyIndex(data: Int32Array, from: number, k: number, low: number): number {
  if (k <= 8) {
    for (let i = 0; i < k; i += 1) {
      const key = data[from + i]!;
      if (key >= low) {
        return key === low ? i : -1;
      }
    }
    return -1;
  }
  let lo = 0;
  let hi = k;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (data[from + mid]! < low) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return lo < k && data[from + lo] === low ? lo : -1;
}

/** Record of the deepest block covering low among the segments at `from` (count, starts, then records). */
export function findSegmentRecord(data: Int32Array, from: number, low: number): number {
  const nseg = data[from]!;
  const starts = from + 1;
  let lo = 0;
  let hi = nseg;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (data[starts + mid]! <= low) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  // Segment 0 starts at the slot's first address, so the one holding low is lo - 1 ≥ 0.
  return data[starts + nseg + lo - 1]!;
}

/** Appends the visible entries of a bucket's address i (its id word at `at`). */
export function collectAddress(data: Int32Array, at: number, filter: VisibilityFilter, hits: HitList): void {
  const id = data[at]!;
  if (id >= 0) {
    if (isVisible(filter, data[at + 1]!)) {
      hits.push(id, 32);
    }
  } else if (id < -1) {
    collectNodeHits(data, -id - 2, filter, hits);
  }
}

/** Appends visible hits for address (uint32): the address's entries, then covering blocks inner to outer. */
export function searchIpv4(t: Ipv4Table, address: number, filter: VisibilityFilter, hits: HitList): void {
  const shift = 32 - t.bits;
  const p = SLOT_WORDS * (address >>> shift);
  const d = t.dir[p]!;
  if (d === 0) {
    return;
  }
  const data = t.data;
  if (d < 0) {
    collectNodeHits(data, ~d, filter, hits);
    return;
  }
  const low = address & ((1 << shift) - 1);
  const map = t.dir[p + 1]!;
  if (((map >>> subRange(low, shift)) & 1) === 0) {
    // Nothing of the bucket near the address: at most the blocks covering the whole slot.
    collectNodeHits(data, t.dir[p + 2]!, filter, hits);
    return;
  }
  const info = t.dir[p + 3]!;
  const k = bucketSize(info);
  const i = k === 0 ? -1 : findKeyIndex(data, d, k, low);
  if (i >= 0) {
    collectAddress(data, d + k + 2 * i, filter, hits);
  }
  const record = info >= 0 ? t.dir[p + 2]! : findSegmentRecord(data, d + 3 * k, low);
  collectNodeHits(data, record, filter, hits);
}
