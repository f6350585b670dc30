import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { MEASURES } from './taxonomy.ts';
import { usableFacts, validateWorld, type World } from './world.ts';
import { recommend, recommendAccessions } from './accession.ts';
import { referenceRecommend } from './reference.ts';
import { arbWorld, DATES, OFF } from './test-support/arbitrary-world.ts';
import { DATASET_DIR, loadBuiltInWorld, loadWorldFile } from './dataset-files.ts';

describe('recommendAccessions (rule 7)', () => {
  it('makes the same greedy choices, with the same gains, as brute-force recomputation (property)', () => {
    const seed = Number(process.env.FC_SEED ?? Date.now() % 2 ** 31);
    const targets = fc.uniqueArray(
      fc.record({ offence: fc.constantFrom(...OFF), measure: fc.constantFrom(...MEASURES) }),
      { minLength: 1, maxLength: 2, selector: (t) => `${t.offence}/${t.measure}` },
    );
    try {
      fc.assert(
        fc.property(arbWorld, targets, fc.constantFrom(...DATES), (raw, ts, date) => {
          const v = validateWorld(raw);
          expect(v.ok).toBe(true);
          const world = v.ok ? usableFacts(v.value, true) : ({} as World);
          expect(recommendAccessions(world, ts, date, 3)).toEqual(referenceRecommend(world, ts, date, 3));
        }),
        { numRuns: 300, seed },
      );
    } catch (error) {
      throw new Error(`rule 7 differential test failed; rerun with FC_SEED=${seed}\n${String(error)}`, {
        cause: error,
      });
    }
  });

  it('recommends the sixth state joining the convention in the five-plus-one world', () => {
    const world = loadWorldFile(join(DATASET_DIR, 'examples/five-plus-one.json'));
    expect(recommend(world, ['illegal-access'], ['mla'], '2026-01-01', 5)).toEqual([
      { instrument: 'five-state-convention', jurisdiction: 'FF', gain: 8 },
    ]);
  });

  it('proposes on the built-in dataset only accessions the instruments are open to', () => {
    const world = usableFacts(loadBuiltInWorld(), false);
    const recs = recommend(world, ['illegal-access'], ['preservation', 'contact-point'], '2026-11-22', 10);
    expect(recs).toHaveLength(10);
    const arab = world.instruments.find((i) => i.id === 'las-arab-ito-2010');
    for (const r of recs) {
      expect(['coe-ets-185', 'un-cybercrime-2024', 'las-arab-ito-2010']).toContain(r.instrument);
      if (r.instrument === 'las-arab-ito-2010') {
        expect(arab?.openTo).toContain(r.jurisdiction);
      }
    }
  });
});
