// The immutable hashed table for byte-string keys (domains reversed, URLs, e-mail addresses, digests):
// one copy of each distinct key in a byte pool, an open-addressing slot array of (tag from a second
// hash, group) pairs, so a miss costs one cache line and rarely touches the pool, and a hit is
// verified byte for byte (no false positives, however unlucky the hashes). A group's key position and
// entry range sit together in one 16-byte record.
import { sortedOrder } from './radix-sort.ts';
import { isVisible } from './visibility.ts';
import type { VisibilityFilter } from './entry.ts';
import type { HitList } from './hits.ts';

export type ByteColumns = {
  count: number;
  pool: Uint8Array;
  offsets: Uint32Array;
  ids: Int32Array;
  vis: Uint16Array;
};

export type ByteTable = {
  /** (id, visibility) pairs; id -1 marks a removed entry. */
  data: Int32Array;
  entryCount: number;
  groupCount: number;
  /** 4 ints per group: key start in pool, key length, first entry pair, entry count (sorted by id). */
  groups: Int32Array;
  pool: Uint8Array;
  /** 2 per slot: tag (the second hash), group + 1 (0: empty). */
  slots: Uint32Array;
  slotMask: number;
};

export const HASH_SEED_1 = 0x811c9dc5;
export const HASH_SEED_2 = 0x9747b28c;

/** One byte into both hash lanes (FNV-1a style; the finaliser repairs the weak low bits). */
export function stepHash1(h: number, byte: number): number {
  return Math.imul(h ^ byte, 0x01000193);
}
export function stepHash2(h: number, byte: number): number {
  return Math.imul(h ^ byte, 0x5bd1e995);
}
/** murmur3 fmix32 with the length folded in. */
export function finishHash(h: number, length: number): number {
  h ^= length;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

export function buildByteTable(c: ByteColumns): ByteTable {
  const n = c.count;
  const h1 = new Uint32Array(n);
  const h2 = new Uint32Array(n);
  for (let r = 0; r < n; r += 1) {
    const from = c.offsets[r]!;
    const to = c.offsets[r + 1]!;
    let a = HASH_SEED_1;
    let b = HASH_SEED_2;
    for (let i = from; i < to; i += 1) {
      a = stepHash1(a, c.pool[i]!);
      b = stepHash2(b, c.pool[i]!);
    }
    h1[r] = finishHash(a, to - from);
    h2[r] = finishHash(b, to - from);
  }
  const order = sortedOrder(n, [
    { values: h1, stride: 1, offset: 0 },
    { values: h2, stride: 1, offset: 0 },
    { values: c.ids, stride: 1, offset: 0 },
  ]);
  separateCollisions(c, order, h1, h2);
  // Drop repeated (key, id), keeping the last given (the sort is stable), then lay out groups.
  let kept = 0;
  for (let k = 0; k < n; k += 1) {
    const r = order[k]!;
    const next = k + 1 < n ? order[k + 1]! : -1;
    if (next < 0 || c.ids[r] !== c.ids[next] || !sameKey(c, r, next)) {
      order[kept++] = r;
    }
  }
  const data = new Int32Array(2 * kept);
  const groupData = new Int32Array(4 * kept);
  const representative = new Uint32Array(kept);
  let poolSize = 0;
  let groups = 0;
  for (let k = 0; k < kept; k += 1) {
    const r = order[k]!;
    if (k === 0 || !sameKey(c, r, order[k - 1]!)) {
      const length = c.offsets[r + 1]! - c.offsets[r]!;
      groupData[4 * groups] = poolSize;
      groupData[4 * groups + 1] = length;
      groupData[4 * groups + 2] = k;
      poolSize += length;
      representative[groups] = r;
      groups += 1;
    }
    groupData[4 * groups - 1] = groupData[4 * groups - 1]! + 1;
    data[2 * k] = c.ids[r]!;
    data[2 * k + 1] = c.vis[r]!;
  }
  const pool = new Uint8Array(poolSize);
  const capacity = 2 ** Math.ceil(Math.log2(Math.max(2, groups * 2)));
  const slots = new Uint32Array(2 * capacity);
  for (let g = 0; g < groups; g += 1) {
    const r = representative[g]!;
    pool.set(c.pool.subarray(c.offsets[r], c.offsets[r + 1]), groupData[4 * g]);
    let s = h1[r]! & (capacity - 1);
    while (slots[2 * s + 1] !== 0) {
      s = (s + 1) & (capacity - 1);
    }
    slots[2 * s] = h2[r]!;
    slots[2 * s + 1] = g + 1;
  }
  return {
    data,
    entryCount: kept,
    groupCount: groups,
    groups: groupData.slice(0, 4 * groups),
    pool,
    slots,
    slotMask: capacity - 1,
  };
}

function sameKey(c: ByteColumns, a: number, b: number): boolean {
  const la = c.offsets[a + 1]! - c.offsets[a]!;
  if (la !== c.offsets[b + 1]! - c.offsets[b]!) {
    return false;
  }
  const pa = c.offsets[a]!;
  const pb = c.offsets[b]!;
  for (let i = 0; i < la; i += 1) {
    if (c.pool[pa + i] !== c.pool[pb + i]) {
      return false;
    }
  }
  return true;
}

/** Distinct keys with equal 64-bit hashes (practically never) are regrouped by bytes, then id. */
function separateCollisions(c: ByteColumns, order: Uint32Array, h1: Uint32Array, h2: Uint32Array): void {
  for (let k = 0; k < order.length;) {
    let end = k + 1;
    let mixed = false;
    while (end < order.length && h1[order[end]!] === h1[order[k]!] && h2[order[end]!] === h2[order[k]!]) {
      mixed ||= !sameKey(c, order[k]!, order[end]!);
      end += 1;
    }
    if (mixed) {
      const run = Array.from(order.subarray(k, end)).sort(
        (a, b) => compareKeys(c, a, b) || c.ids[a]! - c.ids[b]!,
      );
      order.set(run, k);
    }
    k = end;
  }
}

function compareKeys(c: ByteColumns, a: number, b: number): number {
  const x = c.pool.subarray(c.offsets[a], c.offsets[a + 1]);
  const y = c.pool.subarray(c.offsets[b], c.offsets[b + 1]);
  return Buffer.compare(x, y);
}

/** Group holding key[0, length) with hashes (h1, h2), or -1. */
export function findGroup(t: ByteTable, key: Uint8Array, length: number, h1: number, h2: number): number {
  const { slots, groups, pool } = t;
  for (let s = h1 & t.slotMask; ; s = (s + 1) & t.slotMask) {
    const g = slots[2 * s + 1]! - 1;
    if (g < 0) {
      return -1;
    }
    if (slots[2 * s] !== h2 || groups[4 * g + 1] !== length) {
      continue;
    }
    const from = groups[4 * g]!;
    let i = 0;
    while (i < length && pool[from + i] === key[i]) {
      i += 1;
    }
    if (i === length) {
      return g;
    }
  }
}

/** Hashes key[0, length) and finds its group, or -1. */
export function findKey(t: ByteTable, key: Uint8Array, length: number): number {
  let h1 = HASH_SEED_1;
  let h2 = HASH_SEED_2;
  for (let i = 0; i < length; i += 1) {
    h1 = stepHash1(h1, key[i]!);
    h2 = stepHash2(h2, key[i]!);
  }
  return findGroup(t, key, length, finishHash(h1, length), finishHash(h2, length));
}

export function locateInGroup(t: ByteTable, group: number, id: number): number {
  for (let k = t.groups[4 * group + 2]!, end = k + t.groups[4 * group + 3]!; k < end; k += 1) {
    if (t.data[2 * k] === id) {
      return 2 * k;
    }
  }
  return -1;
}

export function forEachByteEntry(
  t: ByteTable,
  each: (key: Uint8Array, id: number, vis: number) => void,
): void {
  for (let g = 0; g < t.groupCount; g += 1) {
    const key = t.pool.subarray(t.groups[4 * g], t.groups[4 * g]! + t.groups[4 * g + 1]!);
    for (let k = t.groups[4 * g + 2]!, end = k + t.groups[4 * g + 3]!; k < end; k += 1) {
      if (t.data[2 * k]! >= 0) {
        each(key, t.data[2 * k]!, t.data[2 * k + 1]!);
      }
    }
  }
}

/** Marks a located entry (its data index) removed, or sets its visibility class. */
export function editByteEntry(
  t: ByteTable,
  at: number,
  edit: { remove: true } | { visibility: number },
): void {
  if ('remove' in edit) {
    t.data[at] = -1;
  } else {
    t.data[at + 1] = edit.visibility;
  }
}

/** Appends the visible entries of a group (none for group -1) with the given specificity. */
export function collectGroup(
  t: ByteTable,
  group: number,
  filter: VisibilityFilter,
  hits: HitList,
  spec = 0,
): void {
  if (group < 0) {
    return;
  }
  for (let k = t.groups[4 * group + 2]!, end = k + t.groups[4 * group + 3]!; k < end; k += 1) {
    const id = t.data[2 * k]!;
    if (id >= 0 && isVisible(filter, t.data[2 * k + 1]!)) {
      hits.push(id, spec);
    }
  }
}
