import { describe, expect, it } from 'vitest';
import { usableFacts, validateWorld } from './world.ts';
import { worldOrThrow } from './dataset.ts';
import { AppError } from '../platform/errors/app-error.ts';

const valid = {
  jurisdictions: [
    { code: 'AA', name: 'Alphaland' },
    { code: 'BB', name: 'Betaland' },
  ],
  instruments: [
    {
      id: 'conv',
      name: 'Convention',
      measures: ['mla'],
      offences: 'all',
      parties: [
        { jurisdiction: 'AA', from: '2020-01-01' },
        { jurisdiction: 'BB', from: '2020-01-01' },
      ],
    },
  ],
};

const problemsOf = (raw: unknown) => {
  const v = validateWorld(raw);
  return v.ok ? [] : (v.details ?? []);
};

describe('validateWorld', () => {
  it('accepts the rules-document shape without sources or confidences, applying the defaults', () => {
    const v = validateWorld(valid);
    expect(v.ok).toBe(true);
    const world = v.ok ? v.value : undefined;
    expect(world?.laws).toEqual([]);
    expect(world?.instruments[0]).toMatchObject({ binding: true, dualCriminality: {}, minPenaltyYears: {} });
    expect(world?.instruments[0]?.parties[0]?.reservations).toEqual([]);
    // Missing confidence counts as high: nothing of a user-supplied world is left out.
    expect(usableFacts(world!, false).instruments[0]?.parties).toHaveLength(2);
  });

  it('lists every problem at once, shape and cross-references together, with paths', () => {
    const problems = problemsOf({
      jurisdictions: [
        { code: 'AA', name: 'Alphaland' },
        { code: 'AA', name: 'Again' },
        { code: 'b1', name: 'Bad code' },
      ],
      laws: [
        { jurisdiction: 'AA', offence: 'hacking', status: 'criminalised' },
        { jurisdiction: 'ZZ', offence: 'csam', status: 'none', since: '2021-02-30' },
        { jurisdiction: 'AA', offence: 'csam', status: 'none' },
        { jurisdiction: 'AA', offence: 'csam', status: 'partial' },
      ],
      instruments: [
        {
          id: 'conv',
          name: 'Convention',
          measures: ['mla', 'arrest'],
          offences: 'all',
          parties: [
            { jurisdiction: 'AA', from: '2020-01-01', until: '2019-01-01' },
            { jurisdiction: 'AA', from: '2020-13-01' },
            { jurisdiction: 'QQ', from: '2020-01-01' },
          ],
        },
        { id: 'conv', name: 'Twin', measures: [], offences: [], parties: [], openToPartiesOf: 'nope' },
      ],
    });
    const paths = problems.map((p) => p.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'jurisdictions.1.code',
        'jurisdictions.2.code',
        'laws.0.offence',
        'laws.1.jurisdiction',
        'laws.1.since',
        'laws.3',
        'instruments.0.measures.1',
        'instruments.0.parties.0.until',
        'instruments.0.parties.1.from',
        'instruments.0.parties.1.jurisdiction',
        'instruments.0.parties.2.jurisdiction',
        'instruments.1.id',
        'instruments.1.openToPartiesOf',
      ]),
    );
    expect(problems.find((p) => p.path === 'laws.1.jurisdiction')?.reason).toBe(
      'jurisdiction ZZ is not listed in jurisdictions',
    );
    expect(problems.find((p) => p.path === 'instruments.0.parties.0.until')?.reason).toContain('exclusive');
  });

  it('rejects the whole world with AppError LEGAL_INVALID_WORLD and the details', () => {
    let thrown: unknown;
    try {
      worldOrThrow({ jurisdictions: 'none' }, 'test.json');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(AppError);
    expect(thrown).toMatchObject({ code: 'LEGAL_INVALID_WORLD', details: [{ path: 'jurisdictions' }] });
  });

  it('rejects what is not an object at all', () => {
    expect(problemsOf(null).length).toBeGreaterThan(0);
    expect(problemsOf([]).length).toBeGreaterThan(0);
  });
});

describe('usableFacts', () => {
  it('leaves out low-confidence parties and law rows; a party inherits its instrument confidence', () => {
    const world = validateWorld({
      ...valid,
      laws: [{ jurisdiction: 'AA', offence: 'csam', status: 'none', confidence: 'low' }],
      instruments: [
        { ...valid.instruments[0], confidence: 'low', parties: [{ jurisdiction: 'AA', from: '2020-01-01' }] },
        {
          ...valid.instruments[0],
          id: 'other',
          confidence: 'low',
          parties: [{ jurisdiction: 'AA', from: '2020-01-01', confidence: 'medium' }],
        },
      ],
    });
    expect(world.ok).toBe(true);
    if (!world.ok) {
      return;
    }
    const used = usableFacts(world.value, false);
    expect(used.laws).toEqual([]);
    expect(used.instruments.map((i) => i.parties.length)).toEqual([0, 1]);
    expect(usableFacts(world.value, true)).toBe(world.value);
    expect(usableFacts(world.value, false)).toBe(used);
  });
});
