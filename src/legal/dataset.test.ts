import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DATASET_DIR, loadBuiltInWorld, loadWorldFile, readDataset } from './dataset-files.ts';
import { validateWorld } from './world.ts';
import { basis } from './basis.ts';
import { computeMatrix, indexWorld, presentMatrix } from './matrix.ts';

describe('built-in dataset', () => {
  const world = loadBuiltInWorld();

  it('lists all 249 ISO 3166-1 jurisdictions, each name matching the ICU region name', () => {
    expect(world.jurisdictions).toHaveLength(249);
    const names = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });
    expect(world.jurisdictions.filter((j) => names.of(j.code) !== j.name)).toEqual([]);
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
      ['coe-cets-224', 'un-cybercrime-2024', 'cis-2018-it-crimes'].includes(i.id),
    );
    expect(notInForce.flatMap((i) => i.parties.filter((p) => p.from))).toEqual([]);
  });

  it('validates as a whole (the loader would throw otherwise)', () => {
    expect(validateWorld(readDataset(DATASET_DIR)).ok).toBe(true);
  });

  it('answers undetermined, never yes, where a rule needs law facts the dataset does not have yet', () => {
    const a = basis(world, {
      from: 'FR',
      to: 'JP',
      offence: 'illegal-access',
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
    const ix = indexWorld(world);
    const { answers } = presentMatrix(ix, computeMatrix(ix, 'illegal-access', 'mla', '2026-01-01'));
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
