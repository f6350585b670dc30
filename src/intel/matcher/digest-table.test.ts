// Property tests of the digest table against a scan of the entries: random digests and crafted ones
// sharing their first words (long directory runs, ties past the two radix-sorted words), several
// entries per digest, repeated (digest, id), in-place removals and a rebuild from the live entries.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  buildDigestTable,
  editDigest,
  forEachDigest,
  locateDigest,
  searchDigest,
  wordsOfKey,
} from './digest-table.ts';
import { ByteColumnsBuilder } from './columns.ts';
import { rebuildTable } from './rebuild-worker.ts';
import { HitList } from './hits.ts';
import { createVisibilityMask } from './visibility.ts';

const seed = Number(process.env.FC_SEED ?? Date.now() % 2 ** 31);

type Row = { key: Uint8Array; id: number; vis: number };

const word = fc.oneof(fc.constantFrom(0, 1, 0xffffffff, 0x80000000), fc.integer({ min: 0, max: 0xffffffff }));
const digest = (words: number) =>
  fc.array(word, { minLength: words, maxLength: words }).map((ws) => {
    const key = new Uint8Array(4 * words);
    ws.forEach((w, i) => new DataView(key.buffer).setUint32(4 * i, w));
    return key;
  });
const hex = (key: Uint8Array) => Buffer.from(key).toString('hex');

describe('digest table', () => {
  it('finds every digest like a scan, removes in place and rebuilds from its live entries', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(4, 5, 8).chain((words) =>
          fc.tuple(
            fc.constant(words),
            fc.array(
              fc.record({
                key: digest(words),
                id: fc.integer({ min: 0, max: 9 }),
                vis: fc.integer({ min: 0, max: 2 }),
              }),
              { maxLength: 80 },
            ),
            fc.array(fc.nat(), { maxLength: 20 }),
          ),
        ),
        ([words, rows, removals]) => {
          const c = new ByteColumnsBuilder();
          rows.forEach((r) => c.push(r.key, r.key.length, r.id, r.vis));
          const t = buildDigestTable(c);
          const live = new Map<string, Row>();
          rows.forEach((r) => live.set(`${hex(r.key)}#${r.id}`, r));
          const query = new Uint32Array(8);
          for (const pick of removals) {
            const entries = [...live.entries()];
            if (entries.length === 0) {
              break;
            }
            const [name, r] = entries[pick % entries.length]!;
            const at = locateDigest(t, wordsOfKey(r.key, query), r.id);
            expect(at, name).toBeGreaterThanOrEqual(0);
            editDigest(t, at, { remove: true });
            live.delete(name);
          }
          const mask = createVisibilityMask([0, 2]);
          const hits = new HitList();
          const probes = [
            ...rows.map((r) => r.key),
            new Uint8Array(4 * words),
            new Uint8Array(4 * words).fill(255),
          ];
          const expectFound = (table: typeof t) => {
            for (const key of probes) {
              hits.count = 0;
              searchDigest(table, wordsOfKey(key, query), mask, hits);
              const want = [...live.values()]
                .filter((r) => hex(r.key) === hex(key) && r.vis !== 1)
                .map((r) => r.id)
                .sort((a, b) => a - b);
              expect(Array.from(hits.ids.subarray(0, hits.count)), hex(key)).toEqual(want);
            }
          };
          expectFound(t);
          const rebuilt = new ByteColumnsBuilder();
          forEachDigest(t, (key, id, vis) => rebuilt.push(key, key.length, id, vis));
          expect(rebuilt.count).toBe(live.size);
          expectFound(buildDigestTable(rebuilt));
        },
      ),
      { seed, numRuns: 300 },
    );
  });

  it('is rebuilt by the rebuild worker from a cloned base and pending digests', () => {
    const key = (b: number) => new Uint8Array(32).fill(b);
    const base = new ByteColumnsBuilder();
    [1, 2, 3].forEach((b) => base.push(key(b), 32, b, 0));
    const table = buildDigestTable(base);
    editDigest(table, locateDigest(table, wordsOfKey(key(2), new Uint32Array(8)), 2), { remove: true });
    const pending = new ByteColumnsBuilder();
    pending.push(key(9), 32, 9, 1);
    const rebuilt = rebuildTable(structuredClone({ family: 'digest' as const, base: table, pending }));
    const hits = new HitList();
    const found = (b: number) => {
      hits.count = 0;
      searchDigest(
        rebuilt as typeof table,
        wordsOfKey(key(b), new Uint32Array(8)),
        createVisibilityMask([0, 1]),
        hits,
      );
      return Array.from(hits.ids.subarray(0, hits.count));
    };
    expect([1, 2, 3, 9].map(found)).toEqual([[1], [], [3], [9]]);
  });
});
