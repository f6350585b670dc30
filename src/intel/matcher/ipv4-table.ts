// The immutable IPv4 index. Single addresses (most indicators) sit in an open-addressing hash table
// whose key array is probed alone: a miss costs one cache line, and a single entry's id and class sit
// in parallel arrays read only on a hit. CIDR blocks sit in a prefix forest whose segment bounds have
// their own radix directory. The two searches touch independent memory, so their cache misses overlap
// even within one lookup; the batch search also overlaps misses across addresses.
import { sortedOrder } from './radix-sort.ts';
import {
  buildPrefixForest,
  collectNodeHits,
  forEachNodeEntry,
  locateInForest,
  RECORD_HEADER,
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
  entryCount: number;
  /** Address hash table: key 0 marks an empty slot (0.0.0.0 itself is kept in the forest as a /32). */
  slotKey: Uint32Array;
  /** The entry id of an address with one entry (-1 once removed), or -(record offset + 2) for several. */
  slotId: Int32Array;
  slotVis: Uint16Array;
  /** Slots per 2^24 of hash, for the multiply-shift reduction of a hash to a slot. */
  slotScale: number;
  /** Records of addresses with several entries (count, then id/class pairs), then the forest's nodes. */
  data: Int32Array;
  forest: PrefixForest;
  /** segDir[b] = first segment whose start has top bits ≥ b; b = 0..2^(32 - segShift). */
  segDir: Uint32Array;
  segShift: number;
};

/** Hash table load: a probe rarely leaves its cache line, at 10 bytes per slot. */
const LOAD = 0.7;

/** murmur3's fmix32: consecutive addresses (a botnet's /24) land on unrelated slots. */
function slotOf(t: Ipv4Table, address: number): number {
  let h = address;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return Math.floor((h >>> 8) * t.slotScale);
}

/**
 * Lays out the arrays; a repeated (net, length, id) keeps the last given. Addresses go straight into
 * the hash table in input order (no sort: they are most of a large index); only blocks are sorted.
 */
export function buildIpv4Table(c: Ipv4Columns): Ipv4Table {
  const n = c.count;
  const blocks = new Uint32Array(n);
  let singles = 0;
  let blockCount = 0;
  for (let r = 0; r < n; r += 1) {
    if (c.len[r] === 32 && c.net[r] !== 0) {
      singles += 1;
    } else {
      blocks[blockCount++] = r;
    }
  }
  const capacity = Math.max(8, Math.ceil(singles / LOAD));
  const t: Ipv4Table = {
    entryCount: 0,
    slotKey: new Uint32Array(capacity),
    slotId: new Int32Array(capacity),
    slotVis: new Uint16Array(capacity),
    slotScale: capacity / 2 ** 24,
    data: new Int32Array(0),
    forest: buildPrefixForest(1, c, new Uint32Array(0), 0).forest,
    segDir: new Uint32Array(0),
    segShift: 0,
  };
  const shared = insertAddresses(t, c);
  const order = sortedOrder(
    n,
    [
      { values: c.net, stride: 1, offset: 0 },
      { values: c.len, stride: 1, offset: 0 },
      { values: c.ids, stride: 1, offset: 0 },
    ],
    blocks.subarray(0, blockCount),
  );
  let kept = 0;
  for (let k = 0; k < blockCount; k += 1) {
    const r = order[k]!;
    const next = k + 1 < blockCount ? order[k + 1]! : -1;
    if (next < 0 || c.net[next] !== c.net[r] || c.len[next] !== c.len[r] || c.ids[next] !== c.ids[r]) {
      order[kept++] = r;
    }
  }
  // Records of addresses with several entries go in front of the forest's nodes.
  let reserved = 0;
  for (const more of shared.values()) {
    reserved += RECORD_HEADER + 2 * (more.length + 1);
  }
  const { forest, data } = buildPrefixForest(1, c, order.subarray(0, kept), reserved);
  t.forest = forest;
  t.data = data;
  t.entryCount = kept + writeRecords(t, shared);
  const bits = Math.min(22, Math.max(8, Math.ceil(Math.log2(forest.segCount / 4))));
  t.segShift = 32 - bits;
  t.segDir = segmentDirectory(forest, bits);
  return t;
}

/** Inserts the addresses; returns, per slot holding several entries, the entries beyond the first. */
function insertAddresses(t: Ipv4Table, c: Ipv4Columns): Map<number, Array<[number, number]>> {
  const shared = new Map<number, Array<[number, number]>>();
  for (let r = 0; r < c.count; r += 1) {
    const address = c.net[r]!;
    if (c.len[r] !== 32 || address === 0) {
      continue;
    }
    let s = slotOf(t, address);
    while (t.slotKey[s] !== 0 && t.slotKey[s] !== address) {
      s = s + 1 === t.slotKey.length ? 0 : s + 1;
    }
    const id = c.ids[r]!;
    const vis = c.vis[r]!;
    if (t.slotKey[s] === 0) {
      t.slotKey[s] = address;
      t.slotId[s] = id;
      t.slotVis[s] = vis;
    } else if (t.slotId[s] === id) {
      t.slotVis[s] = vis;
    } else {
      const more = shared.get(s) ?? [];
      const same = more.find((e) => e[0] === id);
      if (same) {
        same[1] = vis;
      } else {
        more.push([id, vis]);
      }
      shared.set(s, more);
    }
  }
  return shared;
}

/** Moves addresses with several entries into records (same layout as forest nodes); counts entries. */
function writeRecords(t: Ipv4Table, shared: Map<number, Array<[number, number]>>): number {
  let entries = 0;
  for (let s = 0; s < t.slotKey.length; s += 1) {
    entries += t.slotKey[s] === 0 ? 0 : 1;
  }
  let record = 0;
  for (const [s, more] of shared) {
    const all = [[t.slotId[s]!, t.slotVis[s]!] as [number, number], ...more].sort((a, b) => a[0] - b[0]);
    t.slotId[s] = -(record + 2);
    t.data[record] = -1;
    t.data[record + 1] = 32;
    t.data[record + 2] = all.length;
    all.forEach(([id, vis], i) => {
      t.data[record + RECORD_HEADER + 2 * i] = id;
      t.data[record + RECORD_HEADER + 2 * i + 1] = vis;
    });
    record += RECORD_HEADER + 2 * all.length;
    entries += more.length;
  }
  return entries;
}

function segmentDirectory(f: PrefixForest, bits: number): Uint32Array {
  const size = 2 ** bits;
  const dir = new Uint32Array(size + 1);
  const shift = 32 - bits;
  let s = 0;
  for (let b = 0; b < size; b += 1) {
    while (s < f.segCount && f.segments[2 * s]! >>> shift < b) {
      s += 1;
    }
    dir[b] = s;
  }
  dir[size] = f.segCount;
  return dir;
}

/** Slot of address in the hash table, or -1. */
function probe(t: Ipv4Table, address: number, s: number): number {
  const keys = t.slotKey;
  for (let k = keys[s]!; k !== 0; k = keys[s]!) {
    if (k === address) {
      return s;
    }
    s = s + 1 === keys.length ? 0 : s + 1;
  }
  return -1;
}

/** Record offset of the deepest block covering address (-1: none), among segments starting in [lo, hi). */
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
  slot: number,
  record: number,
  filter: VisibilityFilter,
  hits: HitList,
): void {
  if (slot >= 0) {
    const id = t.slotId[slot]!;
    if (id >= 0) {
      if (isVisible(filter, t.slotVis[slot]!)) {
        hits.push(id, 32);
      }
    } else if (id < -1) {
      collectNodeHits(t.data, -id - 2, filter, hits);
    }
  }
  collectNodeHits(t.data, record, filter, hits);
}

/** Appends visible hits for address (uint32): the address's entries, then covering blocks inner to outer. */
export function searchIpv4(t: Ipv4Table, address: number, filter: VisibilityFilter, hits: HitList): void {
  const d = address >>> t.segShift;
  const record = findSegmentNode(t.forest.segments, address, t.segDir[d]!, t.segDir[d + 1]!);
  collectHits(t, probe(t, address, slotOf(t, address)), record, filter, hits);
}

/** Scratch of the batch search: 3 ints per address of a batch. */
export const BATCH = 64;
const slots = new Int32Array(3 * BATCH);
let touched = 0;

/**
 * Batch form of searchIpv4 for addresses[from, from + n), n ≤ BATCH: appends the hits in address order
 * and writes each address's hit count to counts[0, n). Each stage reads memory for the whole batch
 * before the next stage needs it, so the cache misses of different addresses overlap instead of
 * queueing one after another.
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

/**
 * Where entry (net, len, id) lives: a slot index (≥ 0) for an address with one entry, or
 * -(data index + 2) for an entry in a record; -1 if absent.
 */
export function locateIpv4(t: Ipv4Table, net: number, len: number, id: number): number {
  if (len !== 32 || net === 0) {
    const at = locateInForest(t.forest, t.data, [net], len, id);
    return at < 0 ? -1 : -(at + 2);
  }
  const s = probe(t, net, slotOf(t, net));
  if (s < 0) {
    return -1;
  }
  const slotId = t.slotId[s]!;
  if (slotId === id) {
    return s;
  }
  if (slotId < -1) {
    const record = -slotId - 2;
    for (let k = record + RECORD_HEADER, end = k + 2 * t.data[record + 2]!; k < end; k += 2) {
      if (t.data[k] === id) {
        return -(k + 2);
      }
    }
  }
  return -1;
}

/** Marks a located entry removed (-1) or sets its visibility class. */
export function editIpv4(t: Ipv4Table, at: number, edit: { remove: true } | { visibility: number }): void {
  if (at >= 0) {
    if ('remove' in edit) {
      t.slotId[at] = -1;
    } else {
      t.slotVis[at] = edit.visibility;
    }
  } else if ('remove' in edit) {
    t.data[-at - 2] = -1;
  } else {
    t.data[-at - 1] = edit.visibility;
  }
}

/** Calls back every live entry (for compaction). */
export function forEachIpv4(
  t: Ipv4Table,
  each: (net: Uint32Array, len: number, id: number, vis: number) => void,
): void {
  const net = new Uint32Array(1);
  for (let s = 0; s < t.slotKey.length; s += 1) {
    const id = t.slotId[s]!;
    net[0] = t.slotKey[s]!;
    if (net[0] === 0 || id === -1) {
      continue;
    }
    if (id >= 0) {
      each(net, 32, id, t.slotVis[s]!);
      continue;
    }
    const record = -id - 2;
    for (let k = record + RECORD_HEADER, end = k + 2 * t.data[record + 2]!; k < end; k += 2) {
      if (t.data[k]! >= 0) {
        each(net, 32, t.data[k]!, t.data[k + 1]!);
      }
    }
  }
  forEachNodeEntry(t.forest, t.data, each);
}
