// IP addresses and CIDR blocks in canonical text: dotted-quad IPv4 without leading zeros, IPv6 as
// RFC 5952 writes it, and blocks as their network address with the prefix length.
// @see RFC 5952 (IPv6 text), RFC 4632 section 3.1 (CIDR prefix notation)

import { compressIPv6Groups, parseIPv4 as parseIPv4Number } from '../../platform/net/ip-parse.ts';

const GROUP = /^[0-9A-Fa-f]{1,4}$/;

/** Dotted-quad text to its four bytes; leading zeros are refused (some libraries read them as octal). */
export function parseIPv4(text: string): number[] | undefined {
  // The matcher's dotted-quad reader (a character loop, same grammar): ingest reads one per indicator.
  const v = parseIPv4Number(text);
  return v < 0 ? undefined : [v >>> 24, (v >>> 16) & 255, (v >>> 8) & 255, v & 255];
}

function groupsOf(part: string, allowIPv4Tail: boolean): number[] | undefined {
  if (part === '') {
    return [];
  }
  const pieces = part.split(':');
  const groups: number[] = [];
  for (const [i, piece] of pieces.entries()) {
    if (allowIPv4Tail && i === pieces.length - 1 && piece.includes('.')) {
      const bytes = parseIPv4(piece);
      if (bytes === undefined) {
        return undefined;
      }
      groups.push(bytes[0]! * 256 + bytes[1]!, bytes[2]! * 256 + bytes[3]!);
    } else if (GROUP.test(piece)) {
      groups.push(parseInt(piece, 16));
    } else {
      return undefined;
    }
  }
  return groups;
}

/** IPv6 text (with at most one "::" and an optional IPv4 tail) to eight 16-bit groups. */
export function parseIPv6(text: string): number[] | undefined {
  const halves = text.split('::');
  if (halves.length > 2) {
    return undefined;
  }
  const head = groupsOf(halves[0]!, halves.length === 1);
  const tail = halves.length === 2 ? groupsOf(halves[1]!, true) : [];
  if (head === undefined || tail === undefined) {
    return undefined;
  }
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) {
    return undefined;
  }
  return [...head, ...new Array<number>(halves.length === 2 ? missing : 0).fill(0), ...tail];
}

/** @see RFC 5952 sections 4.1–4.3 and 5 (::ffff:0:0/96 keeps its dotted IPv4 tail) */
export function formatIPv6(groups: readonly number[]): string {
  if (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff) {
    const [hi = 0, lo = 0] = groups.slice(6);
    return `::ffff:${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
  }
  return compressIPv6Groups(groups);
}

export type Cidr = { family: 4 | 6; network: string; prefix: number };

/** Clears the bits past `prefix` in big-endian units of `bits` bits each. */
function mask(units: number[], bits: number, prefix: number): number[] {
  return units.map((unit, i) => {
    const keep = Math.min(bits, Math.max(0, prefix - i * bits));
    return keep === 0 ? 0 : unit & ~((1 << (bits - keep)) - 1) & ((1 << bits) - 1);
  });
}

/**
 * A CIDR block (or a bare address, taken as a full-length block) with host bits cleared: the
 * canonical network address and prefix length, or undefined if the text is not one.
 */
export function parseCidr(text: string): Cidr | undefined {
  const slash = text.indexOf('/');
  const address = slash < 0 ? text : text.slice(0, slash);
  const digits = slash < 0 ? undefined : text.slice(slash + 1);
  if (digits !== undefined && !/^(0|[1-9][0-9]{0,2})$/.test(digits)) {
    return undefined;
  }
  const v4 = parseIPv4(address);
  if (v4 !== undefined && digits === undefined) {
    // A bare address (most indicators): it is its own network, already canonical once parsed.
    return { family: 4, network: address, prefix: 32 };
  }
  if (v4 !== undefined) {
    const prefix = digits === undefined ? 32 : Number(digits);
    return prefix > 32 ? undefined : { family: 4, network: mask(v4, 8, prefix).join('.'), prefix };
  }
  const v6 = parseIPv6(address);
  if (v6 === undefined) {
    return undefined;
  }
  const prefix = digits === undefined ? 128 : Number(digits);
  return prefix > 128 ? undefined : { family: 6, network: formatIPv6(mask(v6, 16, prefix)), prefix };
}
