// Nested CIDR ranges as a forest plus elementary segments: CIDR blocks never partially overlap, so
// sorted by (start, length) they form a tree; the address line is cut at every block boundary and each
// segment points at the deepest block covering it. A lookup is one binary search over the segment
// bounds, then a walk up the parent chain, which yields the covering blocks most specific first.
// Generic over the key width: 1 word (IPv4) or 4 words (IPv6), big-endian uint32 words. Arrays are
// interleaved so that each step of a lookup touches one cache line.
import { ipv4Mask } from '../../platform/net/ip-parse.ts';
import { isVisible } from './visibility.ts';
import type { VisibilityFilter } from './entry.ts';
import type { HitList } from './hits.ts';

export type PrefixForest = {
  words: number;
  nodeCount: number;
  /** nodeCount × words, sorted by (start, length); a node is one distinct block. */
  nodeStart: Uint32Array;
  /** Offset of each node's record in the owning table's data array. */
  nodeOffset: Uint32Array;
  /** words + 1 per segment: its first address, then the record offset + 1 of the deepest covering node (0: none). */
  segments: Uint32Array;
  segCount: number;
};

/**
 * Node records in the table's data array (Int32): parent record offset (-1 at a root), prefix length,
 * entry count, then (entry id, visibility) pairs sorted by id. One record is one cache line for the
 * usual one or two entries, so each level of a parent walk costs one miss.
 */
export const RECORD_HEADER = 3;

/** Input columns: net (count × words, host bits cleared), length, id, visibility. */
export type PrefixColumns = { net: Uint32Array; len: Uint8Array; ids: Int32Array; vis: Uint16Array };

/**
 * Builds the forest from records `order` (sorted by net, length, id, free of duplicates). Returns it
 * with a data array whose first `reserved` words are left to the caller, node records after them.
 */
export function buildPrefixForest(
  words: number,
  input: PrefixColumns,
  order: ArrayLike<number>,
  reserved: number,
): { forest: PrefixForest; data: Int32Array } {
  const n = order.length;
  let nodes = 0;
  for (let k = 0; k < n; k += 1) {
    if (k === 0 || !sameBlock(input, order[k]!, order[k - 1]!, words)) {
      nodes += 1;
    }
  }
  const nodeStart = new Uint32Array(nodes * words);
  const nodeOffset = new Uint32Array(nodes);
  const nodeLength = new Uint8Array(nodes);
  const nodeEntries = new Uint32Array(nodes);
  let node = -1;
  for (let k = 0; k < n; k += 1) {
    const r = order[k]!;
    if (k === 0 || !sameBlock(input, r, order[k - 1]!, words)) {
      node += 1;
      for (let w = 0; w < words; w += 1) {
        nodeStart[node * words + w] = input.net[r * words + w]!;
      }
      nodeLength[node] = input.len[r]!;
    }
    nodeEntries[node] = nodeEntries[node]! + 1;
  }
  // Records widest block first (by start within a length): a random address falls in a wide block far
  // more often than in a narrow one, so the records lookups read most sit together in a few pages
  // (fewer TLB and cache misses than records spread over the whole region in address order).
  const next = new Float64Array(32 * words + 2);
  for (let v = 0; v < nodes; v += 1) {
    next[nodeLength[v]! + 1] = next[nodeLength[v]! + 1]! + RECORD_HEADER + 2 * nodeEntries[v]!;
  }
  next[0] = reserved;
  for (let l = 1; l < next.length; l += 1) {
    next[l] = next[l]! + next[l - 1]!;
  }
  for (let v = 0; v < nodes; v += 1) {
    nodeOffset[v] = next[nodeLength[v]!]!;
    next[nodeLength[v]!] = next[nodeLength[v]!]! + RECORD_HEADER + 2 * nodeEntries[v]!;
  }
  const data = new Int32Array(reserved + RECORD_HEADER * nodes + 2 * n);
  node = -1;
  let at = 0;
  for (let k = 0; k < n; k += 1) {
    const r = order[k]!;
    if (k === 0 || !sameBlock(input, r, order[k - 1]!, words)) {
      node += 1;
      at = nodeOffset[node]!;
      data[at + 1] = nodeLength[node]!;
      data[at + 2] = nodeEntries[node]!;
      at += RECORD_HEADER;
    }
    data[at] = input.ids[r]!;
    data[at + 1] = input.vis[r]!;
    at += 2;
  }
  const forest: PrefixForest = {
    words,
    nodeCount: nodes,
    nodeStart,
    nodeOffset,
    segments: new Uint32Array(0),
    segCount: 0,
  };
  sweepSegments(forest, data);
  return { forest, data };
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
function nodeEndWord(f: PrefixForest, data: Int32Array, node: number, w: number): number {
  const bits = Math.min(32, Math.max(0, data[f.nodeOffset[node]! + 1]! - 32 * w));
  return (f.nodeStart[node * f.words + w]! | ~ipv4Mask(bits)) >>> 0;
}

/** Parent links and segments in one pass over the nodes with a stack of open blocks. */
function sweepSegments(f: PrefixForest, data: Int32Array): void {
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
  // A segment starting at `point` belongs to node (its record offset + 1 is stored); equal neighbours merge.
  const emit = (nodeIndex: number): void => {
    const node = nodeIndex < 0 ? -1 : f.nodeOffset[nodeIndex]!;
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
      const v = nodeEndWord(f, data, t, w) + carry;
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
    while (sp > 0 && endBefore(f, data, stack[sp - 1]!, n)) {
      close();
    }
    data[f.nodeOffset[n]!] = sp > 0 ? f.nodeOffset[stack[sp - 1]!]! : -1;
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
function endBefore(f: PrefixForest, data: Int32Array, a: number, b: number): boolean {
  for (let w = 0; w < f.words; w += 1) {
    const end = nodeEndWord(f, data, a, w);
    const start = f.nodeStart[b * f.words + w]!;
    if (end !== start) {
      return end < start;
    }
  }
  return false;
}

/** Index of node (start, len) by binary search, or -1. */
function findNode(f: PrefixForest, data: Int32Array, start: ArrayLike<number>, len: number): number {
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
      c = data[f.nodeOffset[mid]! + 1]! - len;
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

/** Appends the visible entries of the node record at `record` and of its ancestors, innermost first. */
export function collectNodeHits(
  data: Int32Array,
  record: number,
  filter: VisibilityFilter,
  hits: HitList,
): void {
  for (; record >= 0; record = data[record]!) {
    const spec = data[record + 1]!;
    for (let k = record + RECORD_HEADER, end = k + 2 * data[record + 2]!; k < end; k += 2) {
      const id = data[k]!;
      if (id >= 0 && isVisible(filter, data[k + 1]!)) {
        hits.push(id, spec);
      }
    }
  }
}

/** Calls back every live entry of the forest (for compaction). */
export function forEachNodeEntry(
  f: PrefixForest,
  data: Int32Array,
  each: (net: Uint32Array, len: number, id: number, vis: number) => void,
): void {
  for (let node = 0; node < f.nodeCount; node += 1) {
    const net = f.nodeStart.subarray(node * f.words, (node + 1) * f.words);
    const record = f.nodeOffset[node]!;
    for (let k = record + RECORD_HEADER, end = k + 2 * data[record + 2]!; k < end; k += 2) {
      if (data[k]! >= 0) {
        each(net, data[record + 1]!, data[k]!, data[k + 1]!);
      }
    }
  }
}

/** Data index of entry id in node (start, len), or -1. */
export function locateInForest(
  f: PrefixForest,
  data: Int32Array,
  start: ArrayLike<number>,
  len: number,
  id: number,
): number {
  const node = findNode(f, data, start, len);
  if (node < 0) {
    return -1;
  }
  const record = f.nodeOffset[node]!;
  for (let k = record + RECORD_HEADER, end = k + 2 * data[record + 2]!; k < end; k += 2) {
    if (data[k] === id) {
      return k;
    }
  }
  return -1;
}
