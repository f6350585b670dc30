// The columnar sort against a plain stable comparator sort: random keys of every width, many ties,
// inputs already sorted, and sorted prefixes followed by unsorted tails (what a rebuild hands it).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { sortedOrder, type SortKey } from './radix-sort.ts';

const seed = Number(process.env.FC_SEED ?? Date.now() % 2 ** 31);

function reference(n: number, keys: SortKey[], subset?: Uint32Array): number[] {
  const order = subset ? Array.from(subset) : Array.from({ length: n }, (_, i) => i);
  return order.sort((a, b) => {
    for (const k of keys) {
      const x = k.values[a * k.stride + k.offset]! >>> 0;
      const y = k.values[b * k.stride + k.offset]! >>> 0;
      if (x !== y) {
        return x - y;
      }
    }
    return 0;
  });
}

describe('sortedOrder', () => {
  it('orders like a stable comparator sort, sorted prefixes and small inputs included', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 6000 }),
        fc.integer({ min: 0, max: 6000 }),
        fc.constantFrom(4, 1000, 0xffffffff),
        fc.integer({ min: 0, max: 2 ** 31 }),
        (n, sortedHead, range, start) => {
          let state = start | 1;
          const random = () => {
            state ^= state << 13;
            state ^= state >>> 17;
            state ^= state << 5;
            return (state >>> 0) % (range + 1);
          };
          const a = Uint32Array.from({ length: n }, random);
          const b = Int32Array.from({ length: n }, () => random() & 7);
          // The first sortedHead records ascend by (a, b).
          const head = Math.min(n, sortedHead);
          const sortedA = Array.from(a.subarray(0, head)).sort((x, y) => x - y);
          a.set(sortedA);
          b.fill(0, 0, head);
          const keys: SortKey[] = [
            { values: a, stride: 1, offset: 0 },
            { values: b, stride: 1, offset: 0 },
          ];
          expect(Array.from(sortedOrder(n, keys))).toEqual(reference(n, keys));
        },
      ),
      { seed, numRuns: 60 },
    );
  });
});
