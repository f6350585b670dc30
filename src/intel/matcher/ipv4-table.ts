// The immutable IPv4 index: single addresses in a sorted uint32 array with a radix directory (most
// indicators are addresses; 10 bytes each instead of a forest node and two segments), CIDR blocks in
// a prefix forest whose segment bounds have a 16-bit radix directory. Both directories cut a lookup
// to a few probes inside one or two cache lines.
import { sortedOrder } from './radix-sort.ts';
import { buildPrefixForest, findNode, type PrefixForest } from './prefix-forest.ts';
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
  /** Entries: addresses at [0, addressCount), then the forest's blocks. ids[i] = -1 once removed. */
  ids: Int32Array;
  vis: Uint16Array;
  addressCount: number;
  addresses: Uint32Array;
  addressRadix: Uint32Array;
  addressShift: number;
  forest: PrefixForest;
  boundRadix: Uint32Array;
};

/** Sorts, drops repeated (net, length, id) keeping the last given, and lays out the arrays. */
export function buildIpv4Table(c: Ipv4Columns): Ipv4Table {
  const n = c.count;
  const order = sortedOrder(n, [
    { values: c.net, stride: 1, offset: 0 },
    { values: c.len, stride: 1, offset: 0 },
    { values: c.ids, stride: 1, offset: 0 },
  ]);
  // Records are split in place: addresses fill `order` from the front, blocks go to `blocks`.
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
  const ids = new Int32Array(singles + blockCount);
  const vis = new Uint16Array(singles + blockCount);
  const addresses = new Uint32Array(singles);
  for (let i = 0; i < singles; i += 1) {
    const r = order[i]!;
    addresses[i] = c.net[r]!;
    ids[i] = c.ids[r]!;
    vis[i] = c.vis[r]!;
  }
  const bits = Math.min(24, Math.max(8, Math.ceil(Math.log2(Math.max(1, singles / 4)))));
  const forest = buildPrefixForest(1, c, blocks.subarray(0, blockCount), ids, vis, singles);
  return {
    ids,
    vis,
    addressCount: singles,
    addresses,
    addressRadix: radixDirectory(addresses, singles, bits),
    addressShift: 32 - bits,
    forest,
    boundRadix: radixDirectory(forest.bounds, forest.segCount, 16),
  };
}

/** dir[b] = first index whose value's top `bits` bits are ≥ b; dir has 2^bits + 1 slots. */
function radixDirectory(sorted: Uint32Array, n: number, bits: number): Uint32Array {
  const size = 2 ** bits;
  const dir = new Uint32Array(size + 1);
  const shift = 32 - bits;
  let i = 0;
  for (let b = 0; b < size; b += 1) {
    while (i < n && sorted[i]! >>> shift < b) {
      i += 1;
    }
    dir[b] = i;
  }
  dir[size] = n;
  return dir;
}

/** Appends visible hits for address (uint32): the address entries, then covering blocks inner to outer. */
export function searchIpv4(t: Ipv4Table, address: number, filter: VisibilityFilter, hits: HitList): void {
  const { ids, vis, addresses } = t;
  let lo = t.addressRadix[address >>> t.addressShift]!;
  let hi = t.addressRadix[(address >>> t.addressShift) + 1]!;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (addresses[mid]! < address) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  for (; lo < t.addressCount && addresses[lo] === address; lo += 1) {
    const id = ids[lo]!;
    if (id >= 0 && isVisible(filter, vis[lo]!)) {
      hits.push(id, 32);
    }
  }
  const f = t.forest;
  const bounds = f.bounds;
  lo = t.boundRadix[address >>> 16]!;
  hi = t.boundRadix[(address >>> 16) + 1]!;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (bounds[mid]! <= address) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  // bounds[0] is 0, so the segment holding the address is lo - 1 ≥ 0.
  for (let node = f.segNode[lo - 1]!; node >= 0; node = f.nodeParent[node]!) {
    const spec = f.nodeLen[node]!;
    for (let k = f.first[node]!, end = f.first[node + 1]!; k < end; k += 1) {
      const id = ids[k]!;
      if (id >= 0 && isVisible(filter, vis[k]!)) {
        hits.push(id, spec);
      }
    }
  }
}

/** Position of entry (net, len, id) in ids/vis, or -1. */
export function locateIpv4(t: Ipv4Table, net: number, len: number, id: number): number {
  let from: number;
  let to: number;
  if (len === 32) {
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
    from = lo;
    to = lo;
    while (to < t.addressCount && t.addresses[to] === net) {
      to += 1;
    }
  } else {
    const node = findNode(t.forest, [net], len);
    if (node < 0) {
      return -1;
    }
    from = t.forest.first[node]!;
    to = t.forest.first[node + 1]!;
  }
  for (let k = from; k < to; k += 1) {
    if (t.ids[k] === id) {
      return k;
    }
  }
  return -1;
}

/** Calls back every live entry (for compaction). */
export function forEachIpv4(
  t: Ipv4Table,
  each: (net: number, len: number, id: number, vis: number) => void,
): void {
  for (let i = 0; i < t.addressCount; i += 1) {
    if (t.ids[i]! >= 0) {
      each(t.addresses[i]!, 32, t.ids[i]!, t.vis[i]!);
    }
  }
  const f = t.forest;
  for (let node = 0; node < f.nodeCount; node += 1) {
    for (let k = f.first[node]!; k < f.first[node + 1]!; k += 1) {
      if (t.ids[k]! >= 0) {
        each(f.nodeStart[node]!, f.nodeLen[node]!, t.ids[k]!, t.vis[k]!);
      }
    }
  }
}
