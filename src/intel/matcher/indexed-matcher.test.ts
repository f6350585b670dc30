import { describe, expect, it } from 'vitest';
import { describeMatcherConformance } from './matcher-conformance.ts';
import { createIndexedMatcher } from './indexed-matcher.ts';
import { MIN_DELTA_CAP } from './layered-index.ts';
import { SEE_ALL } from './visibility.ts';
import type { MatchEntry } from './entry.ts';

// The same suite against each layout the index can be in when a lookup arrives.
describeMatcherConformance('indexed matcher, entries in the delta', (entries) => {
  const m = createIndexedMatcher();
  entries.forEach((entry) => m.add(entry));
  return m;
});
describeMatcherConformance('indexed matcher, bulk-built base', (entries) => createIndexedMatcher(entries));
describeMatcherConformance('indexed matcher, half base, half delta', (entries) => {
  const m = createIndexedMatcher(entries.filter((_, i) => i % 2 === 0));
  entries.filter((_, i) => i % 2 === 1).forEach((entry) => m.add(entry));
  return m;
});

describe('indexed matcher internals', () => {
  it('merges the delta into the base once it outgrows its cap, without losing entries', () => {
    const m = createIndexedMatcher();
    const count = MIN_DELTA_CAP + 10;
    for (let i = 0; i < count; i += 1) {
      m.add({ entryId: i, kind: 'ipv4', value: `10.${(i >> 8) & 255}.${i & 255}.0/24`, visibility: 0 });
    }
    expect(m.stats().ipv4.pending).toBeLessThan(MIN_DELTA_CAP);
    expect(m.size).toBe(count);
    expect(m.match('ipv4', '10.16.9.1', SEE_ALL)).toEqual([16 * 256 + 9]);
  });

  it('reclaims removed entries when compacted', () => {
    const entries: MatchEntry[] = Array.from({ length: 1000 }, (_, i) => ({
      entryId: i,
      kind: 'md5',
      value: i.toString(16).padStart(32, '0'),
      visibility: 0,
    }));
    const m = createIndexedMatcher(entries);
    const before = m.stats().md5.bytes;
    entries.slice(0, 900).forEach((entry) => m.remove(entry));
    m.compact();
    expect(m.stats().md5.entries).toBe(100);
    expect(m.stats().md5.bytes).toBeLessThan(before / 4);
    expect(m.match('md5', entries[950]!.value, SEE_ALL)).toEqual([950]);
  });

  it('reports rejected entries of a bulk load and keeps the rest', () => {
    const m = createIndexedMatcher();
    const result = m.addMany([
      { entryId: 1, kind: 'ipv4', value: '10.0.0.0/8', visibility: 0 },
      { entryId: 2, kind: 'domain', value: '-', visibility: 0 },
      { entryId: 3, kind: 'domain', value: 'example.com', visibility: 0 },
    ]);
    expect(result.added).toBe(2);
    expect(result.rejected.map((r) => [r.entry.entryId, r.reason])).toEqual([[2, 'invalid-value']]);
  });
});
