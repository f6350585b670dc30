// Dataset browsing for the API and UI: jurisdictions, instruments with their parties as of a date,
// the instruments one state is bound by, and law rows, each with its sources.
import { AppError } from '../platform/errors/app-error.ts';
import { partyOn } from './facts.ts';
import type { Instrument, Jurisdiction, Law, Party } from './schemas.ts';
import type { World } from './world.ts';

export type InstrumentSummary = {
  id: string;
  name: string;
  binding: boolean;
  measures: Instrument['measures'];
  offences: Instrument['offences'];
  parties: number;
  partiesInForce: number;
  inForce: string | null | undefined;
  source: string | undefined;
  confidence: Instrument['confidence'];
};
export type Membership = { instrument: string; name: string; party: Party; inForce: boolean };

export function listJurisdictions(world: World): Jurisdiction[] {
  return world.jurisdictions;
}

/** Every instrument with its party counts on `date` (parties in force: rule 1.1). */
export function listInstruments(world: World, date: string): InstrumentSummary[] {
  return world.instruments.map((inst) => ({
    id: inst.id,
    name: inst.name,
    binding: inst.binding,
    measures: inst.measures,
    offences: inst.offences,
    parties: inst.parties.length,
    partiesInForce: inst.parties.filter((p) => partyOn(inst, p.jurisdiction, date)).length,
    inForce: inst.inForce,
    source: inst.source,
    confidence: inst.confidence,
  }));
}

/** One instrument, whole (parties, dates, reservations, sources); throws LEGAL_UNKNOWN_INSTRUMENT. */
export function getInstrument(world: World, id: string): Instrument {
  const inst = world.instruments.find((i) => i.id === id);
  if (!inst) {
    throw new AppError('LEGAL_UNKNOWN_INSTRUMENT', `no instrument ${id}`, [
      { path: 'id', reason: `one of ${world.instruments.map((i) => i.id).join(', ')}` },
    ]);
  }
  return inst;
}

/** The instruments a state is listed in, and whether each is in force for it on `date`. */
export function membershipsOf(world: World, code: string, date: string): Membership[] {
  return world.instruments.flatMap((inst) =>
    inst.parties
      .filter((p) => p.jurisdiction === code)
      .map((party) => ({
        instrument: inst.id,
        name: inst.name,
        party,
        inForce: partyOn(inst, code, date) !== undefined,
      })),
  );
}

/** Law rows, all or one state's (none yet in the built-in dataset: a separate issue). */
export function lawsOf(world: World, code?: string): Law[] {
  return code === undefined ? world.laws : world.laws.filter((l) => l.jurisdiction === code);
}
