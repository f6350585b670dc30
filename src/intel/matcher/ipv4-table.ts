// The immutable IPv4 index. Single addresses (most indicators) sit in an open-addressing hash table
// whose key array is probed alone: a miss costs one cache line, and a single entry's id and class sit
// in parallel arrays read only on a hit. CIDR blocks sit in a prefix forest whose segment bounds have
// their own radix directory. The two searches touch independent memory, so their cache misses overlap
// even within one lookup; the batch search also overlaps misses across addresses.
import { sortedOrder } from './radix-sort.ts';
import { buildPrefixForest, collectNodeHits, RECORD_HEADER, type PrefixForest } from './prefix-forest.ts';
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
export function slotOf(t: Ipv4Table, address: number): number {
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
export function probe(t: Ipv4Table, address: number, s: number): number {
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
export function findSegmentNode(segments: Uint32Array, address: number, lo: number, hi: number): number {
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

export function collectHits(
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
  // The slot load is issued before the segment search, whose mispredicted branches would otherwise
  // hold it back: the two cache misses then overlap.
  const s = slotOf(t, address);
  const key = t.slotKey[s]!;
  const d = address >>> t.segShift;
  const record = findSegmentNode(t.forest.segments, address, t.segDir[d]!, t.segDir[d + 1]!);
  const slot = key === 0 ? -1 : key === address ? s : probe(t, address, s);
  collectHits(t, slot, record, filter, hits);
}
