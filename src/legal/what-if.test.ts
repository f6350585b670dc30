import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DATASET_DIR, loadWorldFile } from './dataset-files.ts';
import { whatIf } from './what-if.ts';

const world = loadWorldFile(join(DATASET_DIR, 'examples/five-plus-one.json'));

describe('whatIf', () => {
  it('shows coverage, havens and every changed pair when the sixth state joins the convention', () => {
    const r = whatIf(
      world,
      { accessions: [{ jurisdiction: 'FF', instrument: 'five-state-convention' }], laws: [] },
      'illegal-access',
      'mla',
      '2026-01-01',
    );
    expect(r.before.coverage).toBeCloseTo(22 / 30);
    expect(r.after.coverage).toBe(1);
    expect(r.before.havens.map((h) => h.jurisdiction)).toEqual(['FF']);
    expect(r.after.havens).toEqual([]);
    expect(r.changedPairs).toHaveLength(8);
    expect(r.changedPairs).toContainEqual({ from: 'AA', to: 'FF', before: 'no', after: 'yes' });
  });

  it('applies a law change: decriminalising breaks dual criminality for MLA', () => {
    const r = whatIf(
      world,
      { accessions: [], laws: [{ jurisdiction: 'BB', offence: 'illegal-access', status: 'none' }] },
      'illegal-access',
      'mla',
      '2026-01-01',
    );
    expect(r.after.havens).toContainEqual({
      jurisdiction: 'BB',
      reasons: ['not-criminalised', 'isolated'],
      reach: 0,
    });
    expect(r.changedPairs.filter((p) => p.after === 'no')).toHaveLength(8);
  });

  it('never changes the world it was given', () => {
    whatIf(
      world,
      { accessions: [{ jurisdiction: 'FF', instrument: 'five-state-convention' }], laws: [] },
      'csam',
      'mla',
      '2026-01-01',
    );
    expect(world.instruments[0]?.parties.map((p) => p.jurisdiction)).toEqual(['AA', 'BB', 'CC', 'DD', 'EE']);
  });
});

describe('whatIf input', () => {
  it('rejects changes naming unknown instruments or states, or invalid law rows, listing every problem', () => {
    const call = () =>
      whatIf(
        world,
        {
          accessions: [
            { jurisdiction: 'QQ', instrument: 'nope', from: '2026-02-30' },
            { jurisdiction: 'FF', instrument: 'five-state-convention' },
          ],
          laws: [
            { jurisdiction: 'AA', offence: 'csam', status: 'none' },
            { jurisdiction: 'AA', offence: 'csam', status: 'partial' },
          ],
        },
        'csam',
        'mla',
        '2026-01-01',
      );
    expect(call).toThrow(
      expect.objectContaining({
        code: 'LEGAL_INVALID_QUERY',
        // Details may carry more keys (e.g. the zod issue code); path and reason are the contract.
        details: [
          { path: 'accessions.0.instrument', reason: 'no instrument nope' },
          { path: 'accessions.0.jurisdiction', reason: 'QQ is not in this world' },
          { path: 'accessions.0.from', reason: 'is not a real date' },
          { path: 'laws.1', reason: 'a second row for AA and csam' },
        ].map((d) => expect.objectContaining(d) as unknown),
      }),
    );
  });

  it('uses LEGAL_UNKNOWN_INSTRUMENT when an unknown instrument is the only problem', () => {
    expect(() =>
      whatIf(
        world,
        { accessions: [{ jurisdiction: 'FF', instrument: 'nope' }], laws: [] },
        'csam',
        'mla',
        '2026-01-01',
      ),
    ).toThrow(expect.objectContaining({ code: 'LEGAL_UNKNOWN_INSTRUMENT' }));
  });
});
