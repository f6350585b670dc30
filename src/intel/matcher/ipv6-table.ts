// The immutable IPv6 index: addresses (/128) and blocks in one prefix forest of four-word keys.
// IPv6 indicators are far fewer than IPv4 ones and cluster under a few /12s, so a radix directory
// would buy little; a plain binary search over the segment bounds is used.
import { sortedOrder, type SortKey } from './radix-sort.ts';
import { buildPrefixForest, findNode, type PrefixForest } from './prefix-forest.ts';
import { isVisible } from './visibility.ts';
import type { VisibilityFilter } from './entry.ts';
import type { HitList } from './hits.ts';

/** net holds count × 4 words with host bits cleared. */
export type Ipv6Columns = {
  count: number;
  net: Uint32Array;
  len: Uint8Array;
  ids: Int32Array;
  vis: Uint16Array;
};

export type Ipv6Table = { ids: Int32Array; vis: Uint16Array; forest: PrefixForest };

export function buildIpv6Table(c: Ipv6Columns): Ipv6Table {
  const n = c.count;
  const keys: SortKey[] = [0, 1, 2, 3].map((w) => ({ values: c.net, stride: 4, offset: w }));
  keys.push({ values: c.len, stride: 1, offset: 0 }, { values: c.ids, stride: 1, offset: 0 });
  const order = sortedOrder(n, keys);
  let kept = 0;
  for (let k = 0; k < n; k += 1) {
    const r = order[k]!;
    const next = k + 1 < n ? order[k + 1]! : -1;
    if (next < 0 || !sameEntry(c, r, next)) {
      order[kept++] = r;
    }
  }
  const ids = new Int32Array(kept);
  const vis = new Uint16Array(kept);
  const forest = buildPrefixForest(4, c, order.subarray(0, kept), ids, vis, 0);
  return { ids, vis, forest };
}

function sameEntry(c: Ipv6Columns, a: number, b: number): boolean {
  return (
    c.len[a] === c.len[b] &&
    c.ids[a] === c.ids[b] &&
    c.net[4 * a] === c.net[4 * b] &&
    c.net[4 * a + 1] === c.net[4 * b + 1] &&
    c.net[4 * a + 2] === c.net[4 * b + 2] &&
    c.net[4 * a + 3] === c.net[4 * b + 3]
  );
}

/** Appends visible hits for the address (four words), most specific block first. */
export function searchIpv6(
  t: Ipv6Table,
  address: ArrayLike<number>,
  filter: VisibilityFilter,
  hits: HitList,
): void {
  const f = t.forest;
  const b = f.bounds;
  const a0 = address[0]!;
  const a1 = address[1]!;
  const a2 = address[2]!;
  const a3 = address[3]!;
  let lo = 0;
  let hi = f.segCount;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const m = mid * 4;
    const atOrBelow =
      b[m]! !== a0
        ? b[m]! < a0
        : b[m + 1]! !== a1
          ? b[m + 1]! < a1
          : b[m + 2]! !== a2
            ? b[m + 2]! < a2
            : b[m + 3]! <= a3;
    if (atOrBelow) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  for (let node = f.segNode[lo - 1]!; node >= 0; node = f.nodeParent[node]!) {
    const spec = f.nodeLen[node]!;
    for (let k = f.first[node]!, end = f.first[node + 1]!; k < end; k += 1) {
      const id = t.ids[k]!;
      if (id >= 0 && isVisible(filter, t.vis[k]!)) {
        hits.push(id, spec);
      }
    }
  }
}

export function locateIpv6(t: Ipv6Table, net: ArrayLike<number>, len: number, id: number): number {
  const node = findNode(t.forest, net, len);
  if (node < 0) {
    return -1;
  }
  for (let k = t.forest.first[node]!; k < t.forest.first[node + 1]!; k += 1) {
    if (t.ids[k] === id) {
      return k;
    }
  }
  return -1;
}

export function forEachIpv6(
  t: Ipv6Table,
  each: (net: Uint32Array, len: number, id: number, vis: number) => void,
): void {
  const f = t.forest;
  for (let node = 0; node < f.nodeCount; node += 1) {
    const net = f.nodeStart.subarray(node * 4, node * 4 + 4);
    for (let k = f.first[node]!; k < f.first[node + 1]!; k += 1) {
      if (t.ids[k]! >= 0) {
        each(net, f.nodeLen[node]!, t.ids[k]!, t.vis[k]!);
      }
    }
  }
}
