// The immutable IPv6 index: addresses (/128) and blocks in one prefix forest of four-word keys.
// IPv6 indicators are far fewer than IPv4 ones and cluster under a few /12s, so a radix directory
// would buy little; a plain binary search over the segment bounds is used.
import { sortedOrder, type SortKey } from './radix-sort.ts';
import {
  buildPrefixForest,
  collectNodeHits,
  forEachNodeEntry,
  locateInForest,
  type PrefixForest,
} from './prefix-forest.ts';
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

export type Ipv6Table = { data: Int32Array; entryCount: number; forest: PrefixForest };

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
  const { forest, data } = buildPrefixForest(4, c, order.subarray(0, kept), 0);
  return { data, entryCount: kept, forest };
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
  const s = t.forest.segments;
  const a0 = address[0]!;
  const a1 = address[1]!;
  const a2 = address[2]!;
  const a3 = address[3]!;
  let lo = 0;
  let hi = t.forest.segCount;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const m = mid * 5;
    const atOrBelow =
      s[m]! !== a0
        ? s[m]! < a0
        : s[m + 1]! !== a1
          ? s[m + 1]! < a1
          : s[m + 2]! !== a2
            ? s[m + 2]! < a2
            : s[m + 3]! <= a3;
    if (atOrBelow) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  collectNodeHits(t.data, s[lo * 5 - 1]! - 1, filter, hits);
}

export function locateIpv6(t: Ipv6Table, net: ArrayLike<number>, len: number, id: number): number {
  return locateInForest(t.forest, t.data, net, len, id);
}

export function forEachIpv6(
  t: Ipv6Table,
  each: (net: Uint32Array, len: number, id: number, vis: number) => void,
): void {
  forEachNodeEntry(t.forest, t.data, each);
}

/** Marks a located entry (its data index) removed, or sets its visibility class. */
export function editIpv6(t: Ipv6Table, at: number, edit: { remove: true } | { visibility: number }): void {
  if ('remove' in edit) {
    t.data[at] = -1;
  } else {
    t.data[at + 1] = edit.visibility;
  }
}
