// Rule 7: which accessions (state J joins instrument I on D, no reservations) close most gaps. The
// gain of a candidate only involves pairs with J, so it is counted with bitsets against the current
// matrices instead of recomputing them; the chosen accession is applied and gains recounted, k times.
import { and, emptyBits, fullBits, has, popcount, type Bits } from './bitset.ts';
import { dualCriminalityNeed, lawOn, partyOn } from './facts.ts';
import {
  computeMatrix,
  indexWorld,
  instrumentApplies,
  partiesAt,
  type Matrix,
  type WorldIndex,
} from './matrix.ts';
import type { Instrument } from './schemas.ts';
import type { Measure, Offence } from './taxonomy.ts';
import type { World } from './world.ts';

export type Recommendation = { instrument: string; jurisdiction: string; gain: number };
type Target = { offence: Offence; measure: Measure };

export function isOpen(inst: Instrument): boolean {
  return inst.open ?? inst.parties.length > 2;
}

export function withAccession(world: World, instrumentId: string, jurisdiction: string, from: string): World {
  return {
    ...world,
    instruments: world.instruments.map((inst) =>
      inst.id !== instrumentId
        ? inst
        : {
            ...inst,
            parties: [
              ...inst.parties.filter((p) => p.jurisdiction !== jurisdiction),
              { jurisdiction, from, reservations: [], note: 'hypothetical accession' },
            ],
          },
    ),
  };
}

function conditionSets(
  ix: WorldIndex,
  offence: Offence,
  date: string,
  k: number | undefined,
): { crit: Bits; pen: Bits } {
  const crit = emptyBits(ix.words);
  const pen = k === undefined ? fullBits(ix.n) : emptyBits(ix.words);
  ix.codes.forEach((code, i) => {
    const f = lawOn(ix.laws, code, offence, date);
    if (f.status === 'criminalised' || f.status === 'partial') {
      crit[i >>> 5] = (crit[i >>> 5] as number) | (1 << (i & 31));
    }
    if (k !== undefined && f.maxPenaltyYears !== undefined && f.maxPenaltyYears >= k) {
      pen[i >>> 5] = (pen[i >>> 5] as number) | (1 << (i & 31));
    }
  });
  return { crit, pen };
}

/** New yes pairs if J joined `inst` on `date`, counted against the current matrix. */
function gainFor(ix: WorldIndex, m: Matrix, inst: Instrument, j: number, t: Target, date: string): number {
  const parties = partiesAt(ix, inst, date);
  const k = inst.minPenaltyYears[t.measure];
  const { crit, pen } = conditionSets(ix, t.offence, date, k);
  const dcForJoiner = dualCriminalityNeed(inst, t.measure, t.offence, undefined).required;
  let gain = 0;
  // J as the requested state: its (empty) reservations leave the instrument's default.
  if ((!dcForJoiner || has(crit, j)) && has(pen, j)) {
    let askers = and(parties, pen);
    if (dcForJoiner) {
      askers = and(askers, crit);
    }
    for (let r = 0; r < ix.n; r += 1) {
      if (r !== j && has(askers, r) && !has(m.yes[j] as Bits, r)) {
        gain += 1;
      }
    }
  }
  // J as the requesting state towards each party Q, under Q's own reservations.
  for (let q = 0; q < ix.n; q += 1) {
    if (q === j || !has(parties, q) || has(m.yes[q] as Bits, j) || !has(pen, q) || !has(pen, j)) {
      continue;
    }
    const dc = dualCriminalityNeed(
      inst,
      t.measure,
      t.offence,
      partyOn(inst, ix.codes[q] as string, date),
    ).required;
    if (!dc || (has(crit, q) && has(crit, j))) {
      gain += 1;
    }
  }
  return gain;
}

export function recommendAccessions(
  world: World,
  targets: Target[],
  date: string,
  k: number,
): Recommendation[] {
  let current = world;
  const out: Recommendation[] = [];
  for (let round = 0; round < k; round += 1) {
    const ix = indexWorld(current);
    const matrices = targets.map((t) => computeMatrix(ix, t.offence, t.measure, date));
    let best: Recommendation | undefined;
    for (const inst of [...current.instruments].sort((a, b) => a.id.localeCompare(b.id))) {
      if (!isOpen(inst) || !targets.some((t) => instrumentApplies(inst, t.offence, t.measure))) {
        continue;
      }
      // Ties go to the instrument id, then the jurisdiction code, so candidates are visited in that order.
      for (const [code, j] of ix.codes
        .map((c, i) => [c, i] as const)
        .sort(([a], [b]) => a.localeCompare(b))) {
        if (partyOn(inst, code, date)) {
          continue;
        }
        const gain = targets.reduce(
          (sum, t, i) =>
            sum +
            (instrumentApplies(inst, t.offence, t.measure)
              ? gainFor(ix, matrices[i] as Matrix, inst, j, t, date)
              : 0),
          0,
        );
        if (gain > 0 && (!best || gain > best.gain)) {
          best = { instrument: inst.id, jurisdiction: code, gain };
        }
      }
    }
    if (!best) {
      break;
    }
    out.push(best);
    current = withAccession(current, best.instrument, best.jurisdiction, date);
  }
  return out;
}

export function countYes(m: Matrix): number {
  return m.yes.reduce((sum, bits) => sum + popcount(bits), 0);
}
