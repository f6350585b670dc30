import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import countries from 'i18n-iso-countries';
import { describe, expect, it } from 'vitest';
import { DATASET_DIR, loadBuiltInWorld, loadWorldFile, readDataset } from './dataset-files.ts';
import { usableFacts, validateWorld } from './world.ts';
import { basis } from './basis.ts';
import { applyChanges } from './what-if.ts';
import { matrix } from './matrix.ts';

describe('built-in dataset', () => {
  const world = loadBuiltInWorld();

  it('lists all 249 ISO 3166-1 jurisdictions, each name matching the ICU region name', () => {
    expect(world.jurisdictions).toHaveLength(249);
    const names = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });
    expect(world.jurisdictions.filter((j) => names.of(j.code) !== j.name)).toEqual([]);
  });

  it('gives each jurisdiction its ISO alpha-3 and numeric code (checked against i18n-iso-countries)', () => {
    const wrong = world.jurisdictions.filter(
      (j) => j.alpha3 !== countries.alpha2ToAlpha3(j.code) || j.numeric !== countries.alpha2ToNumeric(j.code),
    );
    expect(wrong).toEqual([]);
    expect(new Set(world.jurisdictions.map((j) => j.numeric)).size).toBe(249);
    // XK (Kosovo) is a user-assigned code, not ISO 3166-1.
    expect(world.jurisdictions.map((j) => j.code)).not.toContain('XK');
  });

  it('keeps its files sorted: jurisdictions and parties by code', () => {
    const sorted = (xs: string[]) => xs.every((x, i) => i === 0 || (xs[i - 1] as string) < x);
    expect(sorted(world.jurisdictions.map((j) => j.code))).toBe(true);
    expect(world.instruments.filter((i) => !sorted(i.parties.map((p) => p.jurisdiction)))).toEqual([]);
  });

  it('never dates a party before its instrument entered into force, and explains every derived date', () => {
    for (const inst of world.instruments) {
      for (const p of inst.parties) {
        if (inst.inForce && p.from) {
          expect(p.from >= inst.inForce, `${inst.id} ${p.jurisdiction}`).toBe(true);
        }
        if (!p.from) {
          expect(p.note, `${inst.id} ${p.jurisdiction} says why it never applies`).toMatch(/never applies/);
        }
      }
    }
    const budapest = world.instruments.find((i) => i.id === 'coe-ets-185');
    expect(budapest?.parties.find((p) => p.jurisdiction === 'FR')).toMatchObject({
      ratified: '2006-01-10',
      from: '2006-05-01',
      confidence: 'high',
    });
    expect(budapest?.parties.find((p) => p.jurisdiction === 'FR')?.fromBasis).toBeUndefined();
    // Every Budapest party is dated from the CoE chart; no derived date is left.
    expect(budapest?.parties.find((p) => p.jurisdiction === 'US')).toMatchObject({
      ratified: '2006-09-29',
      from: '2007-01-01',
      confidence: 'high',
    });
    expect(budapest?.parties.filter((p) => p.fromBasis !== undefined)).toEqual([]);
    // Not individually dated in the sources: the latest date it can be, said so, medium confidence.
    const untoc = world.instruments.find((i) => i.id === 'un-untoc-2000');
    const us = untoc?.parties.find((p) => p.jurisdiction === 'US');
    expect(us).toMatchObject({ from: '2017-10-19', confidence: 'medium' });
    expect(us?.fromBasis).toContain('at the latest');
  });

  it('keeps low-confidence parties low, so they are left out of answers by default', () => {
    const arab = world.instruments.find((i) => i.id === 'las-arab-ito-2010');
    expect(arab?.parties.filter((p) => p.confidence === 'low').map((p) => p.jurisdiction)).toEqual([
      'BH',
      'MR',
      'SA',
    ]);
    const ask = (w: typeof world) =>
      basis(w, {
        from: 'JO',
        to: 'MR',
        offence: 'illegal-access',
        measure: 'preservation',
        date: '2026-11-22',
      });
    expect(ask(usableFacts(world, false))).toMatchObject({ answer: 'no', reasons: ['no-common-instrument'] });
    expect(ask(usableFacts(world, true))).toMatchObject({ answer: 'yes', bases: ['las-arab-ito-2010'] });
  });

  it('sources every fact and gives it a confidence', () => {
    const unsourced = [
      ...world.jurisdictions,
      ...world.laws,
      ...world.instruments,
      ...world.instruments.flatMap((i) => i.parties),
    ].filter((f) => !f.source || !f.confidence);
    expect(unsourced).toEqual([]);
  });

  it('models the instruments not in force so that they never apply outside what-if', () => {
    const notInForce = world.instruments.filter((i) =>
      ['coe-cets-224', 'un-cybercrime-2024', 'cis-2018-it-crimes', 'sco-2009-iis'].includes(i.id),
    );
    expect(notInForce.map((i) => i.inForce ?? null)).toEqual([null, null, null, null]);
    expect(notInForce.flatMap((i) => i.parties.filter((p) => p.from))).toEqual([]);
    // identity-theft: no law row for either state, so a joined protocol can only be undetermined.
    const ask = (w: typeof world) =>
      basis(w, {
        from: 'JP',
        to: 'RS',
        offence: 'identity-theft',
        measure: 'disclosure',
        date: '2026-11-22',
      }).explanation.find((e) => e.instrument === 'coe-cets-224');
    expect(ask(world)?.applies).toBe(false);
    const joined = applyChanges(
      world,
      {
        accessions: ['JP', 'RS'].map((jurisdiction) => ({ jurisdiction, instrument: 'coe-cets-224' })),
        laws: [],
      },
      '2026-11-22',
    );
    expect(ask(joined)).toMatchObject({ applies: true, verdict: 'undetermined' });
  });

  it('validates as a whole (the loader would throw otherwise)', () => {
    expect(validateWorld(readDataset(DATASET_DIR)).ok).toBe(true);
  });

  it('answers undetermined, never yes, where a rule needs law facts the dataset does not have', () => {
    const a = basis(world, {
      from: 'FR',
      to: 'JP',
      offence: 'identity-theft',
      measure: 'mla',
      date: '2026-11-22',
    });
    expect(a.answer).toBe('undetermined');
    const p = basis(world, {
      from: 'FR',
      to: 'JP',
      offence: 'illegal-access',
      measure: 'preservation',
      date: '2026-11-22',
    });
    expect(p).toMatchObject({ answer: 'yes', bases: ['coe-ets-185'] });
    const none = basis(world, {
      from: 'FR',
      to: 'RU',
      offence: 'illegal-access',
      measure: 'preservation',
      date: '2026-11-22',
    });
    expect(none).toMatchObject({ answer: 'no', reasons: ['no-common-instrument'] });
  });

  it('meets dual criminality between Budapest parties on rows inferred from the treaty, shown as inferred', () => {
    const a = basis(world, {
      from: 'AD',
      to: 'SM',
      offence: 'illegal-access',
      measure: 'mla',
      date: '2026-11-22',
    });
    expect(a).toMatchObject({ answer: 'yes', bases: ['coe-ets-185'] });
    const dc = a.explanation
      .find((e) => e.instrument === 'coe-ets-185')
      ?.conditions.find((c) => c.condition === 'dual-criminality');
    expect(dc?.result).toBe('met');
    for (const fact of dc?.facts ?? []) {
      expect(fact).toMatchObject({ inferred: true, basis: 'treaty-obligation', confidence: 'medium' });
      expect(fact.text).toContain('inferred from a treaty obligation, not a statute read');
      expect(fact.source).toMatch(/^https?:\/\//);
    }
    // Before Andorra was bound (2017-03-01) the obligation, and so the inferred row, did not apply.
    const before = basis(world, {
      from: 'AD',
      to: 'SM',
      offence: 'illegal-access',
      measure: 'mla',
      date: '2016-01-01',
    });
    expect(before.answer).toBe('no');
  });
});

describe('five states in one convention, one of them in a treaty with a sixth', () => {
  const world = loadWorldFile(join(DATASET_DIR, 'examples/five-plus-one.json'));
  const ask = (from: string, measure: 'mla' | 'extradition', suspectNational = false) =>
    basis(world, { from, to: 'FF', offence: 'illegal-access', measure, date: '2026-01-01', suspectNational });

  it('gives the four other parties no basis with the sixth state: bilateral treaties do not compose', () => {
    for (const from of ['AA', 'BB', 'CC', 'DD']) {
      expect(ask(from, 'mla')).toMatchObject({ answer: 'no', reasons: ['no-common-instrument'] });
    }
  });

  it('gives the state with the bilateral treaty a basis', () => {
    expect(ask('EE', 'mla')).toMatchObject({ answer: 'yes', bases: ['ee-ff-bilateral'] });
  });

  it('refuses extradition of a national of the sixth state and offers prosecution there', () => {
    expect(ask('EE', 'extradition', true)).toMatchObject({
      answer: 'no',
      reasons: ['nationals-not-extradited'],
      alternative: 'prosecute-in-requested-state',
    });
  });

  it('shows it in the matrix: the sixth state is reached only by its treaty partner', () => {
    const { answers } = matrix(world, 'illegal-access', 'mla', '2026-01-01');
    expect(['AA', 'BB', 'CC', 'DD', 'EE'].map((r) => answers[r]?.FF)).toEqual([
      'no',
      'no',
      'no',
      'no',
      'yes',
    ]);
  });

  it('is the file shipped for users', () => {
    expect(JSON.parse(readFileSync(join(DATASET_DIR, 'examples/five-plus-one.json'), 'utf8'))).toHaveProperty(
      'instruments',
    );
  });
});
