import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { BundleSplitter, splitBundle, type BundleItem } from './bundle-stream.ts';

async function collect(chunks: (string | Buffer)[], resumeAt?: number): Promise<BundleItem[]> {
  const out: BundleItem[] = [];
  for await (const item of splitBundle(
    (async function* () {
      yield* chunks;
    })(),
    resumeAt,
  )) {
    out.push(item);
  }
  return out;
}
const objectsOf = (items: BundleItem[]) =>
  items.flatMap((i) => (i.kind === 'object' ? [JSON.parse(i.text) as unknown] : []));

describe('splitBundle', () => {
  it('yields every object of the objects array with exact byte offsets', async () => {
    const bundle = JSON.stringify({
      type: 'bundle',
      id: 'bundle--1',
      objects: [{ a: 1, s: 'x}]"{' }, { b: [1, { c: 2 }] }],
    });
    const items = await collect([bundle]);
    expect(objectsOf(items)).toEqual([{ a: 1, s: 'x}]"{' }, { b: [1, { c: 2 }] }]);
    const first = items[0] as Extract<BundleItem, { kind: 'object' }>;
    expect(Buffer.from(bundle).subarray(first.start, first.end).toString()).toBe(first.text);
  });

  it('ignores arrays and keys named objects that are not the top-level array', async () => {
    const bundle =
      '{"type":"bundle","x":{"objects":[{"no":1}]},"objects":[{"yes":1,"objects":[{"nested":true}]}]}';
    expect(objectsOf(await collect([bundle]))).toEqual([{ yes: 1, objects: [{ nested: true }] }]);
  });

  it('reports truncation and a missing objects array', async () => {
    const truncated = await collect(['{"type":"bundle","objects":[{"a":1},{"b":']);
    expect(objectsOf(truncated)).toEqual([{ a: 1 }]);
    const last = truncated.at(-1);
    expect(last?.kind === 'error' && last.message).toContain('truncated');
    const missing = await collect(['{"type":"indicator"}']);
    expect(missing.map((m) => (m.kind === 'error' ? m.message : m.kind))).toEqual([
      expect.stringContaining('no top-level') as string,
    ]);
  });

  it('resumes from a checkpoint offset inside the objects array', async () => {
    const bundle = Buffer.from(JSON.stringify({ type: 'bundle', objects: [{ n: 1 }, { n: 2 }, { n: 3 }] }));
    const all = (await collect([bundle])).filter((i) => i.kind === 'object');
    const checkpoint = (all[0] as Extract<BundleItem, { kind: 'object' }>).end;
    expect(objectsOf(await collect([bundle.subarray(checkpoint)], checkpoint))).toEqual([{ n: 2 }, { n: 3 }]);
  });

  it('gives the same objects as JSON.parse whatever the chunk boundaries (property)', async () => {
    const stixish = fc.dictionary(fc.string({ maxLength: 6 }), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 5 });
    await fc.assert(
      fc.asyncProperty(
        fc.array(stixish, { maxLength: 8 }),
        fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 10 }),
        async (objects, cuts) => {
          const bytes = Buffer.from(
            JSON.stringify({ type: 'bundle', id: 'bundle--x', objects }, null, cuts[0]! % 3),
          );
          const chunks: Buffer[] = [];
          for (let at = 0, k = 0; at < bytes.length; k += 1) {
            const size = cuts[k % cuts.length]!;
            chunks.push(bytes.subarray(at, at + size));
            at += size;
          }
          expect(objectsOf(await collect(chunks))).toEqual(JSON.parse(JSON.stringify(objects)));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('never throws on junk bytes (fuzz)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 300 }), async (junk) => {
        const splitter = new BundleSplitter();
        expect(() => [...splitter.push(Buffer.from(junk)), ...splitter.finish()]).not.toThrow();
      }),
      { numRuns: 300 },
    );
  });
});

describe('BundleSplitter object size limit', () => {
  it('reports an object larger than the limit, without keeping it, and goes on with the next', () => {
    const big = { type: 'note', content: 'x'.repeat(500) };
    const bundle = Buffer.from(JSON.stringify({ type: 'bundle', objects: [{ a: 1 }, big, { b: 2 }] }));
    const splitter = new BundleSplitter(undefined, 200);
    const items: BundleItem[] = [];
    for (let i = 0; i < bundle.length; i += 37) {
      items.push(...splitter.push(bundle.subarray(i, i + 37)));
    }
    items.push(...splitter.finish());
    expect(items.map((i) => i.kind)).toEqual(['object', 'error', 'object']);
    const error = items[1] as Extract<BundleItem, { kind: 'error' }>;
    expect(error.tooLarge).toBe(true);
    expect(error.message).toMatch(/larger than the limit of 200/);
    expect(JSON.parse((items[2] as Extract<BundleItem, { kind: 'object' }>).text)).toEqual({ b: 2 });
  });
});
