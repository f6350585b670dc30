// Growable columnar buffers that feed the table builders: parsed values are appended without creating
// an object per entry, which keeps a 10M-entry bulk load to a few hundred MB of typed arrays.

function grown<T extends Uint8Array | Uint16Array | Uint32Array | Int32Array>(array: T, need: number): T {
  if (need <= array.length) {
    return array;
  }
  const next = new (array.constructor as new (n: number) => T)(Math.max(need, array.length * 2));
  next.set(array);
  return next;
}

/** IP blocks: `words` uint32 words per key (1 for IPv4, 4 for IPv6), host bits cleared. */
export class PrefixColumnsBuilder {
  readonly words: number;
  count = 0;
  net: Uint32Array;
  len: Uint8Array;
  ids: Int32Array;
  vis: Uint16Array;

  constructor(words: number, capacity = 1024) {
    this.words = words;
    this.net = new Uint32Array(capacity * words);
    this.len = new Uint8Array(capacity);
    this.ids = new Int32Array(capacity);
    this.vis = new Uint16Array(capacity);
  }

  push(net: ArrayLike<number>, len: number, id: number, vis: number): void {
    const i = this.count;
    this.net = grown(this.net, (i + 1) * this.words);
    this.len = grown(this.len, i + 1);
    this.ids = grown(this.ids, i + 1);
    this.vis = grown(this.vis, i + 1);
    for (let w = 0; w < this.words; w += 1) {
      this.net[i * this.words + w] = net[w]!;
    }
    this.len[i] = len;
    this.ids[i] = id;
    this.vis[i] = vis;
    this.count = i + 1;
  }
}

/** Byte-string keys in one pool; key i is pool[offsets[i], offsets[i + 1]). */
export class ByteColumnsBuilder {
  count = 0;
  pool: Uint8Array;
  offsets: Uint32Array;
  ids: Int32Array;
  vis: Uint16Array;

  constructor(capacity = 1024) {
    this.pool = new Uint8Array(capacity * 16);
    this.offsets = new Uint32Array(capacity + 1);
    this.ids = new Int32Array(capacity);
    this.vis = new Uint16Array(capacity);
  }

  push(key: Uint8Array, length: number, id: number, vis: number): void {
    const i = this.count;
    const at = this.offsets[i]!;
    this.pool = grown(this.pool, at + length);
    this.offsets = grown(this.offsets, i + 2);
    this.ids = grown(this.ids, i + 1);
    this.vis = grown(this.vis, i + 1);
    const pool = this.pool;
    for (let k = 0; k < length; k += 1) {
      pool[at + k] = key[k]!;
    }
    this.offsets[i + 1] = at + length;
    this.ids[i] = id;
    this.vis[i] = vis;
    this.count = i + 1;
  }
}
