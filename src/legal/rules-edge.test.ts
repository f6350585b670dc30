// Edge cases of rules 1–5 beyond rules.test.ts: boundaries, errors, and what explanations say.
import { describe, expect, it } from 'vitest';
import { basis, type BasisQuery } from './basis.ts';
import type { World } from './world.ts';
import {
  buildInstrument as conv,
  buildLaws as laws,
  buildWorld as world,
} from './test-support/build-world.ts';

const ask = (w: World, over: Partial<BasisQuery> = {}) =>
  basis(w, { from: 'AA', to: 'BB', offence: 'csam', measure: 'preservation', date: '2020-01-01', ...over });

describe('rule 1 edges', () => {
  const w = world({ instruments: [conv()] });
  it('counts a party from its from date inclusive', () => {
    expect(ask(w, { date: '2010-01-01' }).answer).toBe('yes');
    expect(ask(w, { date: '2009-12-31' }).answer).toBe('no');
  });
  it('never applies a party without a from date (signed or not in force)', () => {
    const notInForce = world({
      instruments: [conv({ parties: [{ jurisdiction: 'AA', from: '2010-01-01' }, { jurisdiction: 'BB' }] })],
    });
    expect(ask(notInForce)).toMatchObject({ answer: 'no', reasons: ['no-common-instrument'] });
  });
  it('treats R = Q and unknown states as input errors, not answers', () => {
    expect(() => ask(w, { to: 'AA' })).toThrow(expect.objectContaining({ code: 'LEGAL_SAME_STATE' }));
    expect(() => ask(w, { from: 'ZZ', to: 'YY' })).toThrow(
      expect.objectContaining({
        code: 'LEGAL_UNKNOWN_JURISDICTION',
        details: [
          { path: 'from', reason: '"ZZ" is not a jurisdiction of this world' },
          { path: 'to', reason: '"YY" is not a jurisdiction of this world' },
        ],
      }),
    );
  });
  it('explains a non-applying instrument with every rule-1 condition, not only the first failure', () => {
    const nb = world({ instruments: [conv({ binding: false, measures: ['contact-point'] })] });
    const e = ask(nb, { measure: 'mla', to: 'CC' }).explanation[0];
    expect(e?.applies).toBe(false);
    expect(e?.conditions.map((c) => [c.condition, c.result])).toEqual([
      ['both-parties', 'failed'],
      ['measure', 'failed'],
      ['offence', 'met'],
      ['binding', 'failed'],
    ]);
    expect(e?.conditions[0]?.detail).toContain('never chains through a third state');
  });
  it('lets a non-binding instrument give spontaneous information, for which binding is not required', () => {
    const nb = world({
      instruments: [conv({ binding: false, measures: ['spontaneous-information', 'mla'] })],
    });
    const a = ask(nb, { measure: 'spontaneous-information' });
    expect(a.answer).toBe('yes');
    expect(a.explanation[0]?.conditions.find((c) => c.condition === 'binding')?.result).toBe('not-required');
    expect(ask(nb, { measure: 'mla' })).toMatchObject({ answer: 'no', reasons: ['no-common-instrument'] });
  });
});

describe('rule 2 edges', () => {
  it('fails when either state does not criminalise, even if the other is unknown', () => {
    const w = world({ instruments: [conv()], laws: laws(['BB'], 'none') });
    expect(ask(w, { measure: 'mla' })).toMatchObject({ answer: 'no', reasons: ['dual-criminality-failed'] });
  });
  it('ignores a reservation made for another measure, and the requesting state reservations', () => {
    const w = world({
      instruments: [
        conv({
          parties: [
            {
              jurisdiction: 'AA',
              from: '2010-01-01',
              reservations: [{ measure: 'preservation', requireDualCriminality: true }],
            },
            {
              jurisdiction: 'BB',
              from: '2010-01-01',
              reservations: [{ measure: 'mla', requireDualCriminality: true }],
            },
          ],
        }),
      ],
      laws: laws(['BB'], 'none'),
    });
    expect(ask(w).answer).toBe('yes');
    const dc = ask(w, { from: 'BB', to: 'AA' }).explanation[0]?.conditions.find(
      (c) => c.condition === 'dual-criminality',
    );
    expect(dc).toMatchObject({ result: 'failed' });
    expect(dc?.detail).toContain('a reservation of AA');
  });
  it('lets the instrument require it where the default does not', () => {
    const w = world({ instruments: [conv({ dualCriminality: { preservation: true } })] });
    expect(ask(w).answer).toBe('undetermined');
  });
  it('says the law fact is missing rather than guessing', () => {
    const a = ask(world({ instruments: [conv()] }), { measure: 'mla' });
    const dc = a.explanation[0]?.conditions.find((c) => c.condition === 'dual-criminality');
    expect(dc?.result).toBe('unknown');
    expect(dc?.facts[0]?.text).toContain('status unknown (never guessed)');
  });
});

describe('rule 3 edges', () => {
  const w = (ra: number | undefined, rb: number | undefined) =>
    world({
      instruments: [conv({ minPenaltyYears: { extradition: 2 } })],
      laws: [...laws(['AA'], 'criminalised', ra), ...laws(['BB'], 'criminalised', rb)],
    });
  it('fails as soon as one known maximum is below the threshold, even if the other is unknown', () => {
    expect(ask(w(1, undefined), { measure: 'extradition' }).reasons).toEqual(['penalty-below-threshold']);
  });
  it('is undetermined when one maximum meets it and the other is unknown', () => {
    expect(ask(w(5, undefined), { measure: 'extradition' }).answer).toBe('undetermined');
  });
});

describe('rule 4 edges', () => {
  it('applies only to extradition, and says when extraditesNationals is the unsourced default', () => {
    const w = world({ instruments: [conv()], laws: laws(['AA', 'BB', 'CC'], 'criminalised', 5) });
    expect(ask(w, { measure: 'mla', suspectNational: true }).answer).toBe('yes');
    const def = world({
      instruments: [
        conv({
          parties: [
            { jurisdiction: 'AA', from: '2010-01-01' },
            { jurisdiction: 'CC', from: '2010-01-01' },
          ],
        }),
      ],
    });
    const toDefault = {
      ...def,
      jurisdictions: def.jurisdictions.map(({ extraditesNationals: _, ...j }) => j),
    };
    const a = ask(toDefault, { to: 'CC', measure: 'extradition', suspectNational: true });
    const nationals = a.explanation[0]?.conditions.find((c) => c.condition === 'nationals');
    expect(nationals?.result).toBe('met');
    expect(nationals?.facts[0]?.text).toContain('not sourced, so the default of the rules (true) applies');
  });
  it('offers no alternative when the instrument has no aut dedere aut judicare clause', () => {
    const w = world({ instruments: [conv()], laws: laws(['AA', 'BB'], 'criminalised', 5) });
    expect(ask(w, { measure: 'extradition', suspectNational: true })).toMatchObject({
      answer: 'no',
      reasons: ['nationals-not-extradited'],
      alternative: null,
    });
  });
});

describe('rule 5 edges', () => {
  it('is undetermined when one instrument says no and another undetermined; yes wins over no', () => {
    const w = world({
      instruments: [
        conv({ dualCriminality: { mla: true } }),
        conv({ id: 'second', minPenaltyYears: { mla: 3 } }),
      ],
      laws: [...laws(['AA'], 'criminalised', 1), ...laws(['BB'], 'unknown', 1)],
    });
    expect(ask(w, { measure: 'mla' })).toMatchObject({ answer: 'undetermined', bases: [], reasons: [] });
    const w2 = world({
      instruments: [conv(), conv({ id: 'second', minPenaltyYears: { mla: 1 } })],
      laws: [...laws(['AA'], 'criminalised', 0), ...laws(['BB'], 'partial', 2)],
    });
    expect(ask(w2, { measure: 'mla' })).toMatchObject({ answer: 'yes', bases: ['conv'] });
  });
  it('collects the reasons of every instrument that applied when all say no', () => {
    const w = world({
      instruments: [
        conv(),
        conv({ id: 'second', dualCriminality: { mla: false }, minPenaltyYears: { mla: 4 } }),
      ],
      laws: [...laws(['AA'], 'criminalised', 3), ...laws(['BB'], 'none', 3)],
    });
    expect(ask(w, { measure: 'mla' }).reasons).toEqual([
      'dual-criminality-failed',
      'penalty-below-threshold',
    ]);
  });
});
