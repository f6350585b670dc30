// Property tests of the IPv4 table's layout (directory, buckets, block records) against a brute-force
// scan, at several directory sizes: random nested and overlapping blocks, the .0/.255 boundaries of
// slots, /0 and /32, several entries per address, in-place removals and visibility changes, and a
// rebuild from the live entries. Reproduce a failure with FC_SEED=<seed from the report>.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { buildIpv4Table, searchIpv4, type Ipv4Table } from './ipv4-table.ts';
import { searchIpv4Batch } from './ipv4-batch.ts';
import { editIpv4, forEachIpv4, locateIpv4 } from './ipv4-edit.ts';
import { PrefixColumnsBuilder } from './columns.ts';
import { ipv4Mask } from '../../platform/net/ip-parse.ts';
import { HitList } from './hits.ts';
import { createVisibilityMask } from './visibility.ts';

const seed = Number(process.env.FC_SEED ?? Date.now() % 2 ** 31);

type Row = { net: number; len: number; id: number; vis: number };

// Bases on slot edges (x.y.z.0, x.y.z.255, 0.0.0.0, 255.255.255.255) and near them, so blocks nest,
// overlap and share boundaries with each other and with the directory's slots.
const address = fc
  .tuple(
    fc.constantFrom(0, 0x0a000000, 0x0a0001ff, 0x0a000100, 0xc0a80000, 0xffffff00, 0xffffffff),
    fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 0x3ff }), fc.integer({ min: 0, max: 0xffffff })),
  )
  .map(([base, jitter]) => (base ^ jitter) >>> 0);
const row: fc.Arbitrary<Row> = fc
  .record({
    net: address,
    len: fc.oneof(
      fc.constantFrom(0, 8, 16, 23, 24, 25, 31, 32),
      fc.integer({ min: 0, max: 32 }),
      fc.constant(32),
    ),
    id: fc.integer({ min: 0, max: 20 }),
    vis: fc.integer({ min: 0, max: 3 }),
  })
  .map((r) => ({ ...r, net: (r.net & ipv4Mask(r.len)) >>> 0 }));

function columnsOf(rows: Row[]): PrefixColumnsBuilder {
  const c = new PrefixColumnsBuilder(1);
  rows.forEach((r) => c.push([r.net], r.len, r.id, r.vis));
  return c;
}

/** Live entries: the last of each repeated (net, len, id). */
function liveOf(rows: Row[]): Map<string, Row> {
  const live = new Map<string, Row>();
  rows.forEach((r) => live.set(`${r.net}/${r.len}#${r.id}`, r));
  return live;
}

function expected(live: Map<string, Row>, a: number, mask: Uint32Array): number[] {
  return [...live.values()]
    .filter((r) => (a & ipv4Mask(r.len)) >>> 0 === r.net && ((mask[0]! >>> r.vis) & 1) === 1)
    .sort((x, y) => y.len - x.len || x.id - y.id)
    .map((r) => r.id);
}

const hits = new HitList();
function search(t: Ipv4Table, a: number, mask: Uint32Array): number[] {
  hits.count = 0;
  searchIpv4(t, a, mask, hits);
  return Array.from(hits.ids.subarray(0, hits.count));
}

function probes(rows: Row[], extra: number[]): number[] {
  const out = [0, 0xffffffff, ...extra];
  for (const r of rows) {
    const end = (r.net | ~ipv4Mask(r.len)) >>> 0;
    out.push(r.net, end, (r.net - 1) >>> 0, (end + 1) >>> 0, (r.net + ((end - r.net) >>> 1)) >>> 0);
  }
  return out;
}

describe('IPv4 table layout', () => {
  it('answers every address like a scan of the entries, one by one and in batches', () => {
    fc.assert(
      fc.property(
        fc.array(row, { maxLength: 80 }),
        fc.array(address, { maxLength: 40 }),
        fc.constantFrom(8, 12, 16, 20, 22),
        fc.subarray([0, 1, 2, 3], { minLength: 1 }),
        (rows, extra, bits, visible) => {
          const t = buildIpv4Table(columnsOf(rows), bits);
          const live = liveOf(rows);
          const mask = createVisibilityMask(visible);
          const queries = Uint32Array.from(probes(rows, extra));
          for (const a of queries) {
            expect(search(t, a, mask), `address ${a} (bits ${bits})`).toEqual(expected(live, a, mask));
          }
          expect(t.entryCount).toBe(live.size);
          const counts = new Uint32Array(64);
          for (let from = 0; from < queries.length; from += 64) {
            const n = Math.min(64, queries.length - from);
            hits.count = 0;
            searchIpv4Batch(t, queries, from, n, mask, hits, counts);
            let at = 0;
            for (let k = 0; k < n; k += 1) {
              const got = Array.from(hits.ids.subarray(at, at + counts[k]!));
              expect(got, `batched ${queries[from + k]}`).toEqual(expected(live, queries[from + k]!, mask));
              at += counts[k]!;
            }
          }
        },
      ),
      { seed, numRuns: 300 },
    );
  });

  it('finds, removes and reclassifies entries in place, and lists the live ones for a rebuild', () => {
    fc.assert(
      fc.property(
        fc.array(row, { minLength: 1, maxLength: 60 }),
        fc.array(fc.tuple(fc.nat(), fc.option(fc.integer({ min: 0, max: 3 }))), { maxLength: 30 }),
        fc.constantFrom(8, 16, 22),
        (rows, edits, bits) => {
          const t = buildIpv4Table(columnsOf(rows), bits);
          const live = liveOf(rows);
          const keys = [...live.keys()];
          for (const [pick, vis] of edits) {
            const key = keys[pick % keys.length]!;
            const r = live.get(key);
            if (!r) {
              continue; // removed by an earlier edit
            }
            const at = locateIpv4(t, r.net, r.len, r.id);
            expect(at, key).toBeGreaterThanOrEqual(0);
            if (vis === null) {
              editIpv4(t, at, { remove: true });
              live.delete(key);
              expect(t.data[at]).toBe(-1);
            } else {
              editIpv4(t, at, { visibility: vis });
              live.set(key, { ...r, vis });
            }
          }
          const all = createVisibilityMask([0, 1, 2, 3]);
          const only1 = createVisibilityMask([1]);
          for (const a of probes(rows, [])) {
            expect(search(t, a, all)).toEqual(expected(live, a, all));
            expect(search(t, a, only1)).toEqual(expected(live, a, only1));
          }
          const listed: Row[] = [];
          forEachIpv4(t, (net, len, id, vis) => listed.push({ net: net[0]!, len, id, vis }));
          const key = (r: Row) => `${r.net}/${r.len}#${r.id}:${r.vis}`;
          expect(listed.map(key).sort()).toEqual([...live.values()].map(key).sort());
          const rebuilt = buildIpv4Table(columnsOf(listed), bits);
          for (const a of probes(rows, [])) {
            expect(search(rebuilt, a, all)).toEqual(expected(live, a, all));
          }
        },
      ),
      { seed, numRuns: 100 },
    );
  });

  it('sizes the directory to the entries, up to 2^24 slots', () => {
    const t = buildIpv4Table(columnsOf([{ net: 0x0a000001, len: 32, id: 1, vis: 0 }]));
    expect(t.dir.length).toBe(4 * 256);
    expect(search(t, 0x0a000001, createVisibilityMask([0]))).toEqual([1]);
  });
});
