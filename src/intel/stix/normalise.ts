// Canonical text of observable values, the dedupe key of indicators and observables: IPs and CIDR
// blocks, domain names (lower case, punycode), URLs (WHATWG), hashes (lower-case hex) and e-mail.
// Each function returns undefined for text that is not a value of its kind.
import { domainToASCII } from 'node:url';
import { HEX_DIGEST_LENGTH, canonicalHashAlgorithm } from './hash-algorithms.ts';
import { formatIPv6, parseCidr, parseIPv4, parseIPv6 } from './ip-address.ts';

export function normaliseIPv4(text: string): string | undefined {
  return parseIPv4(text.trim())?.join('.');
}

/** @see RFC 5952 */
export function normaliseIPv6(text: string): string | undefined {
  const groups = parseIPv6(text.trim());
  return groups && formatIPv6(groups);
}

/** A CIDR block as "network/prefix" with host bits cleared ("10.1.2.3/8" → "10.0.0.0/8"). */
export function normaliseCidr(text: string): string | undefined {
  const cidr = parseCidr(text.trim());
  return cidr && `${cidr.network}/${cidr.prefix}`;
}

/**
 * The value of an ipv4-addr or ipv6-addr object: an address, or a block written as its network;
 * a full-length block is written as the bare address ("192.0.2.1/32" → "192.0.2.1").
 * @see STIX 2.1 sections 6.4.1 and 6.5.1 (value: address or CIDR block)
 */
export function normaliseIpValue(family: 4 | 6, text: string): string | undefined {
  const cidr = parseCidr(text.trim());
  if (cidr === undefined || cidr.family !== family) {
    return undefined;
  }
  return cidr.prefix === (family === 4 ? 32 : 128) ? cidr.network : `${cidr.network}/${cidr.prefix}`;
}

// LDH labels (RFC 1123 section 2.1) plus underscore, which SRV names and malware domains use.
const LABEL = /^[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?$/;

/** Lower case, trailing dot removed, IDN to punycode (node:url domainToASCII, UTS #46). */
export function normaliseDomain(text: string): string | undefined {
  const trimmed = text.trim().replace(/\.$/, '');
  if (trimmed === '' || trimmed.includes('..')) {
    return undefined;
  }
  const ascii = domainToASCII(trimmed);
  if (ascii === '' || ascii.length > 253) {
    return undefined;
  }
  const labels = ascii.split('.');
  // A numeric last label would make it an address, not a name.
  if (!labels.every((l) => LABEL.test(l)) || /^[0-9]+$/.test(labels.at(-1)!)) {
    return undefined;
  }
  return ascii;
}

const UNRESERVED = /[A-Za-z0-9\-._~]/;

/**
 * WHATWG-parsed URL: scheme and host lower case (punycode), default port and fragment dropped, an
 * empty query dropped, percent-escapes of unreserved characters decoded and the rest upper-cased.
 * Text without a scheme is read as http, as feeds write it.
 * @see https://url.spec.whatwg.org/ and RFC 3986 section 6.2.2
 */
export function normaliseUrl(text: string): string | undefined {
  const trimmed = text.trim();
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `http://${trimmed}`;
  if (!URL.canParse(withScheme)) {
    return undefined;
  }
  const url = new URL(withScheme);
  if (url.hostname === '') {
    return undefined;
  }
  url.hash = '';
  if (url.search === '') {
    // The getter shows '' both for no query and for a bare '?'; assigning '' drops the '?'.
    url.search = '';
  }
  return url.href.replace(/%([0-9a-fA-F]{2})/g, (_, hex: string) => {
    const char = String.fromCharCode(parseInt(hex, 16));
    return UNRESERVED.test(char) ? char : `%${hex.toUpperCase()}`;
  });
}

/** The local part is kept as written (it may be case-sensitive); the domain is normalised. */
export function normaliseEmail(text: string): string | undefined {
  const s = text.trim();
  const at = s.lastIndexOf('@');
  const local = s.slice(0, at);
  if (at < 1 || local.length > 64 || /[\s<>()[\],;:"@]/.test(local)) {
    return undefined;
  }
  const domain = normaliseDomain(s.slice(at + 1));
  return domain === undefined ? undefined : `${local}@${domain}`;
}

/**
 * A digest under a hashes key: hex algorithms lower-cased and length-checked; SSDEEP, TLSH and
 * custom keys are only trimmed.
 * @see STIX 2.1 section 10.7 (hash-algorithm-ov)
 */
export function normaliseHash(algorithm: string, value: string): string | undefined {
  const name = canonicalHashAlgorithm(algorithm);
  const length = name === undefined ? undefined : HEX_DIGEST_LENGTH[name];
  const s = value.trim();
  if (length === undefined) {
    return s === '' ? undefined : s;
  }
  return s.length === length && /^[0-9a-fA-F]+$/.test(s) ? s.toLowerCase() : undefined;
}
