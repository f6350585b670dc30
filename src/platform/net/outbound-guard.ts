// The server-side request forgery guard: decides whether Accord may connect, on a user's behalf, to
// the address a URL names (feeds, webhooks). Special-purpose addresses (loopback, RFC 1918, link-local
// and cloud metadata, unique-local IPv6, ...) are refused unless an operator allowed their range.
// The caller connects to the address checked here, never to a second resolution (DNS rebinding).
import { lookup } from 'node:dns/promises';
import { AppError } from '../errors/app-error.ts';
import { classifySpecialPurpose } from './special-purpose.ts';
import { ipv4Mask, parseCidr, parseIPv4, parseIPv6, type ParsedCidr } from './ip-parse.ts';

export type ResolvedAddress = { address: string; family: 4 | 6 };
/** Resolves a host name to every address it has; tests inject their own. */
export type OutboundResolver = (hostname: string) => Promise<ResolvedAddress[]>;
export type OutboundPolicy = {
  /** Ranges an operator allowed although they are special-purpose (ACCORD_OUTBOUND_ALLOW). */
  allow: readonly string[];
  resolve?: OutboundResolver;
};
export type OutboundVerdict =
  | { ok: true; url: URL; address: ResolvedAddress }
  /** `unresolved`: the name has no address now, so nothing could be checked (nor reached). */
  | { ok: false; kind: 'refused' | 'unresolved'; reason: string };

const systemResolver: OutboundResolver = async (hostname) =>
  (await lookup(hostname, { all: true, verbatim: true })).map((a) => ({
    address: a.address,
    family: a.family === 6 ? 6 : 4,
  }));

/** Parses an allow list entry ("127.0.0.1/32", "10.0.0.0/8", "::1"); undefined if it is not a range. */
export function parseAllowedRange(text: string): ParsedCidr | undefined {
  const parsed = parseCidr(text.trim());
  return parsed.ok ? parsed.value : undefined;
}

function inRange(range: ParsedCidr, address: string): boolean {
  if (range.family === 4) {
    const v4 = parseIPv4(address);
    const mask = ipv4Mask(range.prefix);
    return v4 >= 0 && (v4 & mask) >>> 0 === (range.address & mask) >>> 0;
  }
  const words = new Uint32Array(4);
  if (!parseIPv6(address, words)) {
    return false;
  }
  for (let w = 0; w < 4; w += 1) {
    const mask = ipv4Mask(Math.min(32, Math.max(0, range.prefix - 32 * w)));
    if ((words[w]! & mask) >>> 0 !== (range.words[w]! & mask) >>> 0) {
      return false;
    }
  }
  return true;
}

/** Why Accord must not connect to this address, or undefined if it may. */
export function refusalOf(address: string, allow: readonly string[]): string | undefined {
  const ranges = allow.map(parseAllowedRange).filter((r) => r !== undefined);
  const allowed = (a: string) => ranges.some((r) => inRange(r, a));
  const verdict = classifySpecialPurpose(address);
  if (verdict === undefined) {
    return `${address} is not an IP address`;
  }
  if (verdict.kind === 'ordinary' || allowed(address)) {
    return undefined;
  }
  if (verdict.kind === 'embedded-ipv4') {
    // ::ffff:127.0.0.1 reaches 127.0.0.1: judge the IPv4 address it carries.
    const inner = refusalOf(verdict.ipv4, allow);
    return inner === undefined ? undefined : `${address} carries ${verdict.ipv4}: ${inner}`;
  }
  return `${address} is a special-purpose address (${verdict.block.name}, ${verdict.block.prefix}, ${verdict.block.rfc})`;
}

/** The URL without user name and password, for messages and logs. */
export function redactUrl(url: URL): string {
  const copy = new URL(url.toString());
  copy.username = '';
  copy.password = '';
  return copy.toString();
}

/**
 * Checks a URL and the addresses its host resolves to. The WHATWG URL parser already turns the
 * decimal, octal and hexadecimal host forms (http://2130706433/, http://0x7f.1/) into dotted quads,
 * so a literal is checked as the address the connection would use. Every resolved address must pass:
 * a name that also resolves to a private address is refused rather than raced.
 */
export async function checkOutboundUrl(raw: string, policy: OutboundPolicy): Promise<OutboundVerdict> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, kind: 'refused', reason: 'is not a URL' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return { ok: false, kind: 'refused', reason: `${url.protocol} is not http or https` };
  }
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const literal = classifySpecialPurpose(host);
  let addresses: ResolvedAddress[];
  if (literal !== undefined) {
    addresses = [{ address: host, family: host.includes(':') ? 6 : 4 }];
  } else {
    try {
      addresses = await (policy.resolve ?? systemResolver)(host);
    } catch (error) {
      return {
        ok: false,
        kind: 'unresolved',
        reason: `${host} does not resolve (${(error as Error).message})`,
      };
    }
  }
  if (addresses.length === 0) {
    return { ok: false, kind: 'unresolved', reason: `${host} does not resolve` };
  }
  for (const a of addresses) {
    const refusal = refusalOf(a.address, policy.allow);
    if (refusal !== undefined) {
      return {
        ok: false,
        kind: 'refused',
        reason: host === a.address ? refusal : `${host} resolves to ${refusal}`,
      };
    }
  }
  return { ok: true, url, address: addresses[0]! };
}

/**
 * checkOutboundUrl for a URL being saved: a refusal is an AppError naming the field. A name that does
 * not resolve yet is accepted (a team may set its webhook before its DNS is live): every request
 * checks again, and that check is the one that protects.
 */
export async function assertOutboundUrl(raw: string, policy: OutboundPolicy, field: string): Promise<void> {
  const verdict = await checkOutboundUrl(raw, policy);
  if (!verdict.ok && verdict.kind === 'refused') {
    throw new AppError(
      'OUTBOUND_REQUEST_REFUSED',
      `${field}: Accord does not connect there (${verdict.reason}); an operator may allow the range with ACCORD_OUTBOUND_ALLOW`,
      [{ path: field, reason: verdict.reason, code: 'outbound_refused' }],
    );
  }
}
