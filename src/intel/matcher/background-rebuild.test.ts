// Rebuilds of an outgrown delta off the event loop: while a rebuild is in flight, lookups answer from
// the old base and the delta, and every change made meanwhile is replayed on the new base. Checked
// against the naive matcher with the real worker thread and with a controllable in-process builder.
import { afterAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createIndexedMatcher, type IndexedMatcher } from './indexed-matcher.ts';
import { createNaiveMatcher, type NaiveMatcher } from './naive-matcher.ts';
import { MIN_DELTA_CAP } from './layered-index.ts';
import { RebuildPool } from './rebuild-pool.ts';
import { rebuildTable } from './rebuild-worker.ts';
import type { FamilyName } from './families.ts';
import { formatIPv4 } from '../../platform/net/ip-parse.ts';
import { SEE_ALL } from './visibility.ts';
import type { MatchEntry } from './entry.ts';

const pool = new RebuildPool();
afterAll(() => pool.close());

const ipEntry = (i: number, visibility = 0): MatchEntry => ({
  entryId: i,
  kind: 'ipv4',
  value: `${formatIPv4((0x0a000000 + i * 4) >>> 0)}/30`,
  visibility,
});
const probe = (i: number) => formatIPv4((0x0a000000 + i * 4 + 1) >>> 0);

function expectSame(m: IndexedMatcher, naive: NaiveMatcher, ids: number[]) {
  const mask = Uint32Array.of(0b01);
  for (const i of ids) {
    expect(m.match('ipv4', probe(i), SEE_ALL), `address ${probe(i)}`).toEqual(
      naive.match('ipv4', probe(i), SEE_ALL),
    );
    expect(m.match('ipv4', probe(i), mask)).toEqual(naive.match('ipv4', probe(i), mask));
  }
}

describe('background rebuild', () => {
  it('rebuilds on the worker thread while lookups and changes continue', async () => {
    const base = Array.from({ length: 20_000 }, (_, i) => ipEntry(i));
    const m = createIndexedMatcher(base);
    const naive = createNaiveMatcher(base);
    m.useBackgroundRebuild(pool);
    const before = pool.completed;
    const added = Array.from({ length: MIN_DELTA_CAP + 1 }, (_, k) => ipEntry(20_000 + k));
    added.forEach((e) => (m.add(e), naive.add(e)));
    expect(m.rebuilding).toBe(true);
    // Changes during the flight: removals from the base and from the delta, visibility changes, adds.
    for (const e of [base[5]!, added[7]!]) {
      m.remove(e);
      naive.remove(e);
    }
    for (const e of [ipEntry(6, 1), ipEntry(20_008, 1), ipEntry(90_000)]) {
      m.add(e);
      naive.add(e);
    }
    const sample = [0, 5, 6, 19_999, 20_007, 20_008, 20_000 + MIN_DELTA_CAP, 90_000];
    expectSame(m, naive, sample);
    await expect.poll(() => m.rebuilding, { timeout: 10_000 }).toBe(false);
    expect(pool.completed).toBeGreaterThan(before);
    expect(m.stats().ipv4.pending).toBeLessThan(10);
    expectSame(m, naive, sample);
    expect(m.size).toBe(naive.size);
  }, 120_000);

  it('answers like the naive matcher whatever lands when (random changes, in-process builder)', async () => {
    const seed = Number(process.env.FC_SEED ?? Date.now() % 2 ** 31);
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.oneof(
            fc.record({
              op: fc.constant('add' as const),
              i: fc.integer({ min: 0, max: 7000 }),
              vis: fc.integer({ min: 0, max: 1 }),
            }),
            fc.record({
              op: fc.constant('remove' as const),
              i: fc.integer({ min: 0, max: 7000 }),
              vis: fc.constant(0),
            }),
            fc.record({ op: fc.constant('land' as const), i: fc.constant(0), vis: fc.constant(0) }),
          ),
          { maxLength: 60 },
        ),
        async (ops) => {
          const landings: Array<() => void> = [];
          const base = Array.from({ length: 3000 }, (_, i) => ipEntry(i));
          const m = createIndexedMatcher(base);
          const naive = createNaiveMatcher(base);
          m.useBackgroundRebuild({
            build: <B>(family: FamilyName, b: B | undefined, pending: never) =>
              new Promise<B>((resolve) => {
                const request = structuredClone({ family, base: b, pending });
                landings.push(() => resolve(rebuildTable(request as never) as B));
              }),
          } as unknown as RebuildPool);
          // Cross the cap first, so a rebuild is in flight while the random changes arrive.
          for (let i = 10_000; i < 10_000 + MIN_DELTA_CAP + 1; i += 1) {
            m.add(ipEntry(i));
            naive.add(ipEntry(i));
          }
          const touched = new Set<number>([0, 10_000]);
          for (const { op, i, vis } of ops) {
            if (op === 'land') {
              landings.shift()?.();
              await Promise.resolve();
              continue;
            }
            touched.add(i);
            const e = ipEntry(i, vis);
            if (op === 'add') {
              m.add(e);
              naive.add(e);
            } else {
              expect(m.remove(e)).toBe(naive.remove(e));
            }
          }
          expectSame(m, naive, [...touched]);
          while (landings.length > 0) {
            landings.shift()!();
            await new Promise((r) => setImmediate(r));
          }
          expectSame(m, naive, [...touched]);
          expect(m.size).toBe(naive.size);
        },
      ),
      { seed, numRuns: 8 },
    );
  }, 240_000);
});
