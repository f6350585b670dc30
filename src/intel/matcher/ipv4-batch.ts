// Batched IPv4 lookups for log matching: a lookup alone is a short chain of dependent cache misses
// (directory slot, bucket, block records); run stage by stage over a batch of addresses, the misses of
// different addresses overlap instead of queueing (the JS stand-in for software prefetching).
import {
  collectAddress,
  findKeyIndex,
  findSegmentRecord,
  SLOT_WORDS,
  subRange,
  type Ipv4Table,
} from './ipv4-table.ts';
import { bucketSize, TOUCH_SPAN } from './ipv4-buckets.ts';
import { collectNodeHits, RECORD_HEADER } from './prefix-forest.ts';
import type { VisibilityFilter } from './entry.ts';
import type { HitList } from './hits.ts';

/** Addresses per batch. */
export const BATCH = 64;
/**
 * Per address of a batch: the bucket to search (0: none, because the slot has no bucket or its
 * bitmap rules it out; then `record` already holds the answer), and the address's (id, class) index
 * (-1: none).
 */
const slot = new Int32Array(BATCH);
/** Per address with a bucket to search: the slot's fourth word (the bucket's size, segments or not). */
const info = new Int32Array(BATCH);
const own = new Int32Array(BATCH);
/** Per address: the first and last word the touching loop reads (a bucket's or a record's). */
const touchFirst = new Int32Array(BATCH);
const touchLast = new Int32Array(BATCH);
/** Per address: the innermost block record (-1: none). */
const record = new Int32Array(BATCH);
/** The addresses with a bucket to search; the records of the chains still being walked. */
const pending = new Int32Array(BATCH);
const cursor = new Int32Array(BATCH);
let touched = 0;

/**
 * Batch form of searchIpv4 for addresses[from, from + n), n ≤ BATCH: appends the hits in address order
 * and writes each address's hit count to counts[countsAt, countsAt + n). Each stage reads memory for
 * the whole batch (directory slots, then buckets, then block records level by level) before the next
 * stage needs it.
 */
export function searchIpv4Batch(
  t: Ipv4Table,
  addresses: Uint32Array,
  from: number,
  n: number,
  filter: VisibilityFilter,
  hits: HitList,
  counts: Uint32Array,
  countsAt = 0,
): void {
  const { dir, data } = t;
  const shift = 32 - t.bits;
  const lowMask = (1 << shift) - 1;
  let sink = 0;
  // Touch the batch's directory slots in a loop that does nothing else, so their misses (and, in a
  // VM, their nested page walks) overlap as far as the core allows; the classifying loop below,
  // with its stores and branches on the loaded words, kept about half as many in flight.
  for (let k = 0; k < n; k += 1) {
    sink ^= dir[SLOT_WORDS * (addresses[from + k]! >>> shift)]!;
  }
  for (let k = 0; k < n; k += 1) {
    const address = addresses[from + k]!;
    const p = SLOT_WORDS * (address >>> shift);
    const d = dir[p]!;
    const map = dir[p + 1]!;
    info[k] = dir[p + 3]!;
    // With a bucket, the slot's third word is the chain of blocks covering the whole slot (the other
    // words of a slot without one are not meaningful).
    const r = d > 0 ? dir[p + 2]! : d < 0 ? ~d : -1;
    record[k] = r;
    // Without the bitmap bit, the bucket holds nothing near the address: only blocks can match.
    const near = d > 0 && ((map >>> subRange(address & lowMask, shift)) & 1) === 1;
    slot[k] = near ? d : 0;
    // What the next loop touches: a bucket of up to 16 words spans at most two cache lines, both
    // touched so the key search does not stall on the second; a record's first entry is
    // RECORD_HEADER + 1 words in. data[0] is unused padding, touched when there is nothing to read.
    touchFirst[k] = near ? d : r >= 0 ? r : 0;
    touchLast[k] = near ? d + TOUCH_SPAN : r >= 0 ? r + RECORD_HEADER + 1 : 0;
  }
  for (let k = 0; k < n; k += 1) {
    sink ^= data[touchFirst[k]!]! ^ data[touchLast[k]!]!;
  }
  // The addresses with a bucket to search (about a third), listed without a branch, so the search
  // loop below runs over them alone.
  let searches = 0;
  for (let k = 0; k < n; k += 1) {
    own[k] = -1;
    pending[searches] = k;
    searches += slot[k]! > 0 ? 1 : 0;
  }
  for (let s = 0; s < searches; s += 1) {
    const k = pending[s]!;
    const d = slot[k]!;
    const low = addresses[from + k]! & lowMask;
    const bucket = info[k]!;
    const size = bucketSize(bucket);
    const i = size === 0 ? -1 : findKeyIndex(data, d, size, low);
    own[k] = i < 0 ? -1 : d + size + 2 * i;
    // A bucket without segments: record already holds the slot's block chain.
    if (bucket < 0) {
      record[k] = findSegmentRecord(data, d + 3 * size, low);
    }
  }
  // The block records of every level of each parent chain, in lockstep across the batch: only the
  // chains still climbing are kept (appended without a branch: ~r >>> 31 is 1 for a record, 0 for -1).
  let active = 0;
  for (let k = 0; k < n; k += 1) {
    const r = record[k]!;
    cursor[active] = r;
    active += ~r >>> 31;
  }
  while (active > 0) {
    let next = 0;
    for (let c = 0; c < active; c += 1) {
      const at = cursor[c]!;
      const parent = data[at]!;
      sink ^= data[at + RECORD_HEADER + 1]!;
      cursor[next] = parent;
      next += ~parent >>> 31;
    }
    active = next;
  }
  for (let k = 0; k < n; k += 1) {
    const before = hits.count;
    if (own[k]! >= 0) {
      collectAddress(data, own[k]!, filter, hits);
    }
    collectNodeHits(data, record[k]!, filter, hits);
    counts[countsAt + k] = hits.count - before;
  }
  touched = sink;
}

/** Keeps the touching loads of the batch search observable (so they are not optimised away). */
export const lastTouch = (): number => touched;
