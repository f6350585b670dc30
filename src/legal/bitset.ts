// Fixed-size bitsets over numbered jurisdictions (Uint32Array words): the unit of the legal engine's
// set algebra, so a coverage matrix costs a few word operations per pair of states.

export type Bits = Uint32Array;

export const wordsFor = (n: number) => Math.ceil(n / 32);
export const emptyBits = (words: number): Bits => new Uint32Array(words);

export function fullBits(n: number): Bits {
  const bits = new Uint32Array(wordsFor(n)).fill(0xffffffff);
  const extra = bits.length * 32 - n;
  if (extra > 0) {
    bits[bits.length - 1] = 0xffffffff >>> extra;
  }
  return bits;
}

export const has = (bits: Bits, i: number) => (((bits[i >>> 5] as number) >>> (i & 31)) & 1) === 1;
export function set(bits: Bits, i: number): void {
  bits[i >>> 5] = (bits[i >>> 5] as number) | (1 << (i & 31));
}
export function clear(bits: Bits, i: number): void {
  bits[i >>> 5] = (bits[i >>> 5] as number) & ~(1 << (i & 31));
}

export function and(a: Bits, b: Bits): Bits {
  const out = new Uint32Array(a.length);
  for (let w = 0; w < a.length; w += 1) {
    out[w] = (a[w] as number) & (b[w] as number);
  }
  return out;
}
export function orInto(target: Bits, b: Bits): void {
  for (let w = 0; w < target.length; w += 1) {
    target[w] = (target[w] as number) | (b[w] as number);
  }
}
export function andNot(a: Bits, b: Bits): Bits {
  const out = new Uint32Array(a.length);
  for (let w = 0; w < a.length; w += 1) {
    out[w] = (a[w] as number) & ~(b[w] as number);
  }
  return out;
}

export function popcount(bits: Bits): number {
  let count = 0;
  for (const word of bits) {
    let v = word - ((word >>> 1) & 0x55555555);
    v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
    count += (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
  }
  return count;
}
