// Maintenance of a built IPv4 table: finding an entry again (for removal or a visibility change),
// editing it in place, and listing the live entries for a rebuild.
import { forEachNodeEntry, locateInForest, RECORD_HEADER } from './prefix-forest.ts';
import { probe, slotOf, type Ipv4Table } from './ipv4-table.ts';

/**
 * Where entry (net, len, id) lives: a slot index (≥ 0) for an address with one entry, or
 * -(data index + 2) for an entry in a record; -1 if absent.
 */
export function locateIpv4(t: Ipv4Table, net: number, len: number, id: number): number {
  if (len !== 32 || net === 0) {
    const at = locateInForest(t.forest, t.data, [net], len, id);
    return at < 0 ? -1 : -(at + 2);
  }
  const s = probe(t, net, slotOf(t, net));
  if (s < 0) {
    return -1;
  }
  const slotId = t.slotId[s]!;
  if (slotId === id) {
    return s;
  }
  if (slotId < -1) {
    const record = -slotId - 2;
    for (let k = record + RECORD_HEADER, end = k + 2 * t.data[record + 2]!; k < end; k += 2) {
      if (t.data[k] === id) {
        return -(k + 2);
      }
    }
  }
  return -1;
}

/** Marks a located entry removed (-1) or sets its visibility class. */
export function editIpv4(t: Ipv4Table, at: number, edit: { remove: true } | { visibility: number }): void {
  if (at >= 0) {
    if ('remove' in edit) {
      t.slotId[at] = -1;
    } else {
      t.slotVis[at] = edit.visibility;
    }
  } else if ('remove' in edit) {
    t.data[-at - 2] = -1;
  } else {
    t.data[-at - 1] = edit.visibility;
  }
}

/** Calls back every live entry (for compaction). */
export function forEachIpv4(
  t: Ipv4Table,
  each: (net: Uint32Array, len: number, id: number, vis: number) => void,
): void {
  const net = new Uint32Array(1);
  for (let s = 0; s < t.slotKey.length; s += 1) {
    const id = t.slotId[s]!;
    net[0] = t.slotKey[s]!;
    if (net[0] === 0 || id === -1) {
      continue;
    }
    if (id >= 0) {
      each(net, 32, id, t.slotVis[s]!);
      continue;
    }
    const record = -id - 2;
    for (let k = record + RECORD_HEADER, end = k + 2 * t.data[record + 2]!; k < end; k += 2) {
      if (t.data[k]! >= 0) {
        each(net, 32, t.data[k]!, t.data[k + 1]!);
      }
    }
  }
  forEachNodeEntry(t.forest, t.data, each);
}
