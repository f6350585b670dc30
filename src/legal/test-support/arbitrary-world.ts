// Random worlds for property tests of the legal engine: small, so that every corner of the rules
// (dates at the boundaries, reservations, non-binding instruments, penalties, nationals) occurs often.
import fc from 'fast-check';
import { MEASURES } from '../taxonomy.ts';

export const CODES = ['AA', 'BB', 'CC', 'DD', 'EE', 'FF'];
export const OFF = ['illegal-access', 'computer-fraud', 'csam'] as const;
export const DATES = ['2010-01-01', '2015-06-01', '2020-01-01', '2024-01-01'];

const confidence = fc.option(fc.constantFrom('high' as const, 'medium' as const, 'low' as const), {
  nil: undefined,
});

export const arbWorld = fc
  .record({
    jurisdictions: fc.subarray(CODES, { minLength: 2 }).chain((codes) =>
      fc
        .tuple(
          fc.constant(codes),
          fc.array(fc.option(fc.boolean(), { nil: undefined }), {
            minLength: codes.length,
            maxLength: codes.length,
          }),
        )
        .map(([cs, ext]) =>
          cs.map((code, i) => ({
            code,
            name: code,
            ...(ext[i] === undefined ? {} : { extraditesNationals: ext[i] }),
          })),
        ),
    ),
  })
  .chain(({ jurisdictions }) => {
    const codes = jurisdictions.map((j) => j.code);
    const law = fc.record({
      jurisdiction: fc.constantFrom(...codes),
      offence: fc.constantFrom(...OFF),
      status: fc.constantFrom('criminalised', 'partial', 'none', 'unknown'),
      maxPenaltyYears: fc.option(fc.integer({ min: 0, max: 8 }), { nil: undefined }),
      since: fc.option(fc.constantFrom(...DATES), { nil: undefined }),
      confidence,
    });
    const party = fc.record({
      jurisdiction: fc.constantFrom(...codes),
      from: fc.option(fc.constantFrom(...DATES), { nil: undefined }),
      until: fc.option(fc.constantFrom(...DATES), { nil: undefined }),
      reservations: fc.array(
        fc.record({
          measure: fc.constantFrom(...MEASURES),
          requireDualCriminality: fc.boolean(),
          exceptOffences: fc.subarray([...OFF]),
        }),
        { maxLength: 2 },
      ),
      confidence,
    });
    const instrument = fc.record({
      measures: fc.subarray([...MEASURES], { minLength: 1 }),
      offences: fc.oneof(fc.constant('all' as const), fc.subarray([...OFF])),
      binding: fc.boolean(),
      open: fc.option(fc.boolean(), { nil: undefined }),
      openTo: fc.option(fc.subarray(codes), { nil: undefined }),
      restricted: fc.boolean(),
      dualCriminality: fc.dictionary(fc.constantFrom(...MEASURES), fc.boolean(), { maxKeys: 2 }),
      minPenaltyYears: fc.dictionary(fc.constantFrom(...MEASURES), fc.integer({ min: 0, max: 5 }), {
        maxKeys: 2,
      }),
      autDedereAutJudicare: fc.boolean(),
      confidence,
      parties: fc.uniqueArray(party, { selector: (p) => p.jurisdiction, maxLength: codes.length }),
    });
    return fc.record({
      jurisdictions: fc.constant(jurisdictions),
      laws: fc.uniqueArray(law, { selector: (l) => `${l.jurisdiction}${l.offence}`, maxLength: 12 }),
      instruments: fc.array(instrument, { maxLength: 4 }).map((xs) =>
        xs.map(({ restricted, ...x }, i) => ({
          ...x,
          id: `i${i}`,
          name: `I${i}`,
          // A protocol-like instrument open only to the parties of the first one.
          ...(restricted && i > 0 ? { openToPartiesOf: 'i0' } : {}),
          parties: x.parties.map((p) =>
            p.from && p.until && p.until <= p.from ? { ...p, until: undefined } : p,
          ),
        })),
      ),
    });
  });
