// Property test of the batched IPv4 path (matchIPv4Batch over ipv4-batch.ts): on random tables of
// nested blocks and shared addresses, batches longer than one internal batch, with repeated addresses
// and in adversarial orders (descending, all equal, alternating far apart), give every address the
// hits a lookup of it alone gives, in input order, with and without a delta of recent changes, and
// after removals (entries of the base index marked removed in place).
// Reproduce a failure with FC_SEED=<seed from the report>.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createIndexedMatcher } from './indexed-matcher.ts';
import { BATCH } from './ipv4-batch.ts';
import { formatIPv4, ipv4Mask } from '../../platform/net/ip-parse.ts';
import { createVisibilityMask } from './visibility.ts';
import type { MatchEntry } from './entry.ts';

const seed = Number(process.env.FC_SEED ?? Date.now() % 2 ** 31);

// A few bases on slot edges, so addresses repeat and blocks nest and share boundaries.
const address = fc
  .tuple(
    fc.constantFrom(0, 0x0a000000, 0x0a0001ff, 0xc0a80000, 0xffffffff),
    fc.oneof(fc.integer({ min: 0, max: 0x3ff }), fc.integer({ min: 0, max: 0xffffff })),
  )
  .map(([base, jitter]) => (base ^ jitter) >>> 0);
const entry: fc.Arbitrary<MatchEntry> = fc
  .record({
    net: address,
    len: fc.oneof(fc.constant(32), fc.constantFrom(0, 8, 16, 22, 24, 30), fc.integer({ min: 0, max: 32 })),
    id: fc.integer({ min: 0, max: 40 }),
    vis: fc.integer({ min: 0, max: 3 }),
  })
  .map((r) => ({
    entryId: r.id,
    kind: 'ipv4' as const,
    value: `${formatIPv4((r.net & ipv4Mask(r.len)) >>> 0)}/${r.len}`,
    visibility: r.vis,
  }));
/** A batch of 1 to 3 internal batches, ordered adversarially. */
const batch = fc
  .tuple(
    // Lengths drawn uniformly (fast-check's default keeps arrays short, under one internal batch).
    fc.integer({ min: 1, max: 3 * BATCH }).chain((n) => fc.array(address, { minLength: n, maxLength: n })),
    fc.constantFrom('as-drawn', 'descending', 'all-equal', 'far-apart'),
  )
  .map(([list, order]) => {
    if (order === 'descending') {
      return list.sort((a, b) => b - a);
    }
    if (order === 'all-equal') {
      return list.map(() => list[0]!);
    }
    if (order === 'far-apart') {
      const sorted = [...list].sort((a, b) => a - b);
      return sorted.map((_, i) => sorted[i % 2 === 0 ? i >> 1 : sorted.length - 1 - (i >> 1)]!);
    }
    return list;
  });

describe('batched IPv4 lookups', () => {
  it('give each address its own hits, in input order, with and without a delta, after removals', () => {
    fc.assert(
      fc.property(
        fc.array(entry, { maxLength: 120 }),
        fc.array(entry, { maxLength: 10 }),
        batch,
        fc.subarray([0, 1, 2, 3], { minLength: 1 }),
        fc.integer({ min: 2, max: 5 }),
        (base, recent, list, visible, every) => {
          const m = createIndexedMatcher(base);
          const filter = createVisibilityMask(visible);
          const addresses = Uint32Array.from(list);
          const check = () => {
            // Junk before the call: every count is written, hits are appended after what out held.
            const counts = new Uint32Array(addresses.length).fill(99);
            const out = [-7];
            const total = m.matchIPv4Batch(addresses, filter, counts, out);
            const alone = list.map((a) => {
              const hits: number[] = [];
              m.matchIPv4(a, filter, hits);
              return hits;
            });
            expect(Array.from(counts)).toEqual(alone.map((h) => h.length));
            expect(out).toEqual([-7, ...alone.flat()]);
            expect(total).toBe(out.length - 1);
          };
          check();
          recent.forEach((e) => m.add(e));
          check();
          // Every few base entries removed: blocks and addresses keep their removed entries in place.
          base.filter((_, i) => i % every === 0).forEach((e) => m.remove(e));
          check();
        },
      ),
      { seed, numRuns: 200 },
    );
  });
});
