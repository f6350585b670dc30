// Reading facts as of a date: a state's law on an offence (rule "since"), whether a party is in force
// (rule 1.1), and whether dual criminality is required (rule 2).
import { DUAL_CRIMINALITY_BY_DEFAULT, type Measure, type Offence } from './taxonomy.ts';
import type { Instrument, Law, Party } from './schemas.ts';
import type { World } from './world.ts';

export type LawFact = { status: Law['status']; maxPenaltyYears: number | undefined; law: Law | undefined };

export type LawTable = Map<string, Law>;
export function lawTable(world: World): LawTable {
  return new Map(world.laws.map((l) => [`${l.jurisdiction}|${l.offence}`, l]));
}

/** A row applies from its `since` date; before it, and without a row, the status is unknown. */
export function lawOn(laws: LawTable, jurisdiction: string, offence: Offence, date: string): LawFact {
  const law = laws.get(`${jurisdiction}|${offence}`);
  if (!law || (law.since !== undefined && law.since > date)) {
    return { status: 'unknown', maxPenaltyYears: undefined, law: undefined };
  }
  return { status: law.status, maxPenaltyYears: law.maxPenaltyYears, law };
}

export function partyOn(instrument: Instrument, jurisdiction: string, date: string): Party | undefined {
  return instrument.parties.find(
    (p) =>
      p.jurisdiction === jurisdiction &&
      p.from !== undefined &&
      p.from <= date &&
      (p.until === undefined || p.until === null || date < p.until),
  );
}

export type DualCriminalityNeed = {
  required: boolean;
  because: 'default' | 'instrument' | 'reservation';
  reservationOf?: string;
};

export function dualCriminalityNeed(
  instrument: Instrument,
  measure: Measure,
  offence: Offence,
  requested: Party | undefined,
): DualCriminalityNeed {
  const reservation = requested?.reservations.find(
    (r) => r.measure === measure && r.requireDualCriminality && !r.exceptOffences.includes(offence),
  );
  if (reservation) {
    return { required: true, because: 'reservation', reservationOf: requested?.jurisdiction };
  }
  const override = instrument.dualCriminality[measure];
  return override === undefined
    ? { required: DUAL_CRIMINALITY_BY_DEFAULT.has(measure), because: 'default' }
    : { required: override, because: 'instrument' };
}

export function coversOffence(instrument: Instrument, offence: Offence): boolean {
  return instrument.offences === 'all' || instrument.offences.includes(offence);
}

export type Tri = 'met' | 'failed' | 'unknown';
/** Rule 2: met when criminalised or partial in both, failed when none in either, otherwise unknown. */
export function dualCriminality(r: LawFact, q: LawFact): Tri {
  if (r.status === 'none' || q.status === 'none') {
    return 'failed';
  }
  const ok = (f: LawFact) => f.status === 'criminalised' || f.status === 'partial';
  return ok(r) && ok(q) ? 'met' : 'unknown';
}
/** Rule 3: both maxima at least k; failed when either is known and below. */
export function penaltyThreshold(r: LawFact, q: LawFact, k: number): Tri {
  if (
    (r.maxPenaltyYears !== undefined && r.maxPenaltyYears < k) ||
    (q.maxPenaltyYears !== undefined && q.maxPenaltyYears < k)
  ) {
    return 'failed';
  }
  return r.maxPenaltyYears !== undefined && q.maxPenaltyYears !== undefined ? 'met' : 'unknown';
}
