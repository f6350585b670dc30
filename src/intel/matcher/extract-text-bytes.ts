// Plain text read from bytes, the hot path of `--format text`: scan-text.ts finds each line's
// candidate tokens and only they become strings, validated by extract-text.ts's own functions, so a
// line yields what extractFromText yields (kinds, values, columns, order, each value once). Lines with
// bytes ≥ 0x80 or defanged notation are decoded and take the string path.
import {
  addAddress,
  addEmailHits,
  addUrlHits,
  digestKind,
  extractFromText,
  IPV6_AT,
  isTextDomain,
  type AddHit,
} from './extract-text.ts';
import { parseIPv4 } from '../../platform/net/ip-parse.ts';
import { findEmails, findUrls, needsStringPath, scanTokens } from './scan-text.ts';
import type { Observable } from './extract-classify.ts';
import type { LineResult } from './extract-formats.ts';

// extractFromText's order: URLs, e-mail addresses, then these passes.
const IPV4 = 0;
const IPV6 = 1;
const DIGEST = 2;
const DOMAIN = 3;
const URL_MARK = Buffer.from('://');
const AT = 64;
/** Up to this many observables on a line, duplicates are found by a scan; beyond, by a Set. */
const LINEAR_DEDUP = 16;

export class TextLineScanner {
  #b: Buffer = Buffer.alloc(0);
  #from = 0;
  #to = 0;
  #line = 0;
  #offset = 0;
  #out: Observable[] = [];
  #lineStart = 0;
  #seen: Set<string> | undefined;
  readonly #passes: number[] = [];
  readonly #starts: number[] = [];
  readonly #ends: number[] = [];
  readonly #regions: number[] = [];
  #scratch = Buffer.allocUnsafe(1 << 16);
  // Next "@" and "://" at or after a line's start in the current chunk: one search per chunk, not per line.
  #marksOf: Buffer | undefined;
  #marksFrom = 0;
  #nextAt = 0;
  #nextUrl = 0;

  readonly #sink = {
    ipv4: (s: number, e: number) => this.#token(IPV4, s, e),
    ipv6: (s: number, e: number) => this.#token(IPV6, s, e),
    digest: (s: number, e: number) => this.#token(DIGEST, s, e),
    domain: (s: number, e: number) => this.#token(DOMAIN, s, e),
  };

  readonly #add: AddHit = (kind, value, column) => {
    const out = this.#out;
    if (this.#seen === undefined) {
      for (let k = this.#lineStart; k < out.length; k += 1) {
        if (out[k]!.kind === kind && out[k]!.value === value) {
          return;
        }
      }
      if (out.length - this.#lineStart >= LINEAR_DEDUP) {
        this.#seen = new Set(out.slice(this.#lineStart).map((o) => `${o.kind} ${o.value}`));
        this.#seen.add(`${kind} ${value}`);
      }
    } else {
      const key = `${kind} ${value}`;
      if (this.#seen.has(key)) {
        return;
      }
      this.#seen.add(key);
    }
    out.push({ kind, value, position: { line: this.#line, offset: this.#offset, field: undefined, column } });
  };

  /** Appends the observables of the line buf[start, end) (no line break) to out; meta if blank. */
  scan(buf: Buffer, start: number, end: number, line: number, offset: number, out: Observable[]): LineResult {
    const blank = isBlank(buf, start, end);
    if (blank !== false) {
      return blank ? 'meta' : this.#scanString(buf, start, end, line, offset, out);
    }
    this.#out = out;
    this.#lineStart = out.length;
    this.#seen = undefined;
    this.#line = line;
    this.#offset = offset;
    this.#passes.length = 0;
    this.#starts.length = 0;
    this.#ends.length = 0;
    const [hasAt, hasUrl] = this.#marks(buf, start, end);
    if (hasAt || hasUrl) {
      if (needsStringPath(buf, start, end)) {
        return this.#scanString(buf, start, end, line, offset, out);
      }
      this.#findUrlsAndEmails(buf, start, end, hasUrl);
    } else {
      [this.#b, this.#from, this.#to] = [buf, start, end];
    }
    if (!scanTokens(this.#b, this.#from, this.#to, this.#sink)) {
      out.length = this.#lineStart;
      return this.#scanString(buf, start, end, line, offset, out);
    }
    for (let pass = IPV4; pass <= DOMAIN; pass += 1) {
      for (let k = 0; k < this.#passes.length; k += 1) {
        if (this.#passes[k] === pass) {
          this.#emit(pass, this.#starts[k]!, this.#ends[k]!);
        }
      }
    }
    return 'data';
  }

  #token(pass: number, start: number, end: number): void {
    this.#passes.push(pass);
    this.#starts.push(start);
    this.#ends.push(end);
  }

  #emit(pass: number, start: number, end: number): void {
    const b = this.#b;
    const column = start - this.#from;
    if (pass === IPV6) {
      // The pattern's look-around reads one byte either side of the run.
      const from = Math.max(this.#from, start - 1);
      IPV6_AT.lastIndex = start - from;
      const m = IPV6_AT.exec(b.toString('latin1', from, Math.min(this.#to, end + 1)));
      if (m) {
        addAddress(m[0], column, this.#add);
      }
      return;
    }
    const value = b.toString('latin1', start, end);
    if (pass === IPV4) {
      if (parseIPv4(value) >= 0) {
        this.#add('ipv4', value, column);
      }
    } else if (pass === DIGEST) {
      this.#add(digestKind(end - start), value, column);
    } else if (isTextDomain(value)) {
      this.#add('domain', value, column);
    }
  }

  /** URLs then e-mail addresses, each blanked in a copy of the line once found, as extractFromText does. */
  #findUrlsAndEmails(buf: Buffer, start: number, end: number, hasUrl: boolean): void {
    const length = end - start;
    if (this.#scratch.length < length) {
      this.#scratch = Buffer.allocUnsafe(length * 2);
    }
    const b = this.#scratch;
    buf.copy(b, 0, start, end);
    [this.#b, this.#from, this.#to] = [b, 0, length];
    const regions = this.#regions;
    regions.length = 0;
    if (hasUrl) {
      findUrls(b, 0, length, (s, e) => {
        addUrlHits(b.toString('latin1', s, e), s, this.#add);
        regions.push(s, e);
      });
      blankRegions(b, regions);
    }
    const at = b.indexOf(AT);
    if (at >= 0 && at < length) {
      findEmails(b, 0, length, (s, e) => {
        if (addEmailHits(b.toString('latin1', s, e), s, this.#add)) {
          regions.push(s, e);
        }
      });
      blankRegions(b, regions);
    }
  }

  #marks(buf: Buffer, start: number, end: number): [boolean, boolean] {
    // Valid while lines come in order within one chunk; anything else searches again.
    const fresh = this.#marksOf === buf && start >= this.#marksFrom;
    if (!fresh || this.#nextAt < start) {
      this.#nextAt = nextOf(buf, AT, start);
    }
    if (!fresh || this.#nextUrl < start) {
      this.#nextUrl = nextOf(buf, URL_MARK, start);
    }
    this.#marksOf = buf;
    this.#marksFrom = start;
    return [this.#nextAt < end, this.#nextUrl < end];
  }

  #scanString(
    buf: Buffer,
    start: number,
    end: number,
    line: number,
    offset: number,
    out: Observable[],
  ): LineResult {
    const text = buf.toString('utf8', start, end);
    if (text.trim() === '') {
      return 'meta';
    }
    for (const hit of extractFromText(text)) {
      out.push({
        kind: hit.kind,
        value: hit.value,
        position: { line, offset, field: undefined, column: hit.column },
      });
    }
    return 'data';
  }
}

function nextOf(buf: Buffer, what: number | Buffer, start: number): number {
  const at = buf.indexOf(what, start);
  return at < 0 ? Infinity : at;
}

function blankRegions(b: Buffer, regions: number[]): void {
  for (let k = 0; k < regions.length; k += 2) {
    b.fill(32, regions[k], regions[k + 1]);
  }
  regions.length = 0;
}

/** true: only ASCII whitespace; false: some other ASCII byte; undefined: decide on the decoded text. */
function isBlank(buf: Buffer, start: number, end: number): boolean | undefined {
  for (let i = start; i < end; i += 1) {
    const c = buf[i]!;
    if (c >= 0x80) {
      return undefined;
    }
    if (c !== 32 && (c < 9 || c > 13)) {
      return false;
    }
  }
  return true;
}
