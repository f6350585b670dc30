// The directory and buckets of the IPv4 table (ipv4-table.ts), laid out from the sorted addresses and
// the prefix forest's segments in one sweep over the slots: a run of slots holding no address and no
// block boundary is filled at once, so the sweep costs the entries, not the 2^bits slots.
//
// A bucket, in the table's data array (Int32):
//   [chain, k, nseg]      chain: record of the deepest block covering the whole slot (-1: none),
//                         read only when nseg = 0; k addresses; nseg segments
//   k keys                the addresses' low (32 - bits) bits, ascending
//   k × (id, class)       id ≥ 0: the address's one entry; -1: removed; < -1: -(record + 2) of a
//                         record holding its several entries
//   nseg starts           segments cut by blocks narrower than the slot (low bits; the first is 0)
//   nseg records          the deepest block covering each segment (-1: none)
import { RECORD_HEADER } from './prefix-forest.ts';
import type { Ipv4Columns, Ipv4Table } from './ipv4-table.ts';

export const BUCKET_HEADER = 3;

/** End of the run of single rows sharing single[k]'s address. */
export function runEnd(c: Ipv4Columns, single: Uint32Array, k: number): number {
  let end = k + 1;
  while (end < single.length && c.net[single[end]!] === c.net[single[k]!]) {
    end += 1;
  }
  return end;
}

/**
 * Writes t.dir and returns the table's data: `forestData` (its first words reserved for the records
 * of addresses with several entries, from offset 1) followed by the buckets. `single` lists the rows
 * of /32 entries sorted by (address, id), free of repeats.
 */
export function layoutBuckets(
  t: Ipv4Table,
  c: Ipv4Columns,
  single: Uint32Array,
  forestData: Int32Array,
): Int32Array {
  const size = sweep(t, c, single, undefined, forestData.length);
  const data = new Int32Array(size);
  data.set(forestData);
  sweep(t, c, single, data, forestData.length);
  return data;
}

/** One pass over the slots; writes when data is given; returns the end of the last bucket. */
function sweep(
  t: Ipv4Table,
  c: Ipv4Columns,
  single: Uint32Array,
  data: Int32Array | undefined,
  start: number,
): number {
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
    const nextSingle = j < single.length ? c.net[single[j]!]! >>> shift : slots;
    if (nextSegment > p && nextSingle > p) {
      // Slots [p, end) are covered by segment s alone and hold no address.
      const end = Math.min(nextSegment, nextSingle);
      if (data) {
        const record = segments[2 * s + 1]! - 1;
        dir.fill(record < 0 ? 0 : ~record, p, end);
      }
      p = end;
      continue;
    }
    let k = 0;
    let jEnd = j;
    while (jEnd < single.length && c.net[single[jEnd]!]! >>> shift === p) {
      jEnd = runEnd(c, single, jEnd);
      k += 1;
    }
    let e = s;
    while (e + 1 < segCount && segments[2 * (e + 1)]! < first + span) {
      e += 1;
    }
    const nseg = e > s ? e - s + 1 : 0;
    if (data) {
      dir[p] = at;
      data[at] = segments[2 * s + 1]! - 1;
      data[at + 1] = k;
      data[at + 2] = nseg;
      const keys = at + BUCKET_HEADER;
      for (let i = 0, r = j; i < k; i += 1) {
        const end = runEnd(c, single, r);
        data[keys + i] = c.net[single[r]!]! - first;
        const slot = keys + k + 2 * i;
        if (end - r === 1) {
          data[slot] = c.ids[single[r]!]!;
          data[slot + 1] = c.vis[single[r]!]!;
        } else {
          data[slot] = -(recordAt + 2);
          recordAt = writeRecord(data, recordAt, c, single, r, end);
        }
        r = end;
      }
      const starts = keys + 3 * k;
      for (let g = 0; g < nseg; g += 1) {
        data[starts + g] = g === 0 ? 0 : segments[2 * (s + g)]! - first;
        data[starts + nseg + g] = segments[2 * (s + g) + 1]! - 1;
      }
    }
    at += BUCKET_HEADER + 3 * k + 2 * nseg;
    j = jEnd;
    p += 1;
  }
  return at;
}

/** An address's several entries as a record (no parent, length 32); returns the next free offset. */
function writeRecord(
  data: Int32Array,
  at: number,
  c: Ipv4Columns,
  single: Uint32Array,
  from: number,
  to: number,
): number {
  data[at] = -1;
  data[at + 1] = 32;
  data[at + 2] = to - from;
  for (let r = from, w = at + RECORD_HEADER; r < to; r += 1, w += 2) {
    data[w] = c.ids[single[r]!]!;
    data[w + 1] = c.vis[single[r]!]!;
  }
  return at + RECORD_HEADER + 2 * (to - from);
}
