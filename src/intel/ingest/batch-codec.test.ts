// The packed form of a worker's batch gives back exactly the objects packed: every string (unicode,
// empty, with separators of other formats), null keys, any number of values, rows of any length.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ObjectPacker, unpackObjects } from './batch-codec.ts';
import type { BatchObject } from './prepare-object.ts';

const text = fc.string({ unit: 'binary', maxLength: 30 }).filter((s) => !s.includes('\u0000'));
const object: fc.Arbitrary<BatchObject> = fc.record({
  stixId: text.map((s) => `indicator--${s}`),
  modifiedMicros: fc.integer({ min: -(2 ** 53) + 1, max: 2 ** 53 - 1 }),
  versioned: fc.boolean(),
  dedupeKey: fc.option(text, { nil: null }),
  values: fc.array(fc.record({ kind: text, value: text }), { maxLength: 4 }),
  row: fc.uint8Array({ maxLength: 50 }),
});

describe('batch codec', () => {
  it('unpacks what it packed, in order, with the indexes given', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(100_000), object), { maxLength: 30 }), (items) => {
        const objects = items.map(([index, o]) => ({ index, object: o }));
        const packer = new ObjectPacker();
        for (const { index, object } of objects) {
          // A row given apart from the object, in a scratch buffer reused at once (as the worker does).
          const scratch = new Uint8Array(object.row.length + 8);
          scratch.set(object.row);
          packer.add(index, object, scratch.subarray(0, object.row.length));
          scratch.fill(0xff);
        }
        const back = unpackObjects(packer.finish());
        expect(back.map((b) => ({ ...b, object: { ...b.object, row: [...b.object.row] } }))).toEqual(
          objects.map((b) => ({ ...b, object: { ...b.object, row: [...b.object.row] } })),
        );
      }),
    );
  });

  it('posts its arrays to another thread without copying them', () => {
    const packer = new ObjectPacker();
    packer.add(3, {
      stixId: 'indicator--1',
      modifiedMicros: 1,
      versioned: true,
      dedupeKey: "indicator [ipv4-addr:value = '192.0.2.1']",
      values: [{ kind: 'ipv4', value: '192.0.2.1' }],
      row: new Uint8Array([1, 2, 3]),
    });
    const packed = packer.finish();
    const copy = structuredClone(packed, { transfer: [packed.numbers.buffer, packed.rows.buffer] });
    expect(packed.rows.byteLength).toBe(0);
    expect(unpackObjects(copy)[0]?.object.row).toEqual(new Uint8Array([1, 2, 3]));
  });
});
