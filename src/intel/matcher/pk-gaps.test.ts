import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { GAP_TTL_MS, MAX_GAPS, PkGaps } from './pk-gaps.ts';
import { ExpiryQueue } from './expiry-queue.ts';

describe('PkGaps', () => {
  it('opens a gap over skipped pks and fills it as late rows arrive', () => {
    const gaps = new PkGaps();
    gaps.reset(10);
    [11, 15, 16, 20].forEach((pk) => gaps.see(pk, 0));
    expect(gaps.lastPk).toBe(20);
    expect(gaps.ranges(0)).toEqual([
      [12, 14],
      [17, 19],
    ]);
    [13, 12, 19].forEach((pk) => gaps.see(pk, 0));
    expect(gaps.ranges(0)).toEqual([
      [14, 14],
      [17, 18],
    ]);
  });

  it('forgets gaps older than the TTL and keeps at most MAX_GAPS', () => {
    const gaps = new PkGaps();
    gaps.see(5, 0);
    expect(gaps.ranges(GAP_TTL_MS - 1)).toEqual([[1, 4]]);
    expect(gaps.ranges(GAP_TTL_MS)).toEqual([]);
    for (let pk = 10; pk < 10 + 2 * (MAX_GAPS + 5); pk += 2) {
      gaps.see(pk, 0);
    }
    expect(gaps.ranges(0)).toHaveLength(MAX_GAPS);
  });

  it('keeps exactly the unseen pks below the last one (random arrival order)', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 1, max: 60 }), { maxLength: 60 }), (pks) => {
        const gaps = new PkGaps();
        pks.forEach((pk) => gaps.see(pk, 0));
        const last = Math.max(0, ...pks);
        const unseen = Array.from({ length: last }, (_, i) => i + 1).filter((pk) => !pks.includes(pk));
        const covered = gaps
          .ranges(0)
          .flatMap(([lo, hi]) => Array.from({ length: hi - lo + 1 }, (_, i) => lo + i));
        expect(covered.sort((a, b) => a - b)).toEqual(unseen);
      }),
    );
  });
});

describe('ExpiryQueue', () => {
  it('pops due items earliest first, leaving the later ones', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 1000 })),
        fc.integer({ min: 0, max: 1000 }),
        (times, now) => {
          const queue = new ExpiryQueue();
          times.forEach((at, i) => queue.push({ at, entryId: i, pk: i }));
          const due = queue.popDue(now).map((e) => e.at);
          expect(due).toEqual(times.filter((t) => t <= now).sort((a, b) => a - b));
          expect(queue.size).toBe(times.filter((t) => t > now).length);
        },
      ),
    );
  });
});
