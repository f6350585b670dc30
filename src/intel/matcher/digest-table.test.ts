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
});
