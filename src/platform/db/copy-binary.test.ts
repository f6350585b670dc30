// The binary field writer reused across rows, as the import reuses one per prepared object: what a
// row wrote earlier (the cache of recent uuids, the slabs of copies) must survive later rows.
import { describe, expect, it } from 'vitest';
import { CopyWriter } from './copy-binary.ts';

const ID = '6a1b7d1e-8a7c-4f7e-9a51-2d1f0c3b4a5e';
const BYTES = [0, 0, 0, 16, ...Buffer.from(ID.replaceAll('-', ''), 'hex')];

describe('CopyWriter', () => {
  it('writes a repeated uuid the same after the writer was reset and overwritten', () => {
    const w = new CopyWriter(4096);
    w.uuidField(ID);
    const first = w.copy();
    for (let i = 0; i < 3; i += 1) {
      w.reset();
      w.textField('x'.repeat(40 + i)); // overwrites where the uuid was written
      w.uuidField('00000000-0000-4000-8000-000000000000');
    }
    w.reset();
    w.uuidField(ID);
    expect([...w.copy()]).toEqual(BYTES);
    expect([...first]).toEqual(BYTES);
  });

  it('keeps earlier copies intact while later rows are written and copied', () => {
    const w = new CopyWriter(16);
    const copies = Array.from({ length: 2000 }, (_, i) => {
      w.reset();
      w.textField(`row ${i} ${'y'.repeat(i % 700)}`);
      return w.copy();
    });
    copies.forEach((c, i) => {
      expect(Buffer.from(c.subarray(4)).toString()).toBe(`row ${i} ${'y'.repeat(i % 700)}`);
    });
  });
});
