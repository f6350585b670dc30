import { describe, expect, it } from 'vitest';
import { sourcesReport } from './sources-report.ts';
import { buildInstrument, buildWorld } from './test-support/build-world.ts';
import { runLegal } from './test-support/run-cli.ts';
import { BUDAPEST_OFFENCES } from './taxonomy.ts';

const src = 'https://example.org/statute';
const world = buildWorld({
  laws: [
    ...BUDAPEST_OFFENCES.map((offence) => ({
      jurisdiction: 'AA',
      offence,
      status: 'criminalised',
      basis: 'statute',
      source: src,
      confidence: 'high',
      checked: '2026-12-01',
    })),
    ...BUDAPEST_OFFENCES.map((offence) => ({
      jurisdiction: 'BB',
      offence,
      status: 'unknown',
      basis: 'not-found',
      reason: 'nothing found',
      source: src,
      confidence: 'low',
      checked: '2020-01-01',
    })),
    { jurisdiction: 'CC', offence: 'csam', status: 'none', confidence: 'medium', checked: '2019-05-01' },
  ],
  instruments: [
    buildInstrument({
      source: src,
      parties: [
        { jurisdiction: 'AA', from: '2010-01-01', contactPoint: true },
        {
          jurisdiction: 'BB',
          from: '2010-01-01',
          offenceReservations: [{ article: '6(3)', offence: 'misuse-of-devices' }],
        },
      ],
    }),
    buildInstrument({ id: 'mou', parties: [{ jurisdiction: 'AA', from: '2010-01-01' }] }),
  ],
});

describe('sourcesReport', () => {
  const r = sourcesReport(world, '2021-01-01');

  it('counts law rows by status, confidence and basis', () => {
    expect(r.laws).toEqual({
      total: 19,
      byStatus: { criminalised: 9, partial: 0, none: 1, unknown: 9 },
      byConfidence: { high: 9, medium: 1, low: 9 },
      byBasis: { statute: 9, secondary: 0, 'treaty-obligation': 0, 'not-found': 9, unstated: 1 },
    });
  });

  it('counts jurisdictions with all nine Budapest offences, unknown rows included', () => {
    expect(r.jurisdictions).toMatchObject({ total: 3, withBudapestOffences: 2, withKnownBudapestOffence: 1 });
    expect(r.coverage.csam).toEqual({ criminalised: 1, partial: 0, none: 1, unknown: 1, noRow: 0 });
    expect(r.coverage.grooming.noRow).toBe(3);
  });

  it('counts instruments, parties, reservations and designated contact points', () => {
    expect(r.instruments).toMatchObject({
      total: 2,
      parties: 3,
      reservations: 1,
      contactPointsDesignated: 1,
    });
  });

  it('lists every fact without a source: a law row, a nationals flag, a party whose instrument has none', () => {
    // buildWorld sets extraditesNationals on every state without a source; a reservation inherits
    // its instrument's source, so BB's is sourced.
    expect(r.unsourcedFacts).toEqual([
      { kind: 'law', about: 'CC/csam' },
      { kind: 'jurisdiction', about: 'AA extraditesNationals' },
      { kind: 'jurisdiction', about: 'BB extraditesNationals' },
      { kind: 'jurisdiction', about: 'CC extraditesNationals' },
      { kind: 'party', about: 'mou/AA' },
    ]);
    expect(r.unsourced).toBe(5);
  });

  it('lists law facts last checked before the date, and none without one', () => {
    expect(r.olderThan).toMatchObject({ date: '2021-01-01', laws: 10 });
    expect(r.olderThan?.examples[0]).toEqual({
      jurisdiction: 'BB',
      offence: 'illegal-access',
      checked: '2020-01-01',
    });
    expect(sourcesReport(world).olderThan).toBeNull();
  });
});

describe('accord legal sources', () => {
  it('reports on the built-in dataset in the contract shape, with no unsourced fact', async () => {
    const res = await runLegal('legal', 'sources', '--json');
    expect(res.code).toBe(0);
    const body = res.json() as {
      laws: { total: number; byStatus: Record<string, number>; byConfidence: Record<string, number> };
      jurisdictions: { total: number; withBudapestOffences: number };
      instruments: { total: number; parties: number; reservations: number; contactPointsDesignated: number };
      unsourced: number;
    };
    expect(body.unsourced).toBe(0);
    expect(body.jurisdictions.total).toBe(249);
    expect(body.jurisdictions.withBudapestOffences).toBeGreaterThanOrEqual(190);
    expect(Object.keys(body.laws.byStatus).sort()).toEqual(['criminalised', 'none', 'partial', 'unknown']);
    expect(Object.keys(body.laws.byConfidence).sort()).toEqual(['high', 'low', 'medium']);
    const sum = (o: Record<string, number>) => Object.values(o).reduce((a, b) => a + b, 0);
    expect(sum(body.laws.byStatus)).toBe(body.laws.total);
    expect(body.instruments.parties).toBeGreaterThan(body.instruments.total);
    // Every jurisdiction has its nine rows; the reservations and 24/7 designations read so far
    // (data/legal/README.md) are all counted: a lost one would lower these.
    expect(body.jurisdictions.withBudapestOffences).toBe(249);
    expect(body.instruments.reservations).toBeGreaterThanOrEqual(14);
    expect(body.instruments.contactPointsDesignated).toBeGreaterThanOrEqual(4);
  });

  it('prints a readable report and rejects a malformed date naming the option', async () => {
    const res = await runLegal('legal', 'sources', '--older-than', '2100-01-01');
    expect(res.code).toBe(0);
    expect(res.out).toContain('Unsourced facts: 0');
    expect(res.out).toMatch(/Law rows last checked before 2100-01-01: \d+/);
    const bad = await runLegal('legal', 'sources', '--older-than', '2026-02-30');
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('olderThan');
  });
});
