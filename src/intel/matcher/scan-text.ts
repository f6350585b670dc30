// Candidate tokens of plain text read from a line's bytes with a class table, no regular expression
// and no string: dotted quads, hex runs of 32/40/64, names with a letter TLD, runs that start like an
// IPv6 address and, for lines that have them, URLs and e-mail addresses. Each finder reproduces the
// pattern of extract-text.ts it replaces (scan-text.test.ts holds them to it); the caller validates
// the candidates with the string path's own functions.

const DIGIT = 1;
const HEX = 2;
const LETTER = 4;
/** [A-Za-z0-9_.-]: a run of these holds every dotted quad, digest and domain of the line. */
const HOST = 8;
/** [0-9A-Za-z:.]: what an IPv6 match and its look-around are made of. */
const V6 = 16;
/** Bytes ≥ 0x80 and the openers of defanged notation: the line may need the string path. */
const SPECIAL = 32;
const WORD = 64;
/** The local part of an e-mail address: [A-Za-z0-9._%+-]. */
const LOCAL = 128;

const DOT = 46;
const COLON = 58;
const SLASH = 47;
const AT = 64;
const HYPHEN = 45;
const UNDERSCORE = 95;

// Bits for the main loop: a run's dots are counted and its bytes OR-ed together, without branches.
const DOT_BIT = 256;
const X_BIT = 512;
const COLON_BIT = 1024;

const CLASS = new Uint16Array(256);
// Where a URL body stops: \s, quotes, <>, `, \, {}, | and ^ (URL_PATTERN's excluded set).
const URL_STOP = new Uint8Array(256);
for (let c = 0; c < 256; c += 1) {
  const digit = c >= 48 && c <= 57;
  const letter = (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  const hex = digit || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
  const word = digit || letter || c === UNDERSCORE;
  CLASS[c] =
    (digit ? DIGIT : 0) |
    (hex ? HEX : 0) |
    (letter ? LETTER : 0) |
    (word || c === DOT || c === HYPHEN ? HOST : 0) |
    (digit || letter || c === COLON || c === DOT ? V6 : 0) |
    (c >= 0x80 || c === 91 || c === 40 ? SPECIAL : 0) |
    (word ? WORD : 0) |
    (word || c === DOT || c === HYPHEN || c === 37 || c === 43 ? LOCAL : 0) |
    (c === DOT ? DOT_BIT : 0) |
    ((c | 32) === 120 ? X_BIT : 0) |
    (c === COLON ? COLON_BIT : 0);
  URL_STOP[c] = ' \t\n\v\f\r"\'<>`\\{}|^'.includes(String.fromCharCode(c)) ? 1 : 0;
}

const is = (c: number | undefined, k: number) => c !== undefined && (CLASS[c]! & k) !== 0;

export type TokenSink = {
  ipv4(start: number, end: number): void;
  /** A run of [0-9A-Za-z:.] that starts with two "hex{0,4}:" groups: IPV6_AT decides. */
  ipv6(start: number, end: number): void;
  digest(start: number, end: number): void;
  domain(start: number, end: number): void;
};

/**
 * Reports the candidate addresses, digests and domains of b[from, to) (URLs and e-mail addresses
 * already blanked), each kind in order of position. False, without a guarantee of what was reported,
 * if the line needs the string path: a byte ≥ 0x80 (columns count UTF-16 units there) or defanged
 * notation.
 */
export function scanTokens(b: Uint8Array, from: number, to: number, sink: TokenSink): boolean {
  let v6End = from;
  let i = from;
  while (i < to) {
    const k = CLASS[b[i]!]!;
    if ((k & HOST) === 0) {
      if ((k & (SPECIAL | COLON_BIT)) !== 0) {
        const c = b[i]!;
        if (c === COLON) {
          if (i >= v6End) {
            v6End = scanV6Run(b, from, to, i, sink);
          }
        } else if (c >= 0x80 || isDefangedAt(b, i, to)) {
          return false;
        }
      }
      i += 1;
      continue;
    }
    let j = i + 1;
    let seen = k;
    let dots = (k & DOT_BIT) >>> 8;
    for (; j < to; j += 1) {
      const kd = CLASS[b[j]!]!;
      if ((kd & HOST) === 0) {
        break;
      }
      seen |= kd;
      dots += (kd & DOT_BIT) >>> 8;
    }
    if ((seen & X_BIT) !== 0 && j - i >= 4 && hasHxxp(b, i, j)) {
      return false;
    }
    if (dots >= 3 && j - i >= 7) {
      scanDottedQuads(b, from, i, j, sink);
    }
    if (j - i >= 32) {
      scanDigests(b, i, j, sink);
    }
    if (dots > 0 && (seen & LETTER) !== 0) {
      scanDomain(b, from, i, j, sink);
    }
    i = j;
  }
  return true;
}

/** Whether b[from, to) has a byte ≥ 0x80 or defanged notation (checked before URLs are blanked). */
export function needsStringPath(b: Uint8Array, from: number, to: number): boolean {
  for (let i = from; i < to; i += 1) {
    const c = b[i]!;
    if ((CLASS[c]! & SPECIAL) !== 0 && (c >= 0x80 || isDefangedAt(b, i, to))) {
      return true;
    }
    if ((c | 32) === 120 && (b[i + 1]! | 32) === 120 && i > from && hasHxxp(b, i - 1, Math.min(to, i + 3))) {
      return true;
    }
  }
  return false;
}

// DEFANGED of extract-text.ts: [.] (.) [dot] (dot) [:] [@] hxxp, case-insensitive.
function isDefangedAt(b: Uint8Array, i: number, to: number): boolean {
  const close = b[i] === 91 ? 93 : 41;
  const next = b[i + 1];
  if (i + 2 < to && b[i + 2] === close) {
    return next === DOT || (close === 93 && (next === COLON || next === AT));
  }
  return (
    i + 4 < to &&
    (next! | 32) === 100 &&
    (b[i + 2]! | 32) === 111 &&
    (b[i + 3]! | 32) === 116 &&
    b[i + 4] === close
  );
}

function hasHxxp(b: Uint8Array, from: number, to: number): boolean {
  for (let i = from; i + 3 < to; i += 1) {
    if (
      (b[i]! | 32) === 104 &&
      (b[i + 1]! | 32) === 120 &&
      (b[i + 2]! | 32) === 120 &&
      (b[i + 3]! | 32) === 112
    ) {
      return true;
    }
  }
  return false;
}

/** The maximal [0-9A-Za-z:.] run around the colon at i; reports it if it starts like IPv6. Its end. */
function scanV6Run(b: Uint8Array, from: number, to: number, colon: number, sink: TokenSink): number {
  let s = colon;
  while (s > from && is(b[s - 1], V6)) {
    s -= 1;
  }
  let e = colon + 1;
  while (e < to && is(b[e], V6)) {
    e += 1;
  }
  // Only the run's start can begin a match (every later byte follows a byte of the run).
  let p = s;
  for (let group = 0; group < 2; group += 1) {
    const g = p;
    while (p < e && p - g < 5 && is(b[p], HEX)) {
      p += 1;
    }
    if (p - g > 4 || p >= e || b[p] !== COLON) {
      return e;
    }
    p += 1;
  }
  sink.ipv6(s, e);
  return e;
}

/** IPV4_PATTERN: four groups of 1–3 digits, not after a digit or a dot, not before a digit or ".digit". */
function scanDottedQuads(b: Uint8Array, from: number, i: number, j: number, sink: TokenSink): void {
  for (let p = i; p < j; p += 1) {
    if (!is(b[p], DIGIT) || (p > from && (is(b[p - 1], DIGIT) || b[p - 1] === DOT))) {
      continue;
    }
    let q = p;
    let ok = true;
    for (let group = 0; group < 4 && ok; group += 1) {
      const g = q;
      while (q < j && is(b[q], DIGIT)) {
        q += 1;
      }
      ok = q - g >= 1 && q - g <= 3;
      if (ok && group < 3) {
        ok = q < j && b[q] === DOT;
        q += 1;
      }
    }
    if (ok && !(q + 1 < j && b[q] === DOT && is(b[q + 1], DIGIT))) {
      sink.ipv4(p, q);
      p = q;
    }
  }
}

/** DIGEST_PATTERN: a whole run of [0-9A-Za-z] that is 32, 40 or 64 hex digits. */
function scanDigests(b: Uint8Array, i: number, j: number, sink: TokenSink): void {
  for (let p = i; p < j;) {
    if (!is(b[p], DIGIT | LETTER)) {
      p += 1;
      continue;
    }
    let q = p;
    let hex = true;
    for (; q < j && is(b[q], DIGIT | LETTER); q += 1) {
      hex &&= is(b[q], HEX);
    }
    const n = q - p;
    if (hex && (n === 32 || n === 40 || n === 64)) {
      sink.digest(p, q);
    }
    p = q;
  }
}

/**
 * DOMAIN_PATTERN on the host run b[i, j): only the run's start can begin a match (not after "@");
 * the match is the longest prefix of whole labels (1–63 of [A-Za-z0-9_-], no hyphen at either end)
 * followed by a TLD segment (2–63 letters, or "xn--" and 1–59 of [A-Za-z0-9-]).
 */
function scanDomain(b: Uint8Array, from: number, i: number, j: number, sink: TokenSink): void {
  if ((i > from && b[i - 1] === AT) || !is(b[i], WORD)) {
    return;
  }
  let best = -1;
  // Every segment before the current one is a whole label followed by a dot.
  for (let s = i, p = i, index = 0; p <= j; p += 1) {
    if (p < j && b[p] !== DOT) {
      continue;
    }
    if (index > 0 && isTld(b, s, p)) {
      best = p;
    }
    if (!(p < j && p - s >= 1 && p - s <= 63 && b[s] !== HYPHEN && b[p - 1] !== HYPHEN)) {
      break;
    }
    index += 1;
    s = p + 1;
  }
  if (best > 0) {
    sink.domain(i, best);
  }
}

function isTld(b: Uint8Array, s: number, e: number): boolean {
  const n = e - s;
  if (n < 2 || n > 63) {
    return false;
  }
  let letters = true;
  let underscore = false;
  for (let p = s; p < e; p += 1) {
    letters &&= is(b[p], LETTER);
    underscore ||= b[p] === UNDERSCORE;
  }
  return (
    letters ||
    (n >= 5 && b[s] === 120 && b[s + 1] === 110 && b[s + 2] === HYPHEN && b[s + 3] === HYPHEN && !underscore)
  );
}

/**
 * URL_PATTERN in b[from, to): a scheme (http, https, ftp, ws, wss, any case) that is a whole word,
 * "://", and at least one byte up to whitespace, a quote, <>, `, \, {}, | or ^. Reports [start, end).
 */
export function findUrls(
  b: Uint8Array,
  from: number,
  to: number,
  found: (start: number, end: number) => void,
): void {
  for (let c = from; c + 3 < to; c += 1) {
    if (b[c] !== COLON || b[c + 1] !== SLASH || b[c + 2] !== SLASH) {
      continue;
    }
    let s = c;
    while (s > from && is(b[s - 1], WORD)) {
      s -= 1;
    }
    // The scheme first: scanning the body of every "://" would be quadratic on "a://a://…".
    if (!isScheme(b, s, c)) {
      continue;
    }
    let e = c + 3;
    while (e < to && URL_STOP[b[e]!] === 0) {
      e += 1;
    }
    if (e > c + 3) {
      found(s, e);
      c = e - 1;
    }
  }
}

function isScheme(b: Uint8Array, s: number, e: number): boolean {
  const n = e - s;
  const lower = (k: number) => b[s + k]! | 32;
  if (n === 2 || n === 3) {
    return (
      (lower(0) === 119 && lower(1) === 115 && (n === 2 || lower(2) === 115)) ||
      (n === 3 && lower(0) === 102 && lower(1) === 116 && lower(2) === 112)
    );
  }
  return (
    (n === 4 || n === 5) &&
    lower(0) === 104 &&
    lower(1) === 116 &&
    lower(2) === 116 &&
    lower(3) === 112 &&
    (n === 4 || lower(4) === 115)
  );
}

/**
 * EMAIL_PATTERN in b[from, to): a whole run of 1–64 local-part bytes, "@", the longest run of
 * labels ([A-Za-z0-9_-]{1,63}, each followed by a dot) then 2–63 letters ending a word. Reports
 * [start, end) of every match, valid or not (the caller validates and blanks the valid ones after).
 */
export function findEmails(
  b: Uint8Array,
  from: number,
  to: number,
  found: (start: number, end: number) => void,
): void {
  let lastEnd = from;
  for (let a = from; a < to; a += 1) {
    if (b[a] !== AT) {
      continue;
    }
    let s = a;
    while (s > from && is(b[s - 1], LOCAL)) {
      s -= 1;
    }
    // A start inside the previous match is never tried (the search resumes at its end).
    if (s === a || a - s > 64 || s < lastEnd) {
      continue;
    }
    const end = emailDomainEnd(b, a + 1, to);
    if (end > 0) {
      found(s, end);
      lastEnd = end;
      a = end - 1;
    }
  }
}

function emailDomainEnd(b: Uint8Array, p: number, to: number): number {
  let best = -1;
  for (let s = p; ;) {
    if (s > p) {
      let t = s;
      while (t < to && is(b[t], LETTER)) {
        t += 1;
      }
      if (t - s >= 2 && t - s <= 63 && (t === to || !is(b[t], WORD))) {
        best = t;
      }
    }
    let e = s;
    while (e < to && (is(b[e], WORD) || b[e] === HYPHEN)) {
      e += 1;
    }
    if (e === s || e - s > 63 || e >= to || b[e] !== DOT) {
      return best;
    }
    s = e + 1;
  }
}
