import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { findRange, loadAsnTable, lookupAsn, parseAsnCsv } from './asn-table.ts';

const seed = Number(process.env.FC_SEED ?? Date.now() % 2 ** 31);

describe('ASN lookup over @ip-location-db/asn', () => {
  const table = loadAsnTable();
  it('answers the reference vectors', () => {
    expect(lookupAsn(table, '8.8.8.8')?.asn).toBe(15169);
    expect(lookupAsn(table, '193.0.6.139')?.asn).toBe(3333);
    expect(lookupAsn(table, '41.203.64.1')?.asn).toBe(37148);
    expect(lookupAsn(table, '2001:4860:4860::8888')?.asn).toBe(15169);
    expect(lookupAsn(table, '193.0.6.139')?.organisation).toMatch(/RIPE/i);
  });
  it('has loaded every row and knows nothing of unannounced space', () => {
    expect(table.ipv4.count).toBe(411_961);
    expect(table.ipv6.count).toBe(103_197);
    expect(lookupAsn(table, '0.0.0.1')).toBeUndefined();
    expect(lookupAsn(table, 'not an ip')).toBeUndefined();
  });
});

describe('findRange', () => {
  it('prefers the narrower of overlapping rows and steps back over rows that end too early', () => {
    const orgs: string[] = [];
    const r = parseAsnCsv('10,100,1,"Wide, Inc."\n20,30,2,Narrow\n40,45,3,Other\n', 1, orgs, new Map());
    const at = (n: number) => {
      const i = findRange(r, [n]);
      return i < 0 ? 0 : r.asns[i];
    };
    expect([at(9), at(10), at(25), at(31), at(42), at(46), at(100), at(101)]).toEqual([
      0, 1, 2, 1, 3, 1, 1, 0,
    ]);
    expect(orgs).toEqual(['Wide, Inc.', 'Narrow', 'Other']);
  });
  it('agrees with a linear scan on random nested and disjoint rows', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(1000), fc.nat(200)), { maxLength: 40 }),
        fc.array(fc.nat(1300), { minLength: 1, maxLength: 30 }),
        (ranges, probes) => {
          // Laminar rows like the data's (nested or disjoint): drop rows partially overlapping earlier ones.
          const rows: Array<[number, number]> = [];
          for (const [start, size] of ranges) {
            const end = start + size;
            if (
              rows.every(
                ([s, e]) => end < s || start > e || (s <= start && end <= e) || (start <= s && e <= end),
              )
            ) {
              rows.push([start, end]);
            }
          }
          rows.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
          const csv = rows.map(([s, e], i) => `${s},${e},${i + 1},org${i}`).join('\n');
          const r = parseAsnCsv(csv, 1, [], new Map());
          for (const p of probes) {
            const covering = rows
              .map(([s, e], i) => ({ s, e, asn: i + 1 }))
              .filter((x) => x.s <= p && p <= x.e);
            const narrowest = covering.sort((a, b) => a.e - a.s - (b.e - b.s) || b.s - a.s)[0];
            const i = findRange(r, [p]);
            expect(i < 0 ? undefined : r.asns[i]).toBe(narrowest?.asn);
          }
        },
      ),
      { seed, numRuns: 300 },
    );
  });
});
