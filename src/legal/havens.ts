// Rule 6: the reach of each requested state and the havens (offence not criminalised there, or reach
// below τ), from one coverage matrix.
import { popcount, type Bits } from './bitset.ts';
import { lawOn } from './facts.ts';
import { computeMatrix, type Matrix } from './matrix.ts';
import type { Measure, Offence } from './taxonomy.ts';
import { indexWorld, type WorldIndex } from './world-index.ts';
import type { World } from './world.ts';

export const DEFAULT_THRESHOLD = 0.5;

export type HavenReason = 'not-criminalised' | 'isolated';
export type Haven = { jurisdiction: string; reasons: HavenReason[]; reach: number };

/** The share of other jurisdictions R for which R → Q is yes. */
export function reachOf(ix: WorldIndex, m: Matrix, q: number): number {
  return ix.n < 2 ? 0 : popcount(m.yes[q] as Bits) / (ix.n - 1);
}

export function findHavens(
  ix: WorldIndex,
  offence: Offence,
  measure: Measure,
  date: string,
  threshold = DEFAULT_THRESHOLD,
  matrix?: Matrix,
): Haven[] {
  const m = matrix ?? computeMatrix(ix, offence, measure, date);
  const out: Haven[] = [];
  ix.codes.forEach((code, q) => {
    const reach = reachOf(ix, m, q);
    const reasons: HavenReason[] = [];
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

/** The havens for one offence, measure and date (validated inputs), in the world's order. */
export function havens(
  world: World,
  offence: Offence,
  measure: Measure,
  date: string,
  threshold = DEFAULT_THRESHOLD,
): Haven[] {
  return findHavens(indexWorld(world), offence, measure, date, threshold);
}

/** Reach of every jurisdiction (for a map coloured by reach), keyed by code. */
export function reachByJurisdiction(
  world: World,
  offence: Offence,
  measure: Measure,
  date: string,
): Record<string, number> {
  const ix = indexWorld(world);
  const m = computeMatrix(ix, offence, measure, date);
  return Object.fromEntries(ix.codes.map((code, q) => [code, reachOf(ix, m, q)]));
}
