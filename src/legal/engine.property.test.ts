// Differential test: on thousands of random worlds, the bitset matrix, the explained pair answer and
// the havens agree with the brute-force reference on every ordered pair. Seeded; the seed is printed
// on failure (rerun with FC_SEED=<seed>).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { MEASURES } from './taxonomy.ts';
import { arbWorld, DATES, OFF } from './test-support/arbitrary-world.ts';
import { usableFacts, validateWorld } from './world.ts';
import { matrix } from './matrix.ts';
import { havens } from './havens.ts';
import { basis } from './basis.ts';
import { referenceBasis, referenceHavens } from './reference.ts';

const seed = Number(process.env.FC_SEED ?? Date.now() % 2 ** 31);
function withSeed(run: () => void): void {
  try {
    run();
  } catch (error) {
    throw new Error(`legal differential test failed; rerun with FC_SEED=${seed}\n${String(error)}`, {
      cause: error,
    });
  }
}

const question = fc.record({
  raw: arbWorld,
  offence: fc.constantFrom(...OFF),
  measure: fc.constantFrom(...MEASURES),
  date: fc.constantFrom(...DATES),
  includeLow: fc.boolean(),
  tau: fc.constantFrom(0, 0.25, 0.5, 1),
});

describe('legal engine against the brute-force reference', () => {
  it('agrees on every pair of thousands of random worlds: matrix, basis (with nationals) and havens', () => {
    withSeed(() =>
      fc.assert(
        fc.property(question, ({ raw, offence, measure, date, includeLow, tau }) => {
          const v = validateWorld(raw);
          expect(v.ok, JSON.stringify(v.ok ? [] : v.details)).toBe(true);
          if (!v.ok) {
            return;
          }
          const world = usableFacts(v.value, includeLow);
          const { answers } = matrix(world, offence, measure, date);
          for (const { code: r } of world.jurisdictions) {
            for (const { code: q } of world.jurisdictions) {
              if (r === q) {
                continue;
              }
              const expected = referenceBasis(world, r, q, offence, measure, date);
              expect(answers[r]?.[q], `matrix ${r}->${q}`).toBe(expected.answer);
              for (const suspectNational of measure === 'extradition' ? [false, true] : [false]) {
                const want = referenceBasis(world, r, q, offence, measure, date, suspectNational);
                const got = basis(world, { from: r, to: q, offence, measure, date, suspectNational });
                expect(
                  { ...got, reasons: [...got.reasons].sort(), date: undefined, explanation: undefined },
                  `basis ${r}->${q} national=${suspectNational}`,
                ).toEqual({
                  ...want,
                  reasons: [...want.reasons].sort(),
                  date: undefined,
                  explanation: undefined,
                });
              }
            }
          }
          expect(havens(world, offence, measure, date, tau)).toEqual(
            referenceHavens(world, offence, measure, date, tau),
          );
        }),
        { numRuns: 3000, seed },
      ),
    );
  });
});
