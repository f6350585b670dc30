// Splits a STIX bundle arriving as bytes into the objects of its top-level "objects" array, one at a
// time, without holding the bundle in memory: a 1 GB bundle costs the size of its largest object.
// Each object comes with the byte offset just after it, so an import can checkpoint and resume there.

export type BundleItem =
  | { kind: 'object'; text: string; start: number; end: number }
  | { kind: 'error'; message: string; offset: number; end?: number; tooLarge?: boolean };

/** Default limit of one object's size: a bigger object is reported, not held in memory. */
export const MAX_OBJECT_BYTES = 16 * 1024 * 1024;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;

/** The bytes that change the splitter's state outside strings; everything else is skipped. */
const STRUCTURAL = new Uint8Array(256);
for (const b of [QUOTE, OPEN_BRACE, CLOSE_BRACE, OPEN_BRACKET, CLOSE_BRACKET]) {
  STRUCTURAL[b] = 1;
}

/**
 * A push parser. Feed chunks; it returns the complete objects found so far. `resumeAt` starts
 * directly inside the objects array at a checkpoint offset (the bytes before it are skipped by the caller).
 */
export class BundleSplitter {
  private depth = 0;
  private inString = false;
  private escaped = false;
  private keyStart = -1;
  private lastKey = '';
  private inObjectsArray = false;
  private objectsSeen = false;
  private itemDepth = 0;
  private pending: Buffer[] = [];
  private itemStart = -1;
  private offset: number;
  private stringBytes: number[] = [];
  private pendingBytes = 0;
  private oversized = false;
  private readonly maxObjectBytes: number;

  constructor(resumeAt?: number, maxObjectBytes = MAX_OBJECT_BYTES) {
    this.maxObjectBytes = maxObjectBytes;
    this.offset = resumeAt ?? 0;
    if (resumeAt !== undefined) {
      this.depth = 2;
      this.inObjectsArray = true;
      this.objectsSeen = true;
    }
  }

  /** Whether the bundle had an "objects" array at all (checked at the end). */
  get sawObjects(): boolean {
    return this.objectsSeen;
  }

  push(chunk: Buffer): BundleItem[] {
    const out: BundleItem[] = [];
    const base = this.offset;
    let copyFrom = this.itemStart >= 0 ? 0 : -1;
    for (let i = 0; i < chunk.length; i += 1) {
      if (this.inString && this.depth >= 2) {
        // Inside an object nothing in a string matters but where it ends: jump from quote to quote.
        i = this.skipString(chunk, i);
        continue;
      }
      const byte = chunk[i] as number;
      if (!this.inString && STRUCTURAL[byte] === 0) {
        continue;
      }
      if (this.inString) {
        if (this.escaped) {
          this.escaped = false;
        } else if (byte === BACKSLASH) {
          this.escaped = true;
        } else if (byte === QUOTE) {
          this.inString = false;
          if (this.depth === 1 && this.itemStart < 0 && this.keyStart >= 0) {
            this.lastKey = Buffer.from(this.stringBytes).toString('utf8');
            this.keyStart = -1;
          }
        } else if (this.depth === 1 && this.keyStart >= 0 && this.stringBytes.length < 64) {
          this.stringBytes.push(byte);
        }
        continue;
      }
      if (byte === QUOTE) {
        this.inString = true;
        if (this.depth === 1 && this.itemStart < 0) {
          this.keyStart = base + i;
          this.stringBytes = [];
        }
        continue;
      }
      if (byte === OPEN_BRACE || byte === OPEN_BRACKET) {
        if (this.inObjectsArray && this.depth === 2) {
          if (byte !== OPEN_BRACE) {
            out.push({
              kind: 'error',
              message: 'an element of "objects" is not a JSON object',
              offset: base + i,
            });
          }
          this.itemStart = base + i;
          this.itemDepth = this.depth;
          copyFrom = i;
        }
        this.depth += 1;
        if (this.depth === 2 && byte === OPEN_BRACKET && this.lastKey === 'objects') {
          this.inObjectsArray = true;
          this.objectsSeen = true;
        }
        continue;
      }
      if (byte === CLOSE_BRACE || byte === CLOSE_BRACKET) {
        this.depth -= 1;
        if (this.itemStart >= 0 && this.depth === this.itemDepth) {
          const end = base + i + 1;
          if (this.oversized || end - this.itemStart > this.maxObjectBytes) {
            out.push({
              kind: 'error',
              message: `an object of ${end - this.itemStart} bytes is larger than the limit of ${this.maxObjectBytes}`,
              offset: this.itemStart,
              end,
              tooLarge: true,
            });
          } else {
            const from = Math.max(copyFrom, 0);
            // Most objects lie within one chunk: decoded from it directly, without a copy first.
            let text: string;
            if (this.pending.length === 0) {
              text = chunk.toString('utf8', from, i + 1);
            } else {
              this.pending.push(chunk.subarray(from, i + 1));
              text = Buffer.concat(this.pending).toString('utf8');
            }
            out.push({ kind: 'object', text, start: this.itemStart, end });
          }
          this.pending = [];
          this.pendingBytes = 0;
          this.oversized = false;
          this.itemStart = -1;
          copyFrom = -1;
        } else if (this.inObjectsArray && this.depth === 1) {
          this.inObjectsArray = false;
        }
        if (this.depth < 0) {
          out.push({ kind: 'error', message: 'unbalanced closing bracket', offset: base + i });
          this.depth = 0;
        }
        continue;
      }
    }
    if (this.itemStart >= 0 && !this.oversized) {
      const rest = chunk.subarray(Math.max(copyFrom, 0));
      this.pendingBytes += rest.length;
      // Past the limit the object is only scanned for its end, never kept.
      if (this.pendingBytes > this.maxObjectBytes) {
        this.oversized = true;
        this.pending = [];
      } else {
        this.pending.push(rest);
      }
    }
    this.offset += chunk.length;
    return out;
  }

  /**
   * Scans a string from i (inside it, the escape state known) to its closing quote: returns the
   * quote's index with the string closed, or the last index with the string still open. A quote is
   * escaped when an odd run of backslashes precedes it (counted from i, where the state is known).
   */
  private skipString(chunk: Buffer, from: number): number {
    let i = from;
    if (this.escaped) {
      this.escaped = false;
      i += 1;
    }
    for (;;) {
      const quote = chunk.indexOf(QUOTE, i);
      const end = quote < 0 ? chunk.length : quote;
      let run = 0;
      while (end - run - 1 >= i && chunk[end - run - 1] === BACKSLASH) {
        run += 1;
      }
      if (quote < 0) {
        this.escaped = run % 2 === 1;
        return chunk.length - 1;
      }
      if (run % 2 === 0) {
        this.inString = false;
        return quote;
      }
      i = quote + 1;
      if (i >= chunk.length) {
        // The escaped quote was the chunk's last byte: the string goes on in the next chunk.
        return chunk.length - 1;
      }
    }
  }

  /** Problems left at the end of input: a truncated object or no objects array. */
  finish(): BundleItem[] {
    if (this.itemStart >= 0) {
      return [
        {
          kind: 'error',
          message: 'the input ends inside an object (truncated file?)',
          offset: this.itemStart,
        },
      ];
    }
    if (this.inString || this.depth !== 0) {
      return [
        {
          kind: 'error',
          message: 'the input ends before the bundle is closed (truncated file?)',
          offset: this.offset,
        },
      ];
    }
    return [];
  }
}

/** Streams the objects of a bundle from any async source of bytes. */
export async function* splitBundle(
  source: AsyncIterable<Buffer | string>,
  resumeAt?: number,
): AsyncGenerator<BundleItem> {
  const splitter = new BundleSplitter(resumeAt);
  for await (const chunk of source) {
    yield* splitter.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  }
  yield* splitter.finish();
  if (!splitter.sawObjects) {
    yield { kind: 'error', message: 'no top-level "objects" array: is this a STIX 2.1 bundle?', offset: 0 };
  }
}
