// The immutable IPv4 index, laid out so that most lookups cost one cache miss: a direct directory
// indexed by the top bits of the address (24 bits at 10M entries: a fixed 64 MiB Int32Array) says
// whether the address's /24 (or /bits) holds anything at all. Blocks as wide as a directory slot or
// wider are resolved in the directory itself (a slot points at the deepest such block, whose record
// chain yields the others); single addresses and narrower blocks sit in a bucket per slot, read only
// when the slot has one. Block records keep the prefix forest's parent chains (prefix-forest.ts), so
// hits come most specific first.
import { sortedOrder } from './radix-sort.ts';
import { buildPrefixForest, collectNodeHits, type PrefixForest } from './prefix-forest.ts';
import { BUCKET_HEADER, layoutBuckets, runEnd } from './ipv4-buckets.ts';
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
   * Per slot: 0 nothing; > 0 a bucket at data[dir[s]]; < 0 no bucket, ~dir[s] is the record of the
   * deepest block covering the whole slot.
   */
  dir: Int32Array;
  /**
   * data[0] unused (so a bucket offset is never 0); records of addresses with several entries; block
   * records (prefix-forest.ts); then buckets (ipv4-buckets.ts).
   */
  data: Int32Array;
  /** The blocks (prefix length < 32), for finding one again; its segments are dropped after layout. */
  forest: PrefixForest;
};

/** Slots about as many as entries: a bucket holds about one address, the directory stays in scale. */
export function directoryBits(entries: number): number {
  return Math.min(24, Math.max(8, Math.ceil(Math.log2(Math.max(1, entries)))));
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
  // Drop repeats (the sort is stable: the last of a run is the last given), split addresses from blocks.
  const singles = new Uint32Array(n);
  const blocks = new Uint32Array(n);
  let singleCount = 0;
  let blockCount = 0;
  for (let k = 0; k < n; k += 1) {
    const r = order[k]!;
    const next = k + 1 < n ? order[k + 1]! : -1;
    if (next >= 0 && c.net[next] === c.net[r] && c.len[next] === c.len[r] && c.ids[next] === c.ids[r]) {
      continue;
    }
    if (c.len[r] === 32) {
      singles[singleCount++] = r;
    } else {
      blocks[blockCount++] = r;
    }
  }
  const single = singles.subarray(0, singleCount);
  // Addresses with several entries get a record (same layout as a block record, no parent).
  let reserved = 1;
  for (let k = 0; k < singleCount;) {
    const end = runEnd(c, single, k);
    reserved += end - k > 1 ? 3 + 2 * (end - k) : 0;
    k = end;
  }
  const built = buildPrefixForest(1, c, blocks.subarray(0, blockCount), reserved);
  const slotBits = bits ?? directoryBits(singleCount + blockCount);
  const t: Ipv4Table = {
    entryCount: singleCount + blockCount,
    bits: slotBits,
    dir: new Int32Array(2 ** slotBits),
    data: built.data,
    forest: built.forest,
  };
  t.data = layoutBuckets(t, c, single, built.data);
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

/** Record of the deepest block covering low among a bucket's nseg segments (starts, then records). */
export function findSegmentRecord(data: Int32Array, from: number, nseg: number, low: number): number {
  let lo = 0;
  let hi = nseg;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (data[from + mid]! <= low) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  // Segment 0 starts at the slot's first address, so the one holding low is lo - 1 ≥ 0.
  return data[from + nseg + lo - 1]!;
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
  const d = t.dir[address >>> (32 - t.bits)]!;
  if (d === 0) {
    return;
  }
  const data = t.data;
  if (d < 0) {
    collectNodeHits(data, ~d, filter, hits);
    return;
  }
  const low = address & ((1 << (32 - t.bits)) - 1);
  const k = data[d + 1]!;
  const nseg = data[d + 2]!;
  const keys = d + BUCKET_HEADER;
  const i = k === 0 ? -1 : findKeyIndex(data, keys, k, low);
  if (i >= 0) {
    collectAddress(data, keys + k + 2 * i, filter, hits);
  }
  const record = nseg === 0 ? data[d]! : findSegmentRecord(data, keys + 3 * k, nseg, low);
  collectNodeHits(data, record, filter, hits);
}
