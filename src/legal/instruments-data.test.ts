import { describe, expect, it } from 'vitest';
import { loadBuiltInWorld } from './dataset-files.ts';
import { usableFacts } from './world.ts';
import { basis, type BasisQuery } from './basis.ts';

// The built-in instruments beyond the cybercrime treaties: UNTOC as the fallback basis, the US
// bilateral MLATs, a Budapest reservation, and sourced nationals rules, as the engine reads them.
describe('built-in instruments', () => {
  const world = usableFacts(loadBuiltInWorld(), false);
  const ask = (q: Omit<BasisQuery, 'date'> & { date?: string }) => basis(world, { date: '2026-11-22', ...q });
  const verdict = (a: ReturnType<typeof ask>, id: string) => a.explanation.find((e) => e.instrument === id);

  it('gives UNTOC as a basis for serious crime between its Parties, saying what Accord cannot check', () => {
    const a = ask({ from: 'RU', to: 'CN', offence: 'illegal-access', measure: 'mla' });
    expect(a.answer).toBe('yes');
    expect(a.bases).toEqual(['un-untoc-2000']);
    const untoc = verdict(a, 'un-untoc-2000');
    expect(untoc?.caveat).toMatch(/organized criminal group/);
    expect(untoc?.conditions.find((c) => c.condition === 'penalty-threshold')).toMatchObject({
      result: 'met',
    });
    // Without a known maximum the four-year threshold stays open: never a guessed yes.
    const open = ask({ from: 'RU', to: 'CN', offence: 'computer-fraud', measure: 'mla' });
    expect(open.answer).toBe('undetermined');
  });

  it('refuses extradition of a Russian national under UNTOC and points to prosecution in Russia', () => {
    const a = ask({
      from: 'CN',
      to: 'RU',
      offence: 'illegal-access',
      measure: 'extradition',
      suspectNational: true,
    });
    expect(a).toMatchObject({
      answer: 'no',
      reasons: ['nationals-not-extradited'],
      alternative: 'prosecute-in-requested-state',
    });
    const nationals = verdict(a, 'un-untoc-2000')?.conditions.find((c) => c.condition === 'nationals');
    expect(nationals?.facts[0]).toMatchObject({ confidence: 'medium' });
    expect(nationals?.facts[0]?.source).toMatch(/^https:\/\/ihl-databases\.icrc\.org/);
  });

  it('refuses extradition of a Chinese national (Extradition Law art. 8(1), read in SHERLOC)', () => {
    const a = ask({
      from: 'RU',
      to: 'CN',
      offence: 'illegal-access',
      measure: 'extradition',
      suspectNational: true,
    });
    expect(a).toMatchObject({ answer: 'no', reasons: ['nationals-not-extradited'] });
    const nationals = verdict(a, 'un-untoc-2000')?.conditions.find((c) => c.condition === 'nationals');
    expect(nationals?.facts[0]).toMatchObject({ confidence: 'high' });
    expect(nationals?.facts[0]?.source).toMatch(/^https:\/\/sherloc\.unodc\.org/);
  });

  it('uses a US bilateral MLAT only between its two parties and only from its date', () => {
    const a = ask({ from: 'US', to: 'IN', offence: 'illegal-access', measure: 'mla' });
    expect(a).toMatchObject({ answer: 'yes', bases: ['us-in-mlat'] });
    // Both India and Mexico have a treaty with the United States: it gives nothing between them
    // (UNTOC applies to both, but India's three-year maximum is below its threshold).
    const between = ask({ from: 'IN', to: 'MX', offence: 'illegal-access', measure: 'mla' });
    expect(verdict(between, 'us-in-mlat')?.applies).toBe(false);
    expect(verdict(between, 'us-mx-mlat')?.applies).toBe(false);
    expect(between).toMatchObject({ answer: 'no', reasons: ['penalty-below-threshold'] });
    // Its entry into force was not retrieved: before the latest date the source allows, no basis.
    expect(
      ask({ from: 'US', to: 'IN', offence: 'illegal-access', measure: 'mla', date: '2015-06-01' }).answer,
    ).toBe('no');
  });

  it('applies Austria’s art. 29(4) reservation: preservation needs dual criminality outside arts 2 to 11', () => {
    const outside = ask({ from: 'FR', to: 'AT', offence: 'identity-theft', measure: 'preservation' });
    const dc = verdict(outside, 'coe-ets-185')?.conditions.find((c) => c.condition === 'dual-criminality');
    expect(dc?.detail).toContain('a reservation of AT');
    expect(outside.answer).toBe('undetermined');
    const inside = ask({ from: 'FR', to: 'AT', offence: 'illegal-access', measure: 'preservation' });
    expect(inside).toMatchObject({ answer: 'yes' });
    // The reservation is Austria's as requested state, not France's.
    expect(ask({ from: 'AT', to: 'FR', offence: 'identity-theft', measure: 'preservation' }).answer).toBe(
      'yes',
    );
  });

  it('applies the Czech art. 29(4) reservation read on the CoE page, as Austria’s', () => {
    const outside = ask({ from: 'FR', to: 'CZ', offence: 'identity-theft', measure: 'preservation' });
    const dc = verdict(outside, 'coe-ets-185')?.conditions.find((c) => c.condition === 'dual-criminality');
    expect(dc?.detail).toContain('a reservation of CZ');
    expect(ask({ from: 'FR', to: 'CZ', offence: 'illegal-access', measure: 'preservation' }).answer).toBe(
      'yes',
    );
  });

  it('narrows an inferred offence to partial where the party reserved it (arts 4(2), 6(3), 9(4))', () => {
    const all = loadBuiltInWorld();
    const row = (j: string, o: string) => all.laws.find((l) => l.jurisdiction === j && l.offence === o);
    expect(row('CL', 'data-interference')).toMatchObject({ status: 'partial', basis: 'treaty-obligation' });
    expect(row('CL', 'data-interference')?.reason).toContain('reservation under art. 4(2)');
    expect(row('AD', 'csam')).toMatchObject({ status: 'partial', basis: 'treaty-obligation' });
    expect(row('AR', 'misuse-of-devices')).toMatchObject({ status: 'partial' });
    // Only the reserved offences: the other inferred rows of the same party stay criminalised.
    expect(row('CL', 'illegal-interception')).toMatchObject({ status: 'criminalised' });
  });

  it('uses a US extradition treaty from its date of entry into force, and only between its parties', () => {
    const a = ask({ from: 'US', to: 'CA', offence: 'illegal-access', measure: 'extradition' });
    expect(verdict(a, 'us-ca-extradition')?.applies).toBe(true);
    const early = ask({
      from: 'US',
      to: 'CA',
      offence: 'illegal-access',
      measure: 'extradition',
      date: '1976-03-21',
    });
    expect(verdict(early, 'us-ca-extradition')?.applies).toBe(false);
    // Canada and Australia each have one with the United States: nothing between them from these.
    const between = ask({ from: 'CA', to: 'AU', offence: 'illegal-access', measure: 'extradition' });
    expect(verdict(between, 'us-ca-extradition')?.applies).toBe(false);
    expect(verdict(between, 'us-au-extradition')?.applies).toBe(false);
  });

  it('uses the constitution as read for Brazil and the Act of Extradition for Japan (medium confidence)', () => {
    expect(world.jurisdictions.find((j) => j.code === 'BR')).toMatchObject({ extraditesNationals: false });
    expect(world.jurisdictions.find((j) => j.code === 'JP')).toMatchObject({ extraditesNationals: false });
  });

  it('leaves a low-confidence nationals rule out of answers unless asked for', () => {
    const all = loadBuiltInWorld();
    expect(all.jurisdictions.find((j) => j.code === 'CZ')).toMatchObject({
      extraditesNationals: false,
      extraditesNationalsConfidence: 'low',
    });
    expect(world.jurisdictions.find((j) => j.code === 'CZ')?.extraditesNationals).toBeUndefined();
    expect(usableFacts(all, true).jurisdictions.find((j) => j.code === 'CZ')?.extraditesNationals).toBe(
      false,
    );
  });
});
