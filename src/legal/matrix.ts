// Coverage as bitset algebra: for an offence, a measure and a date, the set of requesting states R
// with a `yes` (or `undetermined`) answer towards each requested state Q (rules 1–3 and 5, no suspect
// national). Per instrument and requested state the work is a handful of word operations.
import { and, andNot, clear, emptyBits, has, orInto, popcount, set, wordsFor, type Bits } from './bitset.ts';
import { COERCIVE, type Measure, type Offence } from './taxonomy.ts';
import { coversOffence, dualCriminalityNeed, lawOn, lawTable, partyOn, type LawTable } from './facts.ts';
import type { Instrument } from './schemas.ts';
import type { World } from './world.ts';

export type WorldIndex = {
  world: World;
  codes: string[];
  indexOf: Map<string, number>;
  n: number;
  words: number;
  laws: LawTable;
};

export function indexWorld(world: World): WorldIndex {
  const codes = world.jurisdictions.map((j) => j.code);
  return {
    world,
    codes,
    indexOf: new Map(codes.map((c, i) => [c, i])),
    n: codes.length,
    words: wordsFor(codes.length),
    laws: lawTable(world),
  };
}

/** Per requested state (column) the requesting states with each answer; `no` is everything else. */
export type Matrix = { yes: Bits[]; undetermined: Bits[] };

type StateFacts = { critMet: Bits; critFailed: Bits; penalty: Float64Array };

function stateFacts(ix: WorldIndex, offence: Offence, date: string): StateFacts {
  const critMet = emptyBits(ix.words);
  const critFailed = emptyBits(ix.words);
  const penalty = new Float64Array(ix.n).fill(Number.NaN);
  ix.codes.forEach((code, i) => {
    const fact = lawOn(ix.laws, code, offence, date);
    if (fact.status === 'criminalised' || fact.status === 'partial') {
      set(critMet, i);
    } else if (fact.status === 'none') {
      set(critFailed, i);
    }
    if (fact.maxPenaltyYears !== undefined) {
      penalty[i] = fact.maxPenaltyYears;
    }
  });
  return { critMet, critFailed, penalty };
}

function penaltySets(ix: WorldIndex, sf: StateFacts, k: number): { met: Bits; failed: Bits } {
  const met = emptyBits(ix.words);
  const failed = emptyBits(ix.words);
  sf.penalty.forEach((p, i) => {
    if (!Number.isNaN(p)) {
      set(p >= k ? met : failed, i);
    }
  });
  return { met, failed };
}

export function instrumentApplies(inst: Instrument, offence: Offence, measure: Measure): boolean {
  return (
    inst.measures.includes(measure) &&
    coversOffence(inst, offence) &&
    (!COERCIVE.has(measure) || inst.binding)
  );
}

export function partiesAt(ix: WorldIndex, inst: Instrument, date: string): Bits {
  const bits = emptyBits(ix.words);
  for (const p of inst.parties) {
    const i = ix.indexOf.get(p.jurisdiction);
    if (i !== undefined && partyOn(inst, p.jurisdiction, date)) {
      set(bits, i);
    }
  }
  return bits;
}

export function computeMatrix(ix: WorldIndex, offence: Offence, measure: Measure, date: string): Matrix {
  const yes = Array.from({ length: ix.n }, () => emptyBits(ix.words));
  const und = Array.from({ length: ix.n }, () => emptyBits(ix.words));
  const sf = stateFacts(ix, offence, date);
  for (const inst of ix.world.instruments) {
    if (!instrumentApplies(inst, offence, measure)) {
      continue;
    }
    const parties = partiesAt(ix, inst, date);
    if (popcount(parties) < 2) {
      continue;
    }
    const k = inst.minPenaltyYears[measure];
    const pen = k === undefined ? undefined : penaltySets(ix, sf, k);
    for (let q = 0; q < ix.n; q += 1) {
      if (!has(parties, q)) {
        continue;
      }
      const others: Bits = parties.slice();
      clear(others, q);
      let ok: Bits = others;
      let failed: Bits = emptyBits(ix.words);
      const conditions: [boolean, Bits, Bits][] = [];
      const party = partyOn(inst, ix.codes[q] as string, date);
      if (dualCriminalityNeed(inst, measure, offence, party).required) {
        conditions.push([true, sf.critMet, sf.critFailed]);
      }
      if (pen) {
        conditions.push([true, pen.met, pen.failed]);
      }
      for (const [, met, fail] of conditions) {
        if (has(fail, q)) {
          ok = emptyBits(ix.words);
          failed = others;
        } else {
          ok = has(met, q) ? and(ok, met) : emptyBits(ix.words);
          orInto(failed, and(others, fail));
        }
      }
      orInto(yes[q] as Bits, ok);
      orInto(und[q] as Bits, andNot(andNot(others, ok), failed));
    }
  }
  return { yes, undetermined: yes.map((y, q) => andNot(und[q] as Bits, y)) };
}

export type AnswerGrid = Record<string, Record<string, 'yes' | 'no' | 'undetermined'>>;

/** answers[R][Q] is R asking Q; coverage is the share of ordered pairs (R ≠ Q) answered yes (rule 6). */
export function presentMatrix(ix: WorldIndex, m: Matrix): { coverage: number; answers: AnswerGrid } {
  const answers: AnswerGrid = {};
  let yesCount = 0;
  for (let r = 0; r < ix.n; r += 1) {
    const row: Record<string, 'yes' | 'no' | 'undetermined'> = {};
    for (let q = 0; q < ix.n; q += 1) {
      if (q !== r) {
        const answer = has(m.yes[q] as Bits, r)
          ? 'yes'
          : has(m.undetermined[q] as Bits, r)
            ? 'undetermined'
            : 'no';
        yesCount += answer === 'yes' ? 1 : 0;
        row[ix.codes[q] as string] = answer;
      }
    }
    answers[ix.codes[r] as string] = row;
  }
  const pairs = ix.n * (ix.n - 1);
  return { coverage: pairs === 0 ? 0 : yesCount / pairs, answers };
}
