// What an extracted observable is, and how a single field value is classified (an IP, a URL, a
// digest, an e-mail address, a domain). Shared by every extractor; free text is handled by
// extract-text.ts.
import { formatIPv4, parseIPv4, parseIPv6 } from '../../platform/net/ip-parse.ts';
import { normaliseEmail, normaliseUrl } from './normalise.ts';
import { writeDomainKey } from './keys.ts';
import type { IndicatorKind } from './entry.ts';

/** Where an observable was found: 1-based line, byte offset of the line start, field or column. */
export type SourcePosition = { line: number; offset: number; field?: string; column?: number };
export type Observable = { kind: IndicatorKind; value: string; position: SourcePosition };
export type Classified = { kind: IndicatorKind; value: string };

const words = new Uint32Array(4);
const domainScratch = new Uint8Array(512);
const HEX = /^[0-9a-fA-F]+$/;
const DIGESTS: Record<number, IndicatorKind> = { 32: 'md5', 40: 'sha1', 64: 'sha256' };

/** An IPv4 or IPv6 address (IPv4-mapped IPv6 becomes IPv4; brackets and zone ids are dropped). */
export function classifyAddress(text: string): Classified | undefined {
  const s = text.trim();
  if (parseIPv4(s) >= 0) {
    return { kind: 'ipv4', value: s };
  }
  let v6 = s.startsWith('[') && s.endsWith(']') ? s.slice(1, -1) : s;
  const zone = v6.indexOf('%');
  v6 = zone >= 0 ? v6.slice(0, zone) : v6;
  if (!parseIPv6(v6, words)) {
    return undefined;
  }
  if (words[0] === 0 && words[1] === 0 && words[2] === 0xffff) {
    return { kind: 'ipv4', value: formatIPv4(words[3]!) };
  }
  return { kind: 'ipv6', value: v6 };
}

/** A domain worth matching: valid, with a dot and an alphabetic (or punycode) top-level label. */
export function isLikelyDomain(text: string): boolean {
  const dot = text.lastIndexOf('.');
  if (dot <= 0 || writeDomainKey(text, domainScratch) < 0) {
    return false;
  }
  const tld = text.slice(dot + 1).toLowerCase();
  return (
    /^[a-z]{2,63}$/.test(tld) ||
    /^xn--[a-z0-9-]+$/.test(tld) ||
    (tld === '' && isLikelyDomain(text.slice(0, -1)))
  );
}

/** The kind of a whole field value, or undefined if it is none of the matchable kinds. */
export function classifyValue(text: string): Classified | undefined {
  const s = text.trim();
  if (s.length === 0 || s.length > 4096) {
    return undefined;
  }
  const address = classifyAddress(s);
  if (address) {
    return address;
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(s)) {
    return normaliseUrl(s) === undefined ? undefined : { kind: 'url', value: s };
  }
  if (s.includes('@')) {
    return normaliseEmail(s) === undefined ? undefined : { kind: 'email', value: s };
  }
  const digest = DIGESTS[s.length];
  if (digest && HEX.test(s)) {
    return { kind: digest, value: s };
  }
  const slash = s.indexOf('/');
  if (slash > 0 && isLikelyDomain(s.slice(0, slash)) && normaliseUrl(s) !== undefined) {
    return { kind: 'url', value: s };
  }
  return isLikelyDomain(s) ? { kind: 'domain', value: s } : undefined;
}
