// One test per rule of legal-rules.md v1, on tiny hand-made worlds, with the edge cases named there.
import { describe, expect, it } from 'vitest';
import { basis, type BasisQuery } from './basis.ts';
import { validateWorld, usableFacts, type World } from './world.ts';

function world(partial: Record<string, unknown>): World {
  const v = validateWorld({
    jurisdictions: ['AA', 'BB', 'CC'].map((code) => ({
      code,
      name: code,
      extraditesNationals: code !== 'BB',
    })),
    ...partial,
  });
  if (!v.ok) {
    throw new Error(JSON.stringify(v.details));
  }
  return v.value;
}
const conv = (over: Record<string, unknown> = {}) => ({
  id: 'conv',
  name: 'Convention',
  measures: ['preservation', 'mla', 'extradition', 'contact-point'],
  offences: 'all',
  parties: [
    { jurisdiction: 'AA', from: '2010-01-01' },
    { jurisdiction: 'BB', from: '2010-01-01' },
  ],
  ...over,
});
const ask = (w: World, over: Partial<BasisQuery> = {}) =>
  basis(w, { from: 'AA', to: 'BB', offence: 'csam', measure: 'preservation', date: '2020-01-01', ...over });
const laws = (status: string, years?: number) =>
  ['AA', 'BB'].map((jurisdiction) => ({
    jurisdiction,
    offence: 'csam',
    status,
    ...(years === undefined ? {} : { maxPenaltyYears: years }),
  }));

describe('rule 1: which instruments apply', () => {
  it('needs both states as parties in force; until is exclusive', () => {
    const w = world({
      instruments: [
        conv({
          parties: [
            { jurisdiction: 'AA', from: '2010-01-01' },
            { jurisdiction: 'BB', from: '2010-01-01', until: '2020-01-01' },
          ],
        }),
      ],
    });
    expect(ask(w, { date: '2019-12-31' }).answer).toBe('yes');
    expect(ask(w, { date: '2020-01-01' })).toMatchObject({ answer: 'no', reasons: ['no-common-instrument'] });
    expect(ask(w, { date: '2009-12-31' }).answer).toBe('no');
  });
  it('never chains through a third state', () => {
    const w = world({
      instruments: [
        conv(),
        conv({
          id: 'other',
          parties: [
            { jurisdiction: 'BB', from: '2010-01-01' },
            { jurisdiction: 'CC', from: '2010-01-01' },
          ],
        }),
      ],
    });
    expect(ask(w, { to: 'CC' })).toMatchObject({ answer: 'no', reasons: ['no-common-instrument'] });
  });
  it('lets a non-binding instrument give only the contact point and spontaneous information', () => {
    const w = world({ instruments: [conv({ binding: false })] });
    expect(ask(w).answer).toBe('no');
    expect(ask(w, { measure: 'contact-point' }).answer).toBe('yes');
  });
  it('needs the measure and the offence in scope', () => {
    const w = world({ instruments: [conv({ offences: ['illegal-access'] })] });
    expect(ask(w).answer).toBe('no');
    expect(ask(w, { offence: 'illegal-access' }).answer).toBe('yes');
    expect(ask(w, { offence: 'illegal-access', measure: 'disclosure' }).answer).toBe('no');
  });
});

describe('rule 2: dual criminality', () => {
  it('is not required for preservation, required for MLA, and unknown without law facts', () => {
    const w = world({ instruments: [conv()] });
    expect(ask(w).answer).toBe('yes');
    expect(ask(w, { measure: 'mla' }).answer).toBe('undetermined');
  });
  it('is met when criminalised or partial in both, failed when none in either', () => {
    expect(
      ask(
        world({
          instruments: [conv()],
          laws: [...laws('partial').slice(0, 1), ...laws('criminalised').slice(1)],
        }),
        { measure: 'mla' },
      ).answer,
    ).toBe('yes');
    expect(
      ask(
        world({
          instruments: [conv()],
          laws: [...laws('criminalised').slice(0, 1), ...laws('none').slice(1)],
        }),
        { measure: 'mla' },
      ),
    ).toMatchObject({ answer: 'no', reasons: ['dual-criminality-failed'] });
  });
  it('follows a law row only from its since date', () => {
    const w = world({
      instruments: [conv()],
      laws: laws('criminalised').map((l) => ({ ...l, since: '2021-01-01' })),
    });
    expect(ask(w, { measure: 'mla' }).answer).toBe('undetermined');
    expect(ask(w, { measure: 'mla', date: '2021-01-01' }).answer).toBe('yes');
  });
  it("applies the requested party's reservation, except for the offences it excepts", () => {
    const reserved = conv({
      parties: [
        { jurisdiction: 'AA', from: '2010-01-01' },
        {
          jurisdiction: 'BB',
          from: '2010-01-01',
          reservations: [
            { measure: 'preservation', requireDualCriminality: true, exceptOffences: ['illegal-access'] },
          ],
        },
      ],
    });
    const w = world({
      instruments: [reserved],
      laws: [
        { jurisdiction: 'AA', offence: 'csam', status: 'criminalised' },
        { jurisdiction: 'BB', offence: 'csam', status: 'none' },
      ],
    });
    expect(ask(w)).toMatchObject({ answer: 'no', reasons: ['dual-criminality-failed'] });
    expect(ask(w, { offence: 'illegal-access' }).answer).toBe('yes');
    expect(ask(w, { from: 'BB', to: 'AA' }).answer).toBe('yes');
  });
  it('can be switched off per measure by the instrument', () => {
    expect(
      ask(world({ instruments: [conv({ dualCriminality: { mla: false } })] }), { measure: 'mla' }).answer,
    ).toBe('yes');
  });
});

describe('rule 3: penalty thresholds', () => {
  const w = (years?: number) =>
    world({
      instruments: [conv({ minPenaltyYears: { extradition: 2 } })],
      laws: laws('criminalised', years),
    });
  it('is met at or above the threshold in both, failed below, unknown without penalties', () => {
    expect(ask(w(2), { measure: 'extradition', to: 'BB' }).answer).toBe('yes');
    expect(ask(w(1), { measure: 'extradition' })).toMatchObject({
      answer: 'no',
      reasons: ['penalty-below-threshold'],
    });
    expect(ask(w(), { measure: 'extradition' }).answer).toBe('undetermined');
  });
});

describe('rule 4: nationals', () => {
  it('refuses extradition of a national of a state that does not extradite them, offering prosecution there', () => {
    const w = world({ instruments: [conv({ autDedereAutJudicare: true })], laws: laws('criminalised', 5) });
    expect(ask(w, { measure: 'extradition', suspectNational: true })).toMatchObject({
      answer: 'no',
      reasons: ['nationals-not-extradited'],
      alternative: 'prosecute-in-requested-state',
    });
    expect(ask(w, { measure: 'extradition' }).answer).toBe('yes');
    expect(ask(w, { measure: 'extradition', suspectNational: true, from: 'BB', to: 'AA' }).answer).toBe(
      'yes',
    );
  });
});

describe('rule 5: the answer', () => {
  it('is yes when any instrument says yes, listing every basis', () => {
    const w = world({ instruments: [conv(), conv({ id: 'second' })] });
    expect(ask(w).bases).toEqual(['conv', 'second']);
  });
  it('explains each condition with the facts that decided it', () => {
    const a = ask(world({ instruments: [conv()], laws: laws('criminalised', 3) }), { measure: 'mla' });
    const dc = a.explanation[0]?.conditions.find((c) => c.condition === 'dual-criminality');
    expect(dc?.result).toBe('met');
    expect(dc?.facts.map((f) => f.text)).toEqual([
      'AA: csam criminalised, maximum penalty 3 years',
      'BB: csam criminalised, maximum penalty 3 years',
    ]);
  });
});

describe('confidence', () => {
  it('leaves low-confidence facts out unless asked for', () => {
    const w = world({
      instruments: [
        conv({
          parties: [
            { jurisdiction: 'AA', from: '2010-01-01' },
            { jurisdiction: 'BB', from: '2010-01-01', confidence: 'low' },
          ],
        }),
      ],
    });
    expect(ask(usableFacts(w, false)).answer).toBe('no');
    expect(ask(usableFacts(w, true)).answer).toBe('yes');
  });
});
