// The immutable table of file digests (MD5, SHA-1, SHA-256). A digest is uniformly random, so its
// first bits are already a perfect hash: the keys are sorted as big-endian words and a directory on
// the top bits of the first word gives the run of rows to compare, word by word (no hashing of the
// text, no byte pool, no slot array). Crafted digests sharing their first bits only lengthen a run,
// which is then binary searched.
import { sortedOrder } from './radix-sort.ts';
import { isVisible } from './visibility.ts';
import type { ByteColumns } from './byte-table.ts';
import type { VisibilityFilter } from './entry.ts';
import type { HitList } from './hits.ts';

export type DigestTable = {
  entryCount: number;
  /** 32-bit words per key: 4 (MD5), 5 (SHA-1), 8 (SHA-256). */
  words: number;
  bits: number;
  /** dir[s] = first row whose first word's top bits are ≥ s; 2^bits + 1 entries. */
  dir: Uint32Array;
  /** rows × words, sorted by key then entry id. */
  keys: Uint32Array;
  /** rows × (entry id, visibility class); id -1 marks a removed entry. */
  data: Int32Array;
};

/** Digests of one kind (all keys of the columns have the same byte length, a multiple of 4). */
export function buildDigestTable(c: ByteColumns): DigestTable {
  const n = c.count;
  const words = n === 0 ? 1 : (c.offsets[1]! - c.offsets[0]!) >>> 2;
  const input = new Uint32Array(n * words);
  for (let r = 0; r < n; r += 1) {
    for (let w = 0, at = c.offsets[r]!; w < words; w += 1, at += 4) {
      input[r * words + w] =
        ((c.pool[at]! << 24) | (c.pool[at + 1]! << 16) | (c.pool[at + 2]! << 8) | c.pool[at + 3]!) >>> 0;
    }
  }
  // Two words decide the order of random digests; longer ties (crafted keys) are sorted in full.
  const order = sortedOrder(n, [
    { values: input, stride: words, offset: 0 },
    { values: input, stride: words, offset: Math.min(1, words - 1) },
    { values: c.ids, stride: 1, offset: 0 },
  ]);
  sortTies(input, words, c.ids, order);
  let kept = 0;
  for (let k = 0; k < n; k += 1) {
    const r = order[k]!;
    const next = k + 1 < n ? order[k + 1]! : -1;
    // Of a repeated (key, id) the last given stays (the sorts are stable).
    if (next < 0 || c.ids[next] !== c.ids[r] || compareRows(input, words, r, next) !== 0) {
      order[kept++] = r;
    }
  }
  const keys = new Uint32Array(kept * words);
  const data = new Int32Array(2 * kept);
  for (let k = 0; k < kept; k += 1) {
    const r = order[k]!;
    keys.set(input.subarray(r * words, (r + 1) * words), k * words);
    data[2 * k] = c.ids[r]!;
    data[2 * k + 1] = c.vis[r]!;
  }
  const bits = Math.min(24, Math.max(8, Math.ceil(Math.log2(Math.max(1, kept)))));
  const dir = new Uint32Array(2 ** bits + 1);
  const shift = 32 - bits;
  for (let k = 0, s = 0; s <= 2 ** bits; s += 1) {
    while (k < kept && keys[k * words]! >>> shift < s) {
      k += 1;
    }
    dir[s] = k;
  }
  return { entryCount: kept, words, bits, dir, keys, data };
}

/** Runs equal on the two sorted words but not on the whole key are re-sorted by (key, id). */
function sortTies(input: Uint32Array, words: number, ids: Int32Array, order: Uint32Array): void {
  if (words <= 2) {
    return;
  }
  for (let k = 0; k < order.length;) {
    let end = k + 1;
    const a = order[k]!;
    let mixed = false;
    while (
      end < order.length &&
      input[order[end]! * words] === input[a * words] &&
      input[order[end]! * words + 1] === input[a * words + 1]
    ) {
      mixed ||= compareRows(input, words, a, order[end]!) !== 0;
      end += 1;
    }
    if (mixed) {
      const run = Array.from(order.subarray(k, end)).sort(
        (x, y) => compareRows(input, words, x, y) || ids[x]! - ids[y]!,
      );
      order.set(run, k);
    }
    k = end;
  }
}

function compareRows(keys: Uint32Array, words: number, a: number, b: number): number {
  for (let w = 0; w < words; w += 1) {
    const x = keys[a * words + w]!;
    const y = keys[b * words + w]!;
    if (x !== y) {
      return x < y ? -1 : 1;
    }
  }
  return 0;
}

/** Row r's key compared with the query words. */
function compareKey(t: DigestTable, r: number, query: Uint32Array): number {
  const { keys, words } = t;
  for (let w = 0, at = r * words; w < words; w += 1, at += 1) {
    const x = keys[at]!;
    const y = query[w]!;
    if (x !== y) {
      return x < y ? -1 : 1;
    }
  }
  return 0;
}

/** First row holding the query key, or -1. */
export function findDigest(t: DigestTable, query: Uint32Array): number {
  const slot = query[0]! >>> (32 - t.bits);
  let lo = t.dir[slot]!;
  let hi = t.dir[slot + 1]!;
  if (hi - lo > 8) {
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compareKey(t, mid, query) < 0) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo < t.entryCount && compareKey(t, lo, query) === 0 ? lo : -1;
  }
  for (; lo < hi; lo += 1) {
    const c = compareKey(t, lo, query);
    if (c >= 0) {
      return c === 0 ? lo : -1;
    }
  }
  return -1;
}

/** Appends the visible entries of the query key, by entry id. */
export function searchDigest(
  t: DigestTable,
  query: Uint32Array,
  filter: VisibilityFilter,
  hits: HitList,
): void {
  const first = findDigest(t, query);
  if (first < 0) {
    return;
  }
  const { data } = t;
  for (let r = first; r < t.entryCount && (r === first || compareKey(t, r, query) === 0); r += 1) {
    const id = data[2 * r]!;
    if (id >= 0 && isVisible(filter, data[2 * r + 1]!)) {
      hits.push(id, 0);
    }
  }
}

/** Data index of entry id's (id, class) pair under the query key, or -1. */
export function locateDigest(t: DigestTable, query: Uint32Array, id: number): number {
  const first = findDigest(t, query);
  for (let r = first; r >= 0 && r < t.entryCount && compareKey(t, r, query) === 0; r += 1) {
    if (t.data[2 * r] === id) {
      return 2 * r;
    }
  }
  return -1;
}

/** Calls back every live entry with its key as bytes (for compaction). */
export function forEachDigest(
  t: DigestTable,
  each: (key: Uint8Array, id: number, vis: number) => void,
): void {
  const key = new Uint8Array(4 * t.words);
  for (let r = 0; r < t.entryCount; r += 1) {
    if (t.data[2 * r]! < 0) {
      continue;
    }
    for (let w = 0; w < t.words; w += 1) {
      const v = t.keys[r * t.words + w]!;
      key[4 * w] = v >>> 24;
      key[4 * w + 1] = (v >>> 16) & 255;
      key[4 * w + 2] = (v >>> 8) & 255;
      key[4 * w + 3] = v & 255;
    }
    each(key, t.data[2 * r]!, t.data[2 * r + 1]!);
  }
}

/** Big-endian words of a key given as bytes (entry records), into out. */
export function wordsOfKey(key: Uint8Array, out: Uint32Array): Uint32Array {
  for (let w = 0; w < key.length >>> 2; w += 1) {
    out[w] = ((key[4 * w]! << 24) | (key[4 * w + 1]! << 16) | (key[4 * w + 2]! << 8) | key[4 * w + 3]!) >>> 0;
  }
  return out;
}

/** Marks a located entry (its data index) removed, or sets its visibility class. */
export function editDigest(
  t: DigestTable,
  at: number,
  edit: { remove: true } | { visibility: number },
): void {
  if ('remove' in edit) {
    t.data[at] = -1;
  } else {
    t.data[at + 1] = edit.visibility;
  }
}
