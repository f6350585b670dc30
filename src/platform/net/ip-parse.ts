// IP text ↔ numbers for the matcher and routing: dotted IPv4 to uint32, IPv6 text to four uint32
// words (most significant first), CIDR notation, and canonical text (RFC 5952 for IPv6).
// The parsers read character codes in place so the hot path allocates nothing.
import type { Result } from '../errors/app-error.ts';

/**
 * Dotted-quad IPv4 in text[start, end) to an unsigned 32-bit number, or -1 if it is not one.
 * Strict: four decimal parts 0–255, no leading zeros (01.2.3.4 is ambiguous: octal in some libcs).
 */
export function parseIPv4(text: string, start = 0, end = text.length): number {
  // Unrolled per part (one to three digits, then a dot): a handful of predictable branches per part
  // instead of a state machine per character, the cost of "from text" lookups.
  let value = 0;
  let i = start;
  for (let part = 0; part < 4; part += 1) {
    if (part > 0) {
      if (i >= end || text.charCodeAt(i) !== 46) {
        return -1;
      }
      i += 1;
    }
    if (i >= end) {
      return -1;
    }
    let n = text.charCodeAt(i) - 48;
    if (n < 0 || n > 9) {
      return -1;
    }
    i += 1;
    if (i < end) {
      const d2 = text.charCodeAt(i) - 48;
      if (d2 >= 0 && d2 <= 9) {
        if (n === 0) {
          return -1;
        }
        n = n * 10 + d2;
        i += 1;
        if (i < end) {
          const d3 = text.charCodeAt(i) - 48;
          if (d3 >= 0 && d3 <= 9) {
            n = n * 10 + d3;
            i += 1;
            if (n > 255) {
              return -1;
            }
          }
        }
      }
    }
    value = value * 256 + n;
  }
  return i === end ? value : -1;
}

/**
 * IPv6 text in text[start, end) into out[0..3] (big-endian 32-bit words); false if invalid.
 * Accepts "::" compression and a trailing dotted IPv4 (::ffff:192.0.2.1); rejects zone ids.
 */
export function parseIPv6(text: string, out: Uint32Array, start = 0, end = text.length): boolean {
  const groups = GROUPS;
  let count = 0;
  let gap = -1;
  let i = start;
  if (end - start < 2) {
    return false;
  }
  if (text.charCodeAt(i) === 58) {
    if (text.charCodeAt(i + 1) !== 58) {
      return false;
    }
    gap = 0;
    i += 2;
    if (i === end) {
      return finishIPv6(groups, 0, 0, out);
    }
  }
  while (i < end) {
    if (count === 8) {
      return false;
    }
    let value = 0;
    let digits = 0;
    const groupStart = i;
    while (i < end && digits <= 4) {
      const h = hexValue(text.charCodeAt(i));
      if (h < 0) {
        break;
      }
      value = value * 16 + h;
      digits += 1;
      i += 1;
    }
    if (i < end && text.charCodeAt(i) === 46) {
      // An embedded IPv4 takes the last two groups.
      const v4 = count <= 6 ? parseIPv4(text, groupStart, end) : -1;
      if (v4 < 0) {
        return false;
      }
      groups[count] = v4 >>> 16;
      groups[count + 1] = v4 & 0xffff;
      count += 2;
      break;
    }
    if (digits === 0 || digits > 4) {
      return false;
    }
    groups[count] = value;
    count += 1;
    if (i === end) {
      break;
    }
    if (text.charCodeAt(i) !== 58) {
      return false;
    }
    i += 1;
    if (i < end && text.charCodeAt(i) === 58) {
      if (gap >= 0) {
        return false;
      }
      gap = count;
      i += 1;
    } else if (i === end) {
      return false;
    }
  }
  return finishIPv6(groups, count, gap, out);
}

const GROUPS = new Uint16Array(8);

function finishIPv6(groups: Uint16Array, count: number, gap: number, out: Uint32Array): boolean {
  if (gap < 0 ? count !== 8 : count > 7) {
    return false;
  }
  const full = EXPANDED;
  full.fill(0);
  if (gap < 0) {
    full.set(groups.subarray(0, 8));
  } else {
    full.set(groups.subarray(0, gap), 0);
    full.set(groups.subarray(gap, count), 8 - (count - gap));
  }
  for (let w = 0; w < 4; w += 1) {
    out[w] = ((full[2 * w]! << 16) | full[2 * w + 1]!) >>> 0;
  }
  return true;
}

const EXPANDED = new Uint16Array(8);

function hexValue(c: number): number {
  if (c >= 48 && c <= 57) {
    return c - 48;
  }
  const lower = c | 0x20;
  return lower >= 97 && lower <= 102 ? lower - 87 : -1;
}

export type ParsedCidr =
  { family: 4; address: number; prefix: number } | { family: 6; words: Uint32Array; prefix: number };

/** An address or CIDR ("10.0.0.0/8", "2001:db8::/32", "192.0.2.1" = /32). Host bits are kept as given. */
export function parseCidr(text: string): Result<ParsedCidr, 'invalid-address' | 'invalid-prefix'> {
  const slash = text.indexOf('/');
  const end = slash < 0 ? text.length : slash;
  let prefix = -1;
  if (slash >= 0) {
    const digits = text.slice(slash + 1);
    prefix = /^(0|[1-9]\d{0,2})$/.test(digits) ? Number(digits) : 999;
  }
  const v4 = parseIPv4(text, 0, end);
  if (v4 >= 0) {
    if (prefix > 32) {
      return { ok: false, reason: 'invalid-prefix' };
    }
    return { ok: true, value: { family: 4, address: v4, prefix: prefix < 0 ? 32 : prefix } };
  }
  const words = new Uint32Array(4);
  if (!parseIPv6(text, words, 0, end)) {
    return { ok: false, reason: 'invalid-address' };
  }
  if (prefix > 128) {
    return { ok: false, reason: 'invalid-prefix' };
  }
  return { ok: true, value: { family: 6, words, prefix: prefix < 0 ? 128 : prefix } };
}

/** The network mask of an IPv4 prefix length, as uint32. */
export function ipv4Mask(prefix: number): number {
  return prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
}

/** Clears the host bits of a four-word IPv6 value in place. */
export function maskIPv6(words: Uint32Array, prefix: number): Uint32Array {
  for (let w = 0; w < 4; w += 1) {
    const bits = Math.min(32, Math.max(0, prefix - 32 * w));
    words[w] = words[w]! & ipv4Mask(bits);
  }
  return words;
}

export function formatIPv4(value: number): string {
  return `${value >>> 24}.${(value >>> 16) & 255}.${(value >>> 8) & 255}.${value & 255}`;
}

/** RFC 5952 text: lower case, longest run (≥ 2) of zero groups compressed, first run on ties. */
export function formatIPv6(words: ArrayLike<number>): string {
  const groups: number[] = [];
  for (let w = 0; w < 4; w += 1) {
    groups.push((words[w]! >>> 16) & 0xffff, words[w]! & 0xffff);
  }
  return compressIPv6Groups(groups);
}

/** Eight 16-bit groups as RFC 5952 text (sections 4.1–4.3), without its dotted IPv4 forms. */
export function compressIPv6Groups(groups: readonly number[]): string {
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < 8;) {
    if (groups[i] !== 0) {
      i += 1;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) {
      j += 1;
    }
    if (j - i > bestLength) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart < 0) {
    return hex.join(':');
  }
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLength).join(':')}`;
}
