// The index every bulk computation starts from: jurisdictions numbered 0..n-1, each instrument's
// parties with their numbers, and, memoised per date or offence, the bitsets the rules need (parties
// in force, parties whose reservations require dual criminality, states meeting each law condition).
import { emptyBits, set, wordsFor, type Bits } from './bitset.ts';
import { COERCIVE, DUAL_CRIMINALITY_BY_DEFAULT, type Measure, type Offence } from './taxonomy.ts';
import { lawOn, lawTable, type LawTable } from './facts.ts';
import type { Instrument, Party } from './schemas.ts';
import type { World } from './world.ts';

type NumberedParty = { at: number; party: Party };
export type StateFacts = {
  /** Status criminalised or partial on the date (rule 2 met on this side). */
  criminalised: Bits;
  /** Status none on the date (rule 2 failed). */
  notCriminalised: Bits;
  /** Maximum penalty in years on the date, NaN when unknown (rule 3). */
  penalty: Float64Array;
};

export type WorldIndex = {
  world: World;
  codes: string[];
  indexOf: Map<string, number>;
  n: number;
  words: number;
  laws: LawTable;
  parties: NumberedParty[][];
  memo: Map<string, unknown>;
  /** Set on an index derived from another (what-if): which of its memoised facts still hold here. */
  base?: { ix: WorldIndex; sameLaws: boolean; changed: ReadonlySet<number> } | undefined;
};

const indexes = new WeakMap<World, WorldIndex>();

/** Built once per world object (worlds are never mutated: what-if builds new ones). */
export function indexWorld(world: World): WorldIndex {
  const cached = indexes.get(world);
  if (cached) {
    return cached;
  }
  const codes = world.jurisdictions.map((j) => j.code);
  const indexOf = new Map(codes.map((c, i) => [c, i]));
  const ix: WorldIndex = {
    world,
    codes,
    indexOf,
    n: codes.length,
    words: wordsFor(codes.length),
    laws: lawTable(world),
    parties: world.instruments.map((inst) => numberParties(indexOf, inst)),
    memo: new Map(),
  };
  indexes.set(world, ix);
  return ix;
}

function numberParties(indexOf: Map<string, number>, inst: Instrument): NumberedParty[] {
  return inst.parties.flatMap((party) => {
    const at = indexOf.get(party.jurisdiction);
    return at === undefined ? [] : [{ at, party }];
  });
}

/**
 * The index of `next`, a world made from `base.world` by what-if changes. Worlds are never mutated,
 * so an array or instrument that is the same object holds the same facts: the law table, the state
 * facts per date and each unchanged instrument's numbered parties and bitsets are taken from `base`
 * instead of being rebuilt (a what-if changes one or two instruments out of about eighty).
 */
export function indexDerived(base: WorldIndex, next: World): WorldIndex {
  const cached = indexes.get(next);
  if (cached) {
    return cached;
  }
  const prev = base.world;
  if (next.jurisdictions !== prev.jurisdictions || next.instruments.length !== prev.instruments.length) {
    return indexWorld(next);
  }
  const sameLaws = next.laws === prev.laws;
  const changed = new Set<number>();
  const parties = next.instruments.map((inst, i) => {
    if (inst === prev.instruments[i]) {
      return base.parties[i] as NumberedParty[];
    }
    changed.add(i);
    return numberParties(base.indexOf, inst);
  });
  const ix: WorldIndex = {
    ...base,
    world: next,
    laws: sameLaws ? base.laws : lawTable(next),
    parties,
    memo: new Map(),
    base: { ix: base, sameLaws, changed },
  };
  indexes.set(next, ix);
  return ix;
}

/** Whether the memoised value under `key` in the base index holds in the derived one. */
function inherits(base: NonNullable<WorldIndex['base']>, key: string): boolean {
  const [kind, instrument] = key.split('|');
  if (kind === 's' || kind === 'k') {
    return base.sameLaws;
  }
  return !base.changed.has(Number(instrument));
}

// A long-running server asked about many dates must not grow without bound; recomputing is cheap.
const MEMO_LIMIT = 20_000;

function memo<T>(ix: WorldIndex, key: string, make: () => T): T {
  if (!ix.memo.has(key) && ix.base && ix.base.ix.memo.has(key) && inherits(ix.base, key)) {
    return ix.base.ix.memo.get(key) as T;
  }
  if (!ix.memo.has(key)) {
    if (ix.memo.size >= MEMO_LIMIT) {
      ix.memo.clear();
    }
    ix.memo.set(key, make());
  }
  return ix.memo.get(key) as T;
}

/** Rule 1.1: parties in force on `date` (from ≤ date < until). */
export function partiesOn(ix: WorldIndex, instrument: number, date: string): Bits {
  return memo(ix, `p|${instrument}|${date}`, () => {
    const bits = emptyBits(ix.words);
    for (const { at, party } of ix.parties[instrument] ?? []) {
      if (party.from !== undefined && party.from <= date && (!party.until || date < party.until)) {
        set(bits, at);
      }
    }
    return bits;
  });
}

/** Rule 1.2–1.3: whether the instrument can give this measure for this offence at all. */
export function instrumentApplies(inst: Instrument, offence: Offence, measure: Measure): boolean {
  return (
    inst.measures.includes(measure) &&
    (inst.offences === 'all' || inst.offences.includes(offence)) &&
    (!COERCIVE.has(measure) || inst.binding)
  );
}

/**
 * Rule 2: the parties that, as requested state, require dual criminality for (measure, offence):
 * every party when the instrument (or the default) requires it, else those whose reservation does.
 */
export function dualCriminalityRequiredBy(
  ix: WorldIndex,
  instrument: number,
  measure: Measure,
  offence: Offence,
): Bits {
  return memo(ix, `dc|${instrument}|${measure}|${offence}`, () => {
    const inst = ix.world.instruments[instrument] as Instrument;
    const bits = emptyBits(ix.words);
    const byDefault = inst.dualCriminality[measure] ?? DUAL_CRIMINALITY_BY_DEFAULT.has(measure);
    for (const { at, party } of ix.parties[instrument] ?? []) {
      const reserved = party.reservations.some(
        (r) => r.measure === measure && r.requireDualCriminality && !r.exceptOffences.includes(offence),
      );
      if (byDefault || reserved) {
        set(bits, at);
      }
    }
    return bits;
  });
}

/** Rules 2–3 per state: the law facts on `date`, as bitsets and a penalty column. */
export function stateFacts(ix: WorldIndex, offence: Offence, date: string): StateFacts {
  return memo(ix, `s|${offence}|${date}`, () => {
    const criminalised = emptyBits(ix.words);
    const notCriminalised = emptyBits(ix.words);
    const penalty = new Float64Array(ix.n).fill(Number.NaN);
    ix.codes.forEach((code, i) => {
      const fact = lawOn(ix.laws, code, offence, date);
      if (fact.status === 'criminalised' || fact.status === 'partial') {
        set(criminalised, i);
      } else if (fact.status === 'none') {
        set(notCriminalised, i);
      }
      if (fact.maxPenaltyYears !== undefined) {
        penalty[i] = fact.maxPenaltyYears;
      }
    });
    return { criminalised, notCriminalised, penalty };
  });
}

/** Rule 3 per state: penalty ≥ k (met) and known < k (failed). */
export function penaltySets(ix: WorldIndex, offence: Offence, date: string, k: number) {
  return memo(ix, `k|${offence}|${date}|${k}`, () => {
    const { penalty } = stateFacts(ix, offence, date);
    const met = emptyBits(ix.words);
    const failed = emptyBits(ix.words);
    penalty.forEach((p, i) => {
      if (!Number.isNaN(p)) {
        set(p >= k ? met : failed, i);
      }
    });
    return { met, failed };
  });
}
