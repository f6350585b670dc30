// Differential test: on thousands of random worlds, the bitset matrix, the explained pair answer and
// the brute-force reference agree on every ordered pair. Seeded; the seed is printed on failure.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { MEASURES } from './taxonomy.ts';
import { arbWorld, DATES, OFF } from './test-support/arbitrary-world.ts';
import { validateWorld } from './world.ts';
import { computeMatrix, indexWorld, presentMatrix } from './matrix.ts';
import { basis } from './basis.ts';
import { referenceAnswer } from './reference.ts';

describe('legal engine against the brute-force reference', () => {
  it('agrees on every pair of thousands of random worlds', () => {
    const seed = Number(process.env.FC_SEED ?? Date.now() % 2 ** 31);
    try {
      fc.assert(
        fc.property(
          arbWorld,
          fc.constantFrom(...OFF),
          fc.constantFrom(...MEASURES),
          fc.constantFrom(...DATES),
          (raw, offence, measure, date) => {
            const v = validateWorld(raw);
            expect(v.ok).toBe(true);
            if (!v.ok) {
              return;
            }
            const world = v.value;
            const ix = indexWorld(world);
            const { answers } = presentMatrix(ix, computeMatrix(ix, offence, measure, date));
            for (const r of ix.codes) {
              for (const q of ix.codes) {
                if (r === q) {
                  continue;
                }
                const expected = referenceAnswer(world, r, q, offence, measure, date);
                expect(answers[r]?.[q], `matrix ${r}->${q}`).toBe(expected);
                expect(
                  basis(world, { from: r, to: q, offence, measure, date }).answer,
                  `basis ${r}->${q}`,
                ).toBe(expected);
              }
            }
          },
        ),
        { numRuns: 3000, seed },
      );
    } catch (error) {
      throw new Error(`legal differential test failed; rerun with FC_SEED=${seed}\n${String(error)}`, {
        cause: error,
      });
    }
  });
});
