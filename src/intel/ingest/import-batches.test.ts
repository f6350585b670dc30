// What an import batch records for routing: its pks as runs, written as an int8multirange literal.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { pkRunsLiteral } from './import-store.ts';

/** Expands a literal back to its pks (the reference for the property). */
function expand(literal: string): number[] {
  return [...literal.matchAll(/\[(\d+),(\d+)\)/g)].flatMap(([, lo, hi]) =>
    Array.from({ length: Number(hi) - Number(lo) }, (_, i) => Number(lo) + i),
  );
}

describe('pkRunsLiteral', () => {
  it('writes runs of consecutive pks as half-open ranges', () => {
    expect(pkRunsLiteral([])).toBe('{}');
    expect(pkRunsLiteral([7])).toBe('{[7,8)}');
    expect(pkRunsLiteral([1, 4, 5, 9])).toBe('{[1,2),[4,6),[9,10)}');
    expect(pkRunsLiteral([100, 101, 102, 103])).toBe('{[100,104)}');
  });

  it('holds exactly the pks given, in as many ranges as there are gaps plus one', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 1, max: 5000 }), { maxLength: 300 }), (raw) => {
        const pks = [...raw].sort((a, b) => a - b);
        const literal = pkRunsLiteral(pks);
        expect(expand(literal)).toEqual(pks);
        const gaps = pks.filter((pk, i) => i > 0 && pk !== (pks[i - 1] as number) + 1).length;
        expect(literal.match(/\[/g)?.length ?? 0).toBe(pks.length === 0 ? 0 : gaps + 1);
      }),
    );
  });
});
