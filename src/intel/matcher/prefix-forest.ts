// Nested CIDR ranges as a forest plus elementary segments: CIDR blocks never partially overlap, so
// sorted by (start, length) they form a tree; the address line is cut at every block boundary and each
// segment points at the deepest block covering it. A lookup is one binary search over the segment
// bounds, then a walk up the parent chain, which yields the covering blocks most specific first.
// Generic over the key width: 1 word (IPv4) or 4 words (IPv6), big-endian uint32 words.
import { ipv4Mask } from './ip-parse.ts';

export type PrefixForest = {
  words: number;
  nodeCount: number;
  /** nodeCount × words, sorted by (start, length); a node is one distinct block. */
  nodeStart: Uint32Array;
  nodeLen: Uint8Array;
  nodeParent: Int32Array;
  /** Entries of node i are ids/vis[first[i], first[i + 1]) in the owning table, sorted by id. */
  first: Uint32Array;
  /** segCount × words: segment i starts at bounds[i] and ends before bounds[i + 1]. */
  bounds: Uint32Array;
  segNode: Int32Array;
  segCount: number;
};

/** Input columns: net (count × words, host bits cleared), length, id, visibility. */
export type PrefixColumns = { net: Uint32Array; len: Uint8Array; ids: Int32Array; vis: Uint16Array };

/**
 * Builds the forest from records `order` (sorted by net, length, id and free of duplicates), writing
 * their ids and classes to idsOut/visOut from position `offset`.
 */
export function buildPrefixForest(
  words: number,
  input: PrefixColumns,
  order: ArrayLike<number>,
  idsOut: Int32Array,
  visOut: Uint16Array,
  offset: number,
): PrefixForest {
  const n = order.length;
  const nodeStart = new Uint32Array(n * words);
  const nodeLen = new Uint8Array(n);
  const first = new Uint32Array(n + 1);
  let nodes = 0;
  for (let k = 0; k < n; k += 1) {
    const r = order[k]!;
    if (nodes === 0 || !sameBlock(input, r, order[k - 1]!, words)) {
      for (let w = 0; w < words; w += 1) {
        nodeStart[nodes * words + w] = input.net[r * words + w]!;
      }
      nodeLen[nodes] = input.len[r]!;
      first[nodes] = offset + k;
      nodes += 1;
    }
    idsOut[offset + k] = input.ids[r]!;
    visOut[offset + k] = input.vis[r]!;
  }
  first[nodes] = offset + n;
  const forest: PrefixForest = {
    words,
    nodeCount: nodes,
    nodeStart: nodeStart.slice(0, nodes * words),
    nodeLen: nodeLen.slice(0, nodes),
    nodeParent: new Int32Array(nodes),
    first: first.slice(0, nodes + 1),
    bounds: new Uint32Array(0),
    segNode: new Int32Array(0),
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
export function nodeEndWord(f: PrefixForest, node: number, w: number): number {
  const bits = Math.min(32, Math.max(0, f.nodeLen[node]! - 32 * w));
  return (f.nodeStart[node * f.words + w]! | ~ipv4Mask(bits)) >>> 0;
}

/** Parent links and segments in one pass over the nodes with a stack of open blocks. */
function sweepSegments(f: PrefixForest): void {
  const { words, nodeCount } = f;
  const bounds = new Uint32Array((2 * nodeCount + 1) * words);
  const segNode = new Int32Array(2 * nodeCount + 1);
  const point = new Uint32Array(words);
  const stack = new Int32Array(32 * words + 2);
  let sp = 0;
  let segs = 0;
  const emit = (node: number): void => {
    if (segs > 0 && equalsAt(bounds, segs - 1, point, words)) {
      segNode[segs - 1] = node;
      if (segs > 1 && segNode[segs - 2] === node) {
        segs -= 1;
      }
      return;
    }
    if (segs > 0 && segNode[segs - 1] === node) {
      return;
    }
    bounds.set(point, segs * words);
    segNode[segs] = node;
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
    f.nodeParent[n] = sp > 0 ? stack[sp - 1]! : -1;
    point.set(f.nodeStart.subarray(n * words, n * words + words));
    emit(n);
    stack[sp++] = n;
  }
  while (sp > 0) {
    close();
  }
  f.bounds = bounds.slice(0, segs * words);
  f.segNode = segNode.slice(0, segs);
  f.segCount = segs;
}

function equalsAt(bounds: Uint32Array, i: number, point: Uint32Array, words: number): boolean {
  for (let w = 0; w < words; w += 1) {
    if (bounds[i * words + w] !== point[w]) {
      return false;
    }
  }
  return true;
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
      c = f.nodeLen[mid]! - len;
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
