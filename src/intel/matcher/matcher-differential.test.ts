// Differential test: the indexed matcher must answer every lookup exactly as the naive one, on random
// nested and overlapping IPv4/IPv6 blocks, domains and subdomains, digests, with random additions,
// removals, compactions and reader filters. Reproduce a failure with FC_SEED=<seed from the report>.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createIndexedMatcher } from './indexed-matcher.ts';
import { createNaiveMatcher } from './naive-matcher.ts';
import { ObservableLookup } from './observable-lookup.ts';
import { formatIPv4, formatIPv6 } from '../../platform/net/ip-parse.ts';
import { createVisibilityMask } from './visibility.ts';
import type { IndicatorKind, MatchEntry } from './entry.ts';

const seed = Number(process.env.FC_SEED ?? Date.now() % 2 ** 31);

// Few distinct bases so blocks nest, overlap and share boundaries; jitter in the low bits.
const v4Address = fc
  .tuple(
    fc.oneof(
      fc.constantFrom(0x0a000000, 0x0a010200, 0xc0000200, 0xffffff00, 0),
      fc.integer({ min: 0, max: 0xffffffff }),
    ),
    fc.oneof(fc.integer({ min: 0, max: 0x3ff }), fc.integer({ min: 0, max: 7 })),
  )
  .map(([base, jitter]) => (base ^ jitter) >>> 0);
const v6Words = fc
  .tuple(
    fc.constantFrom(0x20010db8, 0, 0xffffffff, 0x2a000000),
    fc.constantFrom(0, 1, 0xffff0000, 0xffffffff),
    fc.constantFrom(0, 0xffff),
    fc.integer({ min: 0, max: 0xffffffff }).chain((w) => fc.constantFrom(0, 1, w, 0xffffffff)),
  )
  .map((w) => Uint32Array.from(w));
const label = fc.constantFrom('a', 'b', 'c', 'xn--bcher-kva', 'com', 'org', 'x-y', 'A', 'B');
const domain = fc.array(label, { minLength: 1, maxLength: 4 }).map((ls) => ls.join('.'));
const digest = fc.constantFrom('0', '1', 'a', 'F').map((c) => c.repeat(32));

const value: fc.Arbitrary<{ kind: IndicatorKind; value: string }> = fc.oneof(
  // Single addresses from a small space, so several entries share an address.
  v4Address.map((a) => ({ kind: 'ipv4' as const, value: formatIPv4(a) })),
  fc
    .tuple(v4Address, fc.oneof(fc.integer({ min: 0, max: 32 }), fc.integer({ min: 22, max: 32 })))
    .map(([a, p]) => ({
      kind: 'ipv4' as const,
      value: p === 32 && a % 2 ? formatIPv4(a) : `${formatIPv4(a)}/${p}`,
    })),
  fc
    .tuple(v6Words, fc.oneof(fc.integer({ min: 0, max: 128 }), fc.integer({ min: 90, max: 128 })))
    .map(([w, p]) => ({ kind: 'ipv6' as const, value: `${formatIPv6(w)}/${p}` })),
  domain.map((d) => ({ kind: 'domain' as const, value: d })),
  digest.map((d) => ({ kind: 'md5' as const, value: d })),
);
const entry: fc.Arbitrary<MatchEntry> = fc
  .tuple(fc.integer({ min: 0, max: 30 }), value, fc.integer({ min: 0, max: 3 }))
  .map(([entryId, v, visibility]) => ({ entryId, ...v, visibility }));
const observable: fc.Arbitrary<{ kind: IndicatorKind; value: string }> = fc.oneof(
  v4Address.map((a) => ({ kind: 'ipv4' as const, value: formatIPv4(a) })),
  v6Words.map((w) => ({ kind: 'ipv6' as const, value: formatIPv6(w) })),
  fc
    .array(label, { minLength: 1, maxLength: 6 })
    .map((ls) => ({ kind: 'domain' as const, value: ls.join('.') })),
  digest.map((d) => ({ kind: 'md5' as const, value: d })),
);
type Op = { op: 'add'; entry: MatchEntry } | { op: 'remove'; pick: number } | { op: 'compact' };
const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 5, arbitrary: entry.map((e) => ({ op: 'add' as const, entry: e })) },
  { weight: 3, arbitrary: fc.nat().map((pick) => ({ op: 'remove' as const, pick })) },
  { weight: 1, arbitrary: fc.constant({ op: 'compact' as const }) },
);

describe('indexed matcher against the naive matcher', () => {
  it('answers every lookup identically after random loads and updates', () => {
    fc.assert(
      fc.property(
        fc.array(entry, { maxLength: 60 }),
        fc.array(op, { maxLength: 40 }),
        fc.array(observable, { minLength: 1, maxLength: 40 }),
        fc.subarray([0, 1, 2, 3]),
        (initial, ops, observables, visible) => {
          const naive = createNaiveMatcher(initial);
          const indexed = createIndexedMatcher(initial);
          const seen = [...initial];
          for (const o of ops) {
            if (o.op === 'add') {
              seen.push(o.entry);
              expect(indexed.add(o.entry).ok).toBe(naive.add(o.entry).ok);
            } else if (o.op === 'remove' && seen.length > 0) {
              const target = seen[o.pick % seen.length]!;
              expect(indexed.remove(target)).toBe(naive.remove(target));
            } else if (o.op === 'compact') {
              indexed.compact();
            }
          }
          expect(indexed.size).toBe(naive.size);
          const mask = createVisibilityMask(visible);
          for (const q of observables) {
            expect(indexed.match(q.kind, q.value, mask), `${q.kind} ${q.value}`).toEqual(
              naive.match(q.kind, q.value, mask),
            );
          }
          // A matching run's batched lookups (IPv4 searched together) answer as one lookup at a time:
          // in a mixed batch with an invalid address, and in a batch of valid addresses only.
          const lookup = new ObservableLookup(indexed);
          const mixed = [...observables, { kind: 'ipv4' as const, value: '10.0.0.256' }];
          const addressesOnly = observables.filter((q) => q.kind === 'ipv4');
          for (const [batch, from] of [
            [mixed, observables.length > 2 ? 1 : 0],
            [addressesOnly, 0],
          ] as const) {
            const total = lookup.run(batch, from, batch.length, mask);
            let at = 0;
            for (let i = from; i < batch.length; i += 1) {
              const count = lookup.counts[i - from]!;
              const q = batch[i]!;
              expect(lookup.ids.slice(at, at + count), `batched ${q.kind} ${q.value}`).toEqual(
                naive.match(q.kind, q.value, mask),
              );
              at += count;
            }
            expect(at).toBe(total);
            expect(total).toBe(lookup.ids.length);
          }
        },
      ),
      { seed, numRuns: 300 },
    );
  });
});
