// Rule 7: which accessions (state J joins instrument I on D, without reservations) close most gaps.
// A candidate's gain only involves pairs with J, so it is counted with bitsets against the current
// matrices; the best is applied and the gains recounted, k times (greedy).
import { andNot, emptyBits, has, popcount, set, type Bits } from './bitset.ts';
import { computeMatrix, type Matrix } from './matrix.ts';
import type { Instrument } from './schemas.ts';
import { DUAL_CRIMINALITY_BY_DEFAULT, type Measure, type Offence } from './taxonomy.ts';
import {
  dualCriminalityRequiredBy,
  indexWorld,
  instrumentApplies,
  partiesOn,
  penaltySets,
  stateFacts,
  type WorldIndex,
} from './world-index.ts';
import type { World } from './world.ts';

export type Recommendation = { instrument: string; jurisdiction: string; gain: number };
export type Target = { offence: Offence; measure: Measure };

/** Rule 7: `open`, else more than two parties; narrowed by the Accord extensions openTo and openToPartiesOf. */
export function isOpenTo(ix: WorldIndex, instrument: number, code: string, date: string): boolean {
  const inst = ix.world.instruments[instrument] as Instrument;
  if (!(inst.open ?? inst.parties.length > 2)) {
    return false;
  }
  if (inst.openTo && !inst.openTo.includes(code)) {
    return false;
  }
  if (inst.openToPartiesOf !== undefined) {
    const required = ix.world.instruments.findIndex((i) => i.id === inst.openToPartiesOf);
    const at = ix.indexOf.get(code);
    return required >= 0 && at !== undefined && has(partiesOn(ix, required, date), at);
  }
  return true;
}

/** The world with J a party of the instrument from `from`, without reservations (any earlier entry replaced). */
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

type Round = { ix: WorldIndex; matrices: Matrix[]; rows: Bits[][] };

/** Row j of a matrix: the requested states Q for which j → Q is already yes. */
function transpose(ix: WorldIndex, m: Matrix): Bits[] {
  const rows = Array.from({ length: ix.n }, () => emptyBits(ix.words));
  m.yes.forEach((column, q) => {
    for (let r = 0; r < ix.n; r += 1) {
      if (has(column, r)) {
        set(rows[r] as Bits, q);
      }
    }
  });
  return rows;
}

/** New yes pairs for one target if J joined instrument i on `date`. */
function gainFor(round: Round, t: number, target: Target, i: number, j: number, date: string): number {
  const { ix } = round;
  const inst = ix.world.instruments[i] as Instrument;
  const parties = partiesOn(ix, i, date);
  const facts = stateFacts(ix, target.offence, date);
  const k = inst.minPenaltyYears[target.measure];
  const pen = k === undefined ? undefined : penaltySets(ix, target.offence, date, k);
  if (pen && !has(pen.met, j)) {
    return 0; // every pair with J needs J's penalty to meet the threshold
  }
  const jCrim = has(facts.criminalised, j);
  let askers = pen ? parties.map((w, x) => w & (pen.met[x] as number)) : parties;
  // J as the requested state: no reservations, so the instrument's own rule on dual criminality.
  let gain = 0;
  const dcForJ = inst.dualCriminality[target.measure] ?? DUAL_CRIMINALITY_BY_DEFAULT.has(target.measure);
  if (!dcForJ || jCrim) {
    const from = dcForJ ? askers.map((w, x) => w & (facts.criminalised[x] as number)) : askers;
    gain += popcount(andNot(from, (round.matrices[t] as Matrix).yes[j] as Bits));
  }
  // J as the requesting state towards each party Q, under Q's own reservations.
  const dcBy = dualCriminalityRequiredBy(ix, i, target.measure, target.offence);
  askers = askers.map(
    (w, x) => w & (jCrim ? ~(dcBy[x] as number) | (facts.criminalised[x] as number) : ~(dcBy[x] as number)),
  );
  gain += popcount(andNot(askers, (round.rows[t] as Bits[])[j] as Bits));
  return gain;
}

const byCodePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The greedy choice, k times; ties go to the instrument id, then the jurisdiction code. Stops when nothing gains. */
export function recommendAccessions(
  world: World,
  targets: Target[],
  date: string,
  k: number,
): Recommendation[] {
  let current = world;
  const out: Recommendation[] = [];
  for (let step = 0; step < k; step += 1) {
    const ix = indexWorld(current);
    const matrices = targets.map((t) => computeMatrix(ix, t.offence, t.measure, date));
    const round: Round = { ix, matrices, rows: matrices.map((m) => transpose(ix, m)) };
    const order = current.instruments.map((inst, i) => ({ id: inst.id, i }));
    const codes = ix.codes.map((code, j) => ({ code, j })).sort((a, b) => byCodePoint(a.code, b.code));
    let best: Recommendation | undefined;
    for (const { id, i } of order.sort((a, b) => byCodePoint(a.id, b.id))) {
      const inst = current.instruments[i] as Instrument;
      const live = targets.flatMap((t, x) => (instrumentApplies(inst, t.offence, t.measure) ? [x] : []));
      if (live.length === 0) {
        continue;
      }
      const parties = partiesOn(ix, i, date);
      for (const { code, j } of codes) {
        if (has(parties, j) || !isOpenTo(ix, i, code, date)) {
          continue;
        }
        const gain = live.reduce((sum, t) => sum + gainFor(round, t, targets[t] as Target, i, j, date), 0);
        if (gain > 0 && (!best || gain > best.gain)) {
          best = { instrument: id, jurisdiction: code, gain };
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

/** Rule 7 for validated inputs: the recommendations for every (offence, measure) pair asked about. */
export function recommend(
  world: World,
  offences: Offence[],
  measures: Measure[],
  date: string,
  k: number,
): Recommendation[] {
  const targets = offences.flatMap((offence) => measures.map((measure) => ({ offence, measure })));
  return recommendAccessions(world, targets, date, k);
}
