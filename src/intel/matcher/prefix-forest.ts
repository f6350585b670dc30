// Nested CIDR ranges as a forest plus elementary segments: CIDR blocks never partially overlap, so
// sorted by (start, length) they form a tree; the address line is cut at every block boundary and each
// segment points at the deepest block covering it. A lookup is one binary search over the segment
// bounds, then a walk up the parent chain, which yields the covering blocks most specific first.
// Generic over the key width: 1 word (IPv4) or 4 words (IPv6), big-endian uint32 words. Arrays are
// interleaved so that each step of a lookup touches one cache line.
import { ipv4Mask } from './ip-parse.ts';
import { isVisible } from './visibility.ts';
import type { VisibilityFilter } from './entry.ts';
import type { HitList } from './hits.ts';

export type PrefixForest = {
  words: number;
  nodeCount: number;
  /** nodeCount × words, sorted by (start, length); a node is one distinct block. */
  nodeStart: Uint32Array;
  /** 4 ints per node: parent (-1 at a root), first entry, end entry (exclusive), prefix length. */
  nodeInfo: Int32Array;
  /** words + 1 per segment: its first address, then the deepest covering node + 1 (0: none). */
  segments: Uint32Array;
  segCount: number;
};

/** Input columns: net (count × words, host bits cleared), length, id, visibility. */
export type PrefixColumns = { net: Uint32Array; len: Uint8Array; ids: Int32Array; vis: Uint16Array };

/**
 * Builds the forest from records `order` (sorted by net, length, id, free of duplicates), writing
 * their (id, visibility) pairs to entries from pair index `offset`.
 */
export function buildPrefixForest(
  words: number,
  input: PrefixColumns,
  order: ArrayLike<number>,
  entries: Int32Array,
  offset: number,
): PrefixForest {
  const n = order.length;
  const nodeStart = new Uint32Array(n * words);
  const nodeInfo = new Int32Array(n * 4);
  let nodes = 0;
  for (let k = 0; k < n; k += 1) {
    const r = order[k]!;
    if (nodes === 0 || !sameBlock(input, r, order[k - 1]!, words)) {
      for (let w = 0; w < words; w += 1) {
        nodeStart[nodes * words + w] = input.net[r * words + w]!;
      }
      nodeInfo[nodes * 4 + 1] = offset + k;
      nodeInfo[nodes * 4 + 3] = input.len[r]!;
      if (nodes > 0) {
        nodeInfo[nodes * 4 - 2] = offset + k;
      }
      nodes += 1;
    }
    entries[2 * (offset + k)] = input.ids[r]!;
    entries[2 * (offset + k) + 1] = input.vis[r]!;
  }
  if (nodes > 0) {
    nodeInfo[nodes * 4 - 2] = offset + n;
  }
  const forest: PrefixForest = {
    words,
    nodeCount: nodes,
    nodeStart: nodeStart.slice(0, nodes * words),
    nodeInfo: nodeInfo.slice(0, nodes * 4),
    segments: new Uint32Array(0),
    segCount: 0,
  };
  sweepSegments(forest);
  return forest;
}

function sameBlock(input: PrefixColumns, a: number, b: number, words: number): boolean {
  if (input.len[a] !== input.len[b]) {
    return false;
  }
  for (let w = 0; w < words; w += 1) {
    if (input.net[a * words + w] !== input.net[b * words + w]) {
      return false;
    }
  }
  return true;
}

/** The last address of a node, word w. */
function nodeEndWord(f: PrefixForest, node: number, w: number): number {
  const bits = Math.min(32, Math.max(0, f.nodeInfo[node * 4 + 3]! - 32 * w));
  return (f.nodeStart[node * f.words + w]! | ~ipv4Mask(bits)) >>> 0;
}

/** Parent links and segments in one pass over the nodes with a stack of open blocks. */
function sweepSegments(f: PrefixForest): void {
  const { words, nodeCount } = f;
  const stride = words + 1;
  const segments = new Uint32Array((2 * nodeCount + 1) * stride);
  const point = new Uint32Array(words);
  const stack = new Int32Array(32 * words + 2);
  let sp = 0;
  let segs = 0;
  const samePoint = (i: number): boolean => {
    for (let w = 0; w < words; w += 1) {
      if (segments[i * stride + w] !== point[w]) {
        return false;
      }
    }
    return true;
  };
  // A segment starting at `point` belongs to node (stored + 1); equal neighbours are merged.
  const emit = (node: number): void => {
    if (segs > 0 && samePoint(segs - 1)) {
      segments[(segs - 1) * stride + words] = node + 1;
      if (segs > 1 && segments[(segs - 2) * stride + words] === node + 1) {
        segs -= 1;
      }
      return;
    }
    if (segs > 0 && segments[(segs - 1) * stride + words] === node + 1) {
      return;
    }
    segments.set(point, segs * stride);
    segments[segs * stride + words] = node + 1;
    segs += 1;
  };
  // Closing a block starts a segment of its parent right after its last address (none at the top).
  const close = (): void => {
    const t = stack[--sp]!;
    let carry = 1;
    for (let w = words - 1; w >= 0; w -= 1) {
      const v = nodeEndWord(f, t, w) + carry;
      point[w] = v >>> 0;
      carry = v > 0xffffffff ? 1 : 0;
    }
    if (carry === 0) {
      emit(sp > 0 ? stack[sp - 1]! : -1);
    }
  };
  point.fill(0);
  emit(-1);
  for (let n = 0; n < nodeCount; n += 1) {
    while (sp > 0 && endBefore(f, stack[sp - 1]!, n)) {
      close();
    }
    f.nodeInfo[n * 4] = sp > 0 ? stack[sp - 1]! : -1;
    point.set(f.nodeStart.subarray(n * words, n * words + words));
    emit(n);
    stack[sp++] = n;
  }
  while (sp > 0) {
    close();
  }
  f.segments = segments.slice(0, segs * stride);
  f.segCount = segs;
}

/** True if node a ends before node b starts. */
function endBefore(f: PrefixForest, a: number, b: number): boolean {
  for (let w = 0; w < f.words; w += 1) {
    const end = nodeEndWord(f, a, w);
    const start = f.nodeStart[b * f.words + w]!;
    if (end !== start) {
      return end < start;
    }
  }
  return false;
}

/** Index of node (start, len) by binary search, or -1. */
export function findNode(f: PrefixForest, start: ArrayLike<number>, len: number): number {
  let lo = 0;
  let hi = f.nodeCount;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    let c = 0;
    for (let w = 0; w < f.words && c === 0; w += 1) {
      const v = f.nodeStart[mid * f.words + w]!;
      const s = start[w]!;
      c = v === s ? 0 : v < s ? -1 : 1;
    }
    if (c === 0) {
      c = f.nodeInfo[mid * 4 + 3]! - len;
    }
    if (c === 0) {
      return mid;
    }
    if (c < 0) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return -1;
}

/** Appends the visible entries of node and of its ancestors, innermost first. */
export function collectNodeHits(
  f: PrefixForest,
  entries: Int32Array,
  node: number,
  filter: VisibilityFilter,
  hits: HitList,
): void {
  const info = f.nodeInfo;
  for (; node >= 0; node = info[node * 4]!) {
    const spec = info[node * 4 + 3]!;
    for (let k = info[node * 4 + 1]!, end = info[node * 4 + 2]!; k < end; k += 1) {
      const id = entries[2 * k]!;
      if (id >= 0 && isVisible(filter, entries[2 * k + 1]!)) {
        hits.push(id, spec);
      }
    }
  }
}

/** Calls back every live entry of the forest (for compaction). */
export function forEachNodeEntry(
  f: PrefixForest,
  entries: Int32Array,
  each: (net: Uint32Array, len: number, id: number, vis: number) => void,
): void {
  for (let node = 0; node < f.nodeCount; node += 1) {
    const net = f.nodeStart.subarray(node * f.words, (node + 1) * f.words);
    for (let k = f.nodeInfo[node * 4 + 1]!; k < f.nodeInfo[node * 4 + 2]!; k += 1) {
      if (entries[2 * k]! >= 0) {
        each(net, f.nodeInfo[node * 4 + 3]!, entries[2 * k]!, entries[2 * k + 1]!);
      }
    }
  }
}

/** Pair index of entry id in node (start, len), or -1. */
export function locateInForest(f: PrefixForest, entries: Int32Array, start: ArrayLike<number>, len: number, id: number): number {
  const node = findNode(f, start, len);
  for (let k = node < 0 ? 0 : f.nodeInfo[node * 4 + 1]!; node >= 0 && k < f.nodeInfo[node * 4 + 2]!; k += 1) {
    if (entries[2 * k] === id) {
      return k;
    }
  }
  return -1;
}
