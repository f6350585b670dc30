// Canonical text of indicator and observable values, shared by the indexed and the naive matcher so
// both compare the same thing: lower-case ASCII domains (IDN → punycode), WHATWG-normalised URLs,
// lower-case e-mail addresses and digests, CIDR blocks with host bits cleared.
import { domainToASCII } from 'node:url';
import { formatIPv4, formatIPv6, ipv4Mask, maskIPv6, parseCidr } from '../../platform/net/ip-parse.ts';
import type { IndicatorKind } from './entry.ts';

// LDH labels (RFC 1123 §2.1) plus underscore; a hyphen neither starts nor ends a label.
const LABEL = /^[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?$/;

/**
 * A domain name in canonical form, or undefined. A leading "*." is dropped: an indicator on a domain
 * already covers its subdomains. Underscores are allowed (SRV names, and malware uses them).
 */
export function normaliseDomain(text: string): string | undefined {
  let s = text.trim().toLowerCase();
  if (s.endsWith('.')) {
    s = s.slice(0, -1);
  }
  if (s.startsWith('*.')) {
    s = s.slice(2);
  }
  if (/[\u0080-\uffff]/.test(s)) {
    s = domainToASCII(s);
  }
  if (s.length === 0 || s.length > 253) {
    return undefined;
  }
  const labels = s.split('.');
  if (!labels.every((l) => LABEL.test(l)) || /^\d+$/.test(labels[labels.length - 1]!)) {
    return undefined;
  }
  return s;
}

const UNRESERVED = /[A-Za-z0-9\-._~]/;

/**
 * A URL in canonical form, or undefined: WHATWG parsing (scheme and host lower case, punycode, default
 * port and dot segments removed), fragment and empty query dropped, percent-escapes of unreserved
 * characters decoded and the others upper-cased (RFC 3986 §6.2.2). No scheme means http.
 * @see https://url.spec.whatwg.org/ and RFC 3986 section 6
 */
export function normaliseUrl(text: string): string | undefined {
  const trimmed = text.trim();
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `http://${trimmed}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return undefined;
  }
  if (url.hostname === '') {
    return undefined;
  }
  url.hash = '';
  if (url.search === '?' || url.search === '') {
    url.search = '';
  }
  return url.href.replace(/%([0-9a-fA-F]{2})/g, (_, hex: string) => {
    const char = String.fromCharCode(parseInt(hex, 16));
    return UNRESERVED.test(char) ? char : `%${hex.toUpperCase()}`;
  });
}

/** An e-mail address in lower case with a canonical domain, or undefined. */
export function normaliseEmail(text: string): string | undefined {
  const s = text.trim().toLowerCase();
  const at = s.lastIndexOf('@');
  const local = s.slice(0, at);
  if (at < 1 || local.length > 64 || !/^[^\s@<>()[\],;:"]+$/.test(local)) {
    return undefined;
  }
  const domain = normaliseDomain(s.slice(at + 1));
  return domain === undefined || !domain.includes('.') ? undefined : `${local}@${domain}`;
}

export const DIGEST_LENGTH = { md5: 32, sha1: 40, sha256: 64 } as const;

export function normaliseDigest(kind: keyof typeof DIGEST_LENGTH, text: string): string | undefined {
  const s = text.trim().toLowerCase();
  return s.length === DIGEST_LENGTH[kind] && /^[0-9a-f]+$/.test(s) ? s : undefined;
}

/** Canonical address or block: "10.0.0.0/8", "192.0.2.1" (a /32 is written as the address). */
export function normaliseIp(kind: 'ipv4' | 'ipv6', text: string): string | undefined {
  const parsed = parseCidr(text.trim());
  if (!parsed.ok || (parsed.value.family === 4) !== (kind === 'ipv4')) {
    return undefined;
  }
  const v = parsed.value;
  if (v.family === 4) {
    const net = formatIPv4((v.address & ipv4Mask(v.prefix)) >>> 0);
    return v.prefix === 32 ? net : `${net}/${v.prefix}`;
  }
  const net = formatIPv6(maskIPv6(v.words, v.prefix));
  return v.prefix === 128 ? net : `${net}/${v.prefix}`;
}

/** The canonical value of an indicator of the given kind, or undefined if it is not one. */
export function normaliseValue(kind: IndicatorKind, value: string): string | undefined {
  switch (kind) {
    case 'ipv4':
    case 'ipv6':
      return normaliseIp(kind, value);
    case 'domain':
      return normaliseDomain(value);
    case 'url':
      return normaliseUrl(value);
    case 'email':
      return normaliseEmail(value);
    case 'md5':
    case 'sha1':
    case 'sha256':
      return normaliseDigest(kind, value);
  }
}
