import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { MEASURES } from './taxonomy.ts';
import { validateWorld } from './world.ts';
import { computeMatrix, indexWorld } from './matrix.ts';
import { countYes, isOpen, recommendAccessions, withAccession } from './accession.ts';
import { arbWorld, DATES, OFF } from './test-support/arbitrary-world.ts';

describe('recommendAccessions', () => {
  it('reports gains equal to full recomputation, each never beaten by another candidate (property)', () => {
    const seed = Number(process.env.FC_SEED ?? Date.now() % 2 ** 31);
    fc.assert(
      fc.property(
        arbWorld,
        fc.constantFrom(...OFF),
        fc.constantFrom(...MEASURES),
        fc.constantFrom(...DATES),
        (raw, offence, measure, date) => {
          const v = validateWorld(raw);
          if (!v.ok) {
            return;
          }
          let world = v.value;
          const targets = [{ offence, measure }];
          const yesIn = (w: typeof world) => countYes(computeMatrix(indexWorld(w), offence, measure, date));
          for (const rec of recommendAccessions(world, targets, date, 2)) {
            const before = yesIn(world);
            const bestByBruteForce = Math.max(
              0,
              ...world.instruments
                .filter(isOpen)
                .flatMap((inst) =>
                  world.jurisdictions.map((j) =>
                    inst.parties.some(
                      (p) =>
                        p.jurisdiction === j.code && p.from && p.from <= date && (!p.until || date < p.until),
                    )
                      ? 0
                      : yesIn(withAccession(world, inst.id, j.code, date)) - before,
                  ),
                ),
            );
            world = withAccession(world, rec.instrument, rec.jurisdiction, date);
            expect(yesIn(world) - before, `seed ${seed}`).toBe(rec.gain);
            expect(rec.gain, `seed ${seed}`).toBe(bestByBruteForce);
          }
        },
      ),
      { numRuns: 400, seed },
    );
  });
});
