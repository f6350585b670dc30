// The directory and buckets of the IPv4 table (ipv4-table.ts), laid out from the sorted addresses and
// the prefix forest's segments in one sweep over the slots: a run of slots holding no address and no
// block boundary is filled at once, so the sweep costs the entries, not the 2^bits slots.
//
// A bucket, in the table's data array (Int32), has no header: its slot's fourth directory word holds
// its address count k (~k when it has segments), so a lookup reads only the words it needs:
//   k keys                the addresses' low (32 - bits) bits, ascending
//   k × (id, class)       id ≥ 0: the address's one entry; -1: removed; < -1: -(record + 2) of a
//                         record holding its several entries
//   only with segments (blocks narrower than the slot start in it):
//   nseg                  the number of segments
//   nseg starts           segment starts (low bits; the first is 0)
//   nseg records          the deepest block covering each segment (-1: none)
import { RECORD_HEADER } from './prefix-forest.ts';
import { SLOT_WORDS, subRange, type Ipv4Columns, type Ipv4Table } from './ipv4-table.ts';

/**
 * The batch search touches data[d + TOUCH_SPAN] of every bucket it reads (the end of a 64-byte window):
 * the data array ends with that many spare words so the last bucket's touch stays in bounds.
 */
export const TOUCH_SPAN = 15;

/** The address count of a bucket from its slot's fourth word (negative when it has segments). */
export function bucketSize(info: number): number {
  return info < 0 ? ~info : info;
}

/** End of the run of rows sharing row k's address. */
export function runEnd(net: Uint32Array, k: number): number {
  let end = k + 1;
  while (end < net.length && net[end] === net[k]) {
    end += 1;
  }
  return end;
}

/**
 * Writes t.dir and returns the table's data: `forestData` (its first words reserved for the records
 * of addresses with several entries, from offset 1) followed by the buckets. `single` holds the
 * /32 entries sorted by (address, id), free of repeats.
 */
export function layoutBuckets(t: Ipv4Table, single: Ipv4Columns, forestData: Int32Array): Int32Array {
  const size = sweep(t, single, undefined, forestData.length);
  const data = new Int32Array(size + TOUCH_SPAN);
  data.set(forestData);
  sweep(t, single, data, forestData.length);
  return data;
}

/** One pass over the slots; writes when data is given; returns the end of the last bucket. */
function sweep(t: Ipv4Table, single: Ipv4Columns, data: Int32Array | undefined, start: number): number {
  const { net, ids, vis } = single;
  const { segments, segCount } = t.forest;
  const shift = 32 - t.bits;
  const span = 2 ** shift;
  const slots = 2 ** t.bits;
  const dir = t.dir;
  let at = start;
  let recordAt = 1;
  let s = 0;
  let j = 0;
  for (let p = 0; p < slots;) {
    const first = p * span;
    while (s + 1 < segCount && segments[2 * (s + 1)]! <= first) {
      s += 1;
    }
    const nextSegment = s + 1 < segCount ? Math.floor(segments[2 * (s + 1)]! / span) : slots;
    const nextSingle = j < single.count ? net[j]! >>> shift : slots;
    if (nextSegment > p && nextSingle > p) {
      // Slots [p, end) are covered by segment s alone and hold no address.
      const end = Math.min(nextSegment, nextSingle);
      if (data) {
        const record = segments[2 * s + 1]! - 1;
        const value = record < 0 ? 0 : ~record;
        // Most gaps between buckets are a slot or two: a loop beats a call to fill. (The other
        // words of a slot without a bucket are never read.)
        if (end - p < 16) {
          for (let q = SLOT_WORDS * p; q < SLOT_WORDS * end; q += SLOT_WORDS) {
            dir[q] = value;
          }
        } else {
          dir.fill(value, SLOT_WORDS * p, SLOT_WORDS * end);
        }
      }
      p = end;
      continue;
    }
    let k = 0;
    let jEnd = j;
    while (jEnd < single.count && net[jEnd]! >>> shift === p) {
      jEnd = runEnd(net, jEnd);
      k += 1;
    }
    let e = s;
    while (e + 1 < segCount && segments[2 * (e + 1)]! < first + span) {
      e += 1;
    }
    const nseg = e > s ? e - s + 1 : 0;
    if (data) {
      const chain = nseg > 0 ? wholeSlotRecord(data, segments, s, nseg, t.bits) : segments[2 * s + 1]! - 1;
      let map = nseg > 0 ? narrowBlockBits(data, segments, s, nseg, first, span, shift, t.bits) : 0;
      dir[SLOT_WORDS * p] = at;
      dir[SLOT_WORDS * p + 2] = chain;
      dir[SLOT_WORDS * p + 3] = nseg > 0 ? ~k : k;
      const keys = at;
      for (let i = 0, r = j; i < k; i += 1) {
        const end = runEnd(net, r);
        data[keys + i] = net[r]! - first;
        map |= 1 << subRange(net[r]! - first, shift);
        const slot = keys + k + 2 * i;
        if (end - r === 1) {
          data[slot] = ids[r]!;
          data[slot + 1] = vis[r]!;
        } else {
          data[slot] = -(recordAt + 2);
          recordAt = writeRecord(data, recordAt, single, r, end);
        }
        r = end;
      }
      dir[SLOT_WORDS * p + 1] = map;
      if (nseg > 0) {
        data[keys + 3 * k] = nseg;
      }
      const starts = keys + 3 * k + 1;
      for (let g = 0; g < nseg; g += 1) {
        data[starts + g] = g === 0 ? 0 : segments[2 * (s + g)]! - first;
        data[starts + nseg + g] = segments[2 * (s + g) + 1]! - 1;
      }
    }
    at += 3 * k + (nseg > 0 ? 1 + 2 * nseg : 0);
    j = jEnd;
    p += 1;
  }
  return at;
}

/**
 * The deepest block covering the whole slot whose nseg segments start at segment s (-1: none): the
 * record of every segment outside the narrower blocks (a block of length ≤ bits covers whole slots).
 */
function wholeSlotRecord(
  data: Int32Array,
  segments: Uint32Array,
  s: number,
  nseg: number,
  bits: number,
): number {
  let whole = -1;
  for (let g = 0; g < nseg; g += 1) {
    const record = segments[2 * (s + g) + 1]! - 1;
    if (record < 0) {
      return -1; // part of the slot is covered by nothing
    }
    if (data[record + 1]! <= bits) {
      whole = record;
    }
  }
  return whole;
}

/**
 * The sub-ranges of the slot that a block narrower than the slot reaches: elsewhere the answer is the
 * slot's whole-slot record, so a lookup there reads no bucket.
 */
function narrowBlockBits(
  data: Int32Array,
  segments: Uint32Array,
  s: number,
  nseg: number,
  first: number,
  span: number,
  shift: number,
  bits: number,
): number {
  let map = 0;
  for (let g = 0; g < nseg; g += 1) {
    const record = segments[2 * (s + g) + 1]! - 1;
    if (record >= 0 && data[record + 1]! > bits) {
      const low = g === 0 ? 0 : segments[2 * (s + g)]! - first;
      const high = g + 1 < nseg ? segments[2 * (s + g + 1)]! - first - 1 : span - 1;
      for (let b = subRange(low, shift); b <= subRange(high, shift); b += 1) {
        map |= 1 << b;
      }
    }
  }
  return map;
}

/** An address's several entries as a record (no parent, length 32); returns the next free offset. */
function writeRecord(data: Int32Array, at: number, single: Ipv4Columns, from: number, to: number): number {
  data[at] = -1;
  data[at + 1] = 32;
  data[at + 2] = to - from;
  for (let r = from, w = at + RECORD_HEADER; r < to; r += 1, w += 2) {
    data[w] = single.ids[r]!;
    data[w + 1] = single.vis[r]!;
  }
  return at + RECORD_HEADER + 2 * (to - from);
}
