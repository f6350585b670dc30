import { describe, expect, it } from 'vitest';
import { getInstrument, lawsOf, listInstruments, membershipsOf } from './browse.ts';
import { loadBuiltInWorld } from './dataset-files.ts';

const world = loadBuiltInWorld();

describe('dataset browsing', () => {
  it('summarises instruments with their parties in force on a date', () => {
    const budapest = listInstruments(world, '2026-11-22').find((i) => i.id === 'coe-ets-185');
    // The CoE chart of 25/04/2026 lists 81 ratifications and accessions, all in force by 2025-12-01.
    expect(budapest).toMatchObject({ parties: 81, partiesInForce: 81, inForce: '2004-07-01', binding: true });
    // In force on 2005-01-01 per the chart: AL, EE, HR, HU, LT (2004-07-01), RO (2004-09-01), MK, SI (2005-01-01).
    expect(listInstruments(world, '2005-01-01').find((i) => i.id === 'coe-ets-185')?.partiesInForce).toBe(8);
    expect(listInstruments(world, '2026-11-22').find((i) => i.id === 'coe-cets-224')?.partiesInForce).toBe(0);
  });

  it('lists what one state is bound by, and fails clearly on an unknown instrument', () => {
    expect(membershipsOf(world, 'RU', '2026-11-22').map((m) => [m.instrument, m.inForce])).toEqual([
      ['cis-2001-computer-information', true],
      ['cis-2018-it-crimes', false],
      ['sco-2009-iis', false],
      ['un-untoc-2000', true],
      ['us-ru-mlat', true],
    ]);
    expect(getInstrument(world, 'coe-ets-189').parties).toHaveLength(37);
    expect(() => getInstrument(world, 'nope')).toThrow(
      expect.objectContaining({ code: 'LEGAL_UNKNOWN_INSTRUMENT' }),
    );
    // Andorra has no statute row: its nine Budapest offences are inferred from the treaty obligation.
    expect(lawsOf(world, 'AD').map((l) => [l.offence, l.basis])).toHaveLength(9);
    expect(lawsOf(world, 'AD').every((l) => l.basis === 'treaty-obligation')).toBe(true);
  });
});
