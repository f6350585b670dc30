// Rules 6 and 7 on hand-made worlds: coverage, reach, havens at the threshold, and the accession
// candidates (open instruments, ties).
import { describe, expect, it } from 'vitest';
import { havens, reachByJurisdiction } from './havens.ts';
import { matrix } from './matrix.ts';
import { recommend } from './accession.ts';
import {
  buildInstrument as conv,
  buildLaws as laws,
  buildWorld as world,
} from './test-support/build-world.ts';

const four = ['AA', 'BB', 'CC', 'DD'];
const parties = (codes: string[]) => codes.map((jurisdiction) => ({ jurisdiction, from: '2010-01-01' }));

describe('rule 6', () => {
  const w = world(
    { instruments: [conv({ parties: parties(['AA', 'BB', 'CC']) })], laws: laws(['DD'], 'none') },
    four,
  );

  it('counts coverage over ordered pairs R ≠ Q and reach over the other states', () => {
    const m = matrix(w, 'csam', 'preservation', '2020-01-01');
    expect(m.coverage).toBe(6 / 12);
    expect(reachByJurisdiction(w, 'csam', 'preservation', '2020-01-01')).toEqual({
      AA: 2 / 3,
      BB: 2 / 3,
      CC: 2 / 3,
      DD: 0,
    });
  });

  it('marks havens not criminalised or isolated (reach < τ, so reach = τ is not isolated)', () => {
    expect(havens(w, 'csam', 'preservation', '2020-01-01')).toEqual([
      { jurisdiction: 'DD', reasons: ['not-criminalised', 'isolated'], reach: 0 },
    ]);
    expect(havens(w, 'csam', 'preservation', '2020-01-01', 2 / 3).map((h) => h.jurisdiction)).toEqual(['DD']);
    expect(havens(w, 'csam', 'preservation', '2020-01-01', 0.9).map((h) => h.jurisdiction)).toEqual(four);
  });
});

describe('rule 7', () => {
  it('recommends only open instruments: a bilateral treaty is closed unless it says open', () => {
    const bilateral = conv({ id: 'bilateral' });
    expect(
      recommend(world({ instruments: [bilateral] }), ['csam'], ['preservation'], '2020-01-01', 3),
    ).toEqual([]);
    expect(
      recommend(
        world({ instruments: [{ ...bilateral, open: true }] }),
        ['csam'],
        ['preservation'],
        '2020-01-01',
        3,
      ),
    ).toEqual([{ instrument: 'bilateral', jurisdiction: 'CC', gain: 4 }]);
  });

  it('breaks ties by instrument id, then jurisdiction code, and recounts gains after each choice', () => {
    const w = world(
      {
        instruments: [
          conv({ id: 'zeta', parties: parties(['AA', 'BB', 'CC']) }),
          conv({ id: 'alpha', parties: parties(['AA', 'BB', 'CC']) }),
        ],
      },
      four,
    );
    expect(recommend(w, ['csam'], ['preservation'], '2020-01-01', 2)).toEqual([
      { instrument: 'alpha', jurisdiction: 'DD', gain: 6 },
    ]);
  });

  it('respects openTo and openToPartiesOf (a protocol open only to the parties of its convention)', () => {
    const w = world(
      {
        instruments: [
          conv({ id: 'base', measures: ['contact-point'], parties: parties(['AA', 'BB', 'CC']) }),
          conv({ id: 'protocol', openToPartiesOf: 'base', parties: parties(['AA', 'BB', 'CC']) }),
          conv({ id: 'regional', openTo: ['CC'], parties: parties(['AA', 'BB', 'DD']) }),
        ],
      },
      four,
    );
    expect(recommend(w, ['csam'], ['preservation'], '2020-01-01', 1)).toEqual([
      { instrument: 'regional', jurisdiction: 'CC', gain: 2 },
    ]);
  });
});
