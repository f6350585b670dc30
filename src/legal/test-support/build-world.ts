// Test builders for tiny hand-made worlds: three states (BB does not extradite its nationals) and a
// convention between AA and BB unless overridden.
import { validateWorld, type World } from '../world.ts';

export function buildWorld(partial: Record<string, unknown> = {}, codes = ['AA', 'BB', 'CC']): World {
  const v = validateWorld({
    jurisdictions: codes.map((code) => ({ code, name: code, extraditesNationals: code !== 'BB' })),
    ...partial,
  });
  if (!v.ok) {
    throw new Error(JSON.stringify(v.details));
  }
  return v.value;
}

export function buildInstrument(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: 'conv',
    name: 'Convention',
    measures: ['preservation', 'mla', 'extradition', 'contact-point'],
    offences: 'all',
    parties: [
      { jurisdiction: 'AA', from: '2010-01-01' },
      { jurisdiction: 'BB', from: '2010-01-01' },
    ],
    ...over,
  };
}

export function buildLaws(codes: string[], status: string, years?: number, offence = 'csam') {
  return codes.map((jurisdiction) => ({
    jurisdiction,
    offence,
    status,
    ...(years === undefined ? {} : { maxPenaltyYears: years }),
  }));
}
