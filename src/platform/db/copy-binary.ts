// Bulk writes with COPY … FROM STDIN (FORMAT binary): PostgreSQL takes each field as it stores it
// instead of parsing text. For intel_objects (four timestamps, uuids, three arrays a row) the text
// parsing alone cost the server about 4.5 µs a row of 10 (bench: COPY of 100k rows into a table
// without indexes, text against binary). Format: PostgreSQL's documentation, "COPY", "Binary Format".
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { from as copyFrom } from 'pg-copy-streams';
import type { Tx } from './pool.ts';

const SIGNATURE = Buffer.from([0x50, 0x47, 0x43, 0x4f, 0x50, 0x59, 0x0a, 0xff, 0x0d, 0x0a, 0x00]);
/** Seconds from the Unix epoch to PostgreSQL's (2000-01-01T00:00:00Z). */
const PG_EPOCH_SECONDS = 946_684_800;
export const OID_TEXT = 25;
export const OID_UUID = 2950;

const HEX = new Int8Array(128).fill(-1);
for (let i = 0; i < 16; i += 1) {
  HEX['0123456789abcdef'.charCodeAt(i)] = i;
  HEX['0123456789ABCDEF'.charCodeAt(i)] = i;
}

/** The bytes of the last few uuids written (a small set: cleared when full). */
const uuidBytes = new Map<string, Uint8Array>();
const SLAB_BYTES = 1 << 20;
let slab = new Uint8Array(0);
let slabUsed = 0;

/** A growable buffer of binary COPY fields (each: int32 length, or -1 for NULL, then the bytes). */
export class CopyWriter {
  private buf: Buffer;
  at = 0;

  constructor(size = 64 * 1024) {
    this.buf = Buffer.allocUnsafeSlow(size);
  }

  private room(n: number): void {
    if (this.at + n > this.buf.length) {
      const next = Buffer.allocUnsafeSlow(Math.max(this.buf.length * 2, this.at + n));
      this.buf.copy(next, 0, 0, this.at);
      this.buf = next;
    }
  }

  /**
   * Stores a 32-bit integer, big-endian, at `at` (room already made). Byte stores: Buffer's
   * writeInt32BE checks its range and offset on every call, about a microsecond an object row in an
   * import's worker (profiled), for some twenty fields a row.
   */
  private put32(at: number, v: number): void {
    const b = this.buf;
    b[at] = v >>> 24;
    b[at + 1] = v >>> 16;
    b[at + 2] = v >>> 8;
    b[at + 3] = v;
  }

  int16(v: number): void {
    this.room(2);
    this.buf[this.at] = v >>> 8;
    this.buf[this.at + 1] = v;
    this.at += 2;
  }

  int32(v: number): void {
    this.room(4);
    this.put32(this.at, v);
    this.at += 4;
  }

  /** A signed 64-bit integer given as a safe JavaScript integer. */
  int64(v: number): void {
    this.room(8);
    const high = Math.floor(v / 2 ** 32);
    this.put32(this.at, high);
    this.put32(this.at + 4, v - high * 2 ** 32);
    this.at += 8;
  }

  bytes(b: Uint8Array): void {
    this.room(b.length);
    this.buf.set(b, this.at);
    this.at += b.length;
  }

  null(): void {
    this.int32(-1);
  }

  /** A field of an integer (int4) column. */
  int4Field(v: number): void {
    this.room(8);
    this.put32(this.at, 4);
    this.put32(this.at + 4, v);
    this.at += 8;
  }

  /** A field of a bigint column. */
  int8Field(v: number): void {
    this.int32(8);
    this.int64(v);
  }

  boolField(v: boolean): void {
    this.room(5);
    this.put32(this.at, 1);
    this.buf[this.at + 4] = v ? 1 : 0;
    this.at += 5;
  }

  /** A field of a text column, UTF-8; null is NULL. */
  textField(s: string | null): void {
    if (s === null) {
      this.null();
      return;
    }
    this.room(4 + 3 * s.length);
    const n = this.buf.write(s, this.at + 4, 'utf8');
    this.put32(this.at, n);
    this.at += 4 + n;
  }

  /** A field of a uuid column from its 36-character form. */
  uuidField(s: string | null): void {
    if (s === null) {
      this.null();
      return;
    }
    this.int32(16);
    this.uuid(s);
  }

  private uuid(s: string): void {
    this.room(16);
    // Rows of a batch carry the same few organisation and user ids.
    const seen = uuidBytes.get(s);
    if (seen !== undefined) {
      this.buf.set(seen, this.at);
      this.at += 16;
      return;
    }
    let k = 0;
    let high = 0;
    for (let i = 0; i < s.length && k < 32; i += 1) {
      const c = s.charCodeAt(i);
      if (c === 45) {
        continue;
      }
      const v = c < 128 ? (HEX[c] as number) : -1;
      if (v < 0) {
        throw new Error(`not a uuid: ${s}`);
      }
      if (k % 2 === 0) {
        high = v << 4;
      } else {
        this.buf[this.at + (k >> 1)] = high | v;
      }
      k += 1;
    }
    if (k !== 32 || s.length !== 36) {
      throw new Error(`not a uuid: ${s}`);
    }
    if (uuidBytes.size >= 64) {
      uuidBytes.clear();
    }
    // A copy: Buffer#slice would be a view of bytes the writer overwrites.
    uuidBytes.set(s, Uint8Array.prototype.slice.call(this.buf, this.at, this.at + 16));
    this.at += 16;
  }

  /**
   * A field of a timestamptz column: `seconds` since the Unix epoch plus `micros` (0 ≤ micros < 10^6).
   * Exact at any date (a double holds whole microseconds only within about 285 years of 2000).
   */
  timestampField(seconds: number, micros: number): void {
    this.int32(8);
    const fromPgEpoch = seconds - PG_EPOCH_SECONDS;
    if (Math.abs(fromPgEpoch) < 9e9) {
      // Below 2^53 microseconds (years 1715 to 2285): exact in a double.
      this.int64(fromPgEpoch * 1e6 + micros);
    } else {
      this.room(8);
      this.buf.writeBigInt64BE(BigInt(fromPgEpoch) * 1_000_000n + BigInt(micros), this.at);
      this.at += 8;
    }
  }

  /** A field of a one-dimensional array column of uuid or text (no NULL elements). */
  arrayField(items: readonly string[], oid: typeof OID_TEXT | typeof OID_UUID): void {
    const lengthAt = this.at;
    this.int32(0);
    const start = this.at;
    if (items.length === 0) {
      this.int32(0);
      this.int32(0);
      this.int32(oid);
    } else {
      this.int32(1);
      this.int32(0);
      this.int32(oid);
      this.int32(items.length);
      this.int32(1);
      for (const item of items) {
        if (oid === OID_UUID) {
          this.uuidField(item);
        } else {
          this.textField(item);
        }
      }
    }
    this.put32(lengthAt, this.at - start);
  }

  /**
   * A copy of what was written since the last reset. Copies share 1 MiB slabs: an ArrayBuffer per
   * copy (one per object prepared for an import) cost more in allocation and collection than the
   * copying.
   */
  copy(): Uint8Array {
    if (slabUsed + this.at > slab.length) {
      slab = new Uint8Array(Math.max(SLAB_BYTES, this.at));
      slabUsed = 0;
    }
    const out = slab.subarray(slabUsed, slabUsed + this.at);
    out.set(this.buf.subarray(0, this.at));
    slabUsed += this.at;
    return out;
  }

  /** What was written, as a view valid until the next write. */
  view(): Buffer {
    return this.buf.subarray(0, this.at);
  }

  reset(): void {
    this.at = 0;
  }
}

/** Rows per COPY chunk written to the socket: bounds the buffer held at once. */
const CHUNK_ROWS = 1000;
/** A chunk's buffer (grown if needed): 1,000 object rows of indicators take about 600 KB. */
const CHUNK_BYTES = 1024 * 1024;

/**
 * Streams rows into `table (columns)` with a binary COPY; `writeRow(i, w)` writes row i's fields in
 * column order (the field count is written before it). Runs in the caller's transaction.
 */
export async function copyBinaryRows(
  tx: Tx,
  table: string,
  columns: readonly string[],
  count: number,
  writeRow: (i: number, w: CopyWriter) => void,
): Promise<void> {
  if (count === 0) {
    return;
  }
  const sink = tx.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN (FORMAT binary)`));
  await pipeline(
    Readable.from(
      (function* chunks() {
        for (let start = 0; start < count; start += CHUNK_ROWS) {
          // A writer per chunk, handed to the socket as it is (never reused, so never copied).
          const w = new CopyWriter(CHUNK_BYTES);
          if (start === 0) {
            w.bytes(SIGNATURE);
            w.int32(0); // flags: no OIDs
            w.int32(0); // header extension length
          }
          for (let i = start; i < Math.min(count, start + CHUNK_ROWS); i += 1) {
            w.int16(columns.length);
            writeRow(i, w);
          }
          if (start + CHUNK_ROWS >= count) {
            w.int16(-1); // trailer
          }
          yield w.view();
        }
      })(),
    ),
    sink,
  );
}
