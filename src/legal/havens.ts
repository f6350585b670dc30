// Rule 6: reach of each requested state and the havens (offence not criminalised, or reach below τ).
import { has, popcount, type Bits } from './bitset.ts';
import { lawOn } from './facts.ts';
import { computeMatrix, type Matrix, type WorldIndex } from './matrix.ts';
import type { Measure, Offence } from './taxonomy.ts';

export type Haven = { jurisdiction: string; reasons: ('not-criminalised' | 'isolated')[]; reach: number };

export function reachOf(ix: WorldIndex, m: Matrix, q: number): number {
  return ix.n < 2 ? 0 : popcount(m.yes[q] as Bits) / (ix.n - 1);
}

export function findHavens(
  ix: WorldIndex,
  offence: Offence,
  measure: Measure,
  date: string,
  threshold = 0.5,
  matrix?: Matrix,
): Haven[] {
  const m = matrix ?? computeMatrix(ix, offence, measure, date);
  const out: Haven[] = [];
  ix.codes.forEach((code, q) => {
    const reach = reachOf(ix, m, q);
    const reasons: Haven['reasons'] = [];
    if (lawOn(ix.laws, code, offence, date).status === 'none') {
      reasons.push('not-criminalised');
    }
    if (reach < threshold) {
      reasons.push('isolated');
    }
    if (reasons.length > 0) {
      out.push({ jurisdiction: code, reasons, reach });
    }
  });
  return out;
}

export { has };
