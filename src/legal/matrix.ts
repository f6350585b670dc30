// Coverage as bitset algebra (rules 1–3 and 5, no suspect national): for an offence, a measure and a
// date, per requested state Q the set of requesting states R answered yes, and those undetermined.
// Per applying instrument the condition sets are built once; each Q then costs a few word operations.
import { clear, has, popcount, type Bits } from './bitset.ts';
import type { Measure, Offence } from './taxonomy.ts';
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

/** Column q holds the requesting states R with each answer for R → Q; `no` is everything else. */
export type Matrix = { yes: Bits[]; undetermined: Bits[] };
export type Verdict = 'yes' | 'no' | 'undetermined';

const and2 = (a: Bits, b: Bits) => a.map((w, i) => w & (b[i] as number));

export function computeMatrix(ix: WorldIndex, offence: Offence, measure: Measure, date: string): Matrix {
  const yes = Array.from({ length: ix.n }, () => new Uint32Array(ix.words));
  const und = Array.from({ length: ix.n }, () => new Uint32Array(ix.words));
  const facts = stateFacts(ix, offence, date);
  ix.world.instruments.forEach((inst, i) => {
    if (!instrumentApplies(inst, offence, measure)) {
      return;
    }
    const parties = partiesOn(ix, i, date);
    if (popcount(parties) < 2) {
      return;
    }
    const dcBy = dualCriminalityRequiredBy(ix, i, measure, offence);
    const k = inst.minPenaltyYears[measure];
    const pen = k === undefined ? undefined : penaltySets(ix, offence, date, k);
    // The requesting states meeting (or failing) each combination of conditions, among the parties.
    const metDc = and2(parties, facts.criminalised);
    const metPen = pen ? and2(parties, pen.met) : parties;
    const metBoth = and2(metDc, metPen);
    const failDc = and2(parties, facts.notCriminalised);
    const failPen = pen ? and2(parties, pen.failed) : new Uint32Array(ix.words);
    const failEither = failDc.map((w, x) => w | (failPen[x] as number));
    for (let q = 0; q < ix.n; q += 1) {
      if (!has(parties, q)) {
        continue;
      }
      const dc = has(dcBy, q);
      const qFails = (dc && has(facts.notCriminalised, q)) || (pen !== undefined && has(pen.failed, q));
      const qMeets = (!dc || has(facts.criminalised, q)) && (pen === undefined || has(pen.met, q));
      const ok = qFails || !qMeets ? undefined : dc ? (pen ? metBoth : metDc) : metPen;
      const failed = qFails ? parties : dc ? (pen ? failEither : failDc) : failPen;
      const y = yes[q] as Bits;
      const u = und[q] as Bits;
      for (let w = 0; w < ix.words; w += 1) {
        const okWord = ok ? (ok[w] as number) : 0;
        y[w] = (y[w] as number) | okWord;
        u[w] = (u[w] as number) | ((parties[w] as number) & ~okWord & ~(failed[w] as number));
      }
    }
  });
  for (let q = 0; q < ix.n; q += 1) {
    const y = yes[q] as Bits;
    const u = und[q] as Bits;
    clear(y, q);
    for (let w = 0; w < ix.words; w += 1) {
      u[w] = (u[w] as number) & ~(y[w] as number);
    }
    clear(u, q);
  }
  return { yes, undetermined: und };
}

export function verdictOf(m: Matrix, r: number, q: number): Verdict {
  return has(m.yes[q] as Bits, r) ? 'yes' : has(m.undetermined[q] as Bits, r) ? 'undetermined' : 'no';
}

export function countYes(m: Matrix): number {
  return m.yes.reduce((sum, bits) => sum + popcount(bits), 0);
}

/** Rule 6: the share of ordered pairs (R ≠ Q) answered yes. */
export function coverageOf(ix: WorldIndex, m: Matrix): number {
  const pairs = ix.n * (ix.n - 1);
  return pairs === 0 ? 0 : countYes(m) / pairs;
}

export type AnswerGrid = Record<string, Record<string, Verdict>>;

/** answers[R][Q] is R asking Q (the CLI and API contract). */
export function presentMatrix(ix: WorldIndex, m: Matrix): { coverage: number; answers: AnswerGrid } {
  const answers: AnswerGrid = {};
  ix.codes.forEach((r, ri) => {
    const row: Record<string, Verdict> = {};
    ix.codes.forEach((q, qi) => {
      if (qi !== ri) {
        row[q] = verdictOf(m, ri, qi);
      }
    });
    answers[r] = row;
  });
  return { coverage: coverageOf(ix, m), answers };
}

export type MatrixResult = {
  offence: Offence;
  measure: Measure;
  date: string;
  coverage: number;
  jurisdictions: string[];
  answers: AnswerGrid;
};

/** Every ordered pair of the world for one offence, measure and date (validated inputs). */
export function matrix(world: World, offence: Offence, measure: Measure, date: string): MatrixResult {
  const ix = indexWorld(world);
  const { coverage, answers } = presentMatrix(ix, computeMatrix(ix, offence, measure, date));
  return { offence, measure, date, coverage, jurisdictions: ix.codes, answers };
}
