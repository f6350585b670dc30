// Observables in free text (a log line, a CSV field, a report): URLs, e-mail addresses, IPv4 and IPv6
// addresses, digests and domains, found by patterns and then validated by the parsers. Defanged
// notation (hxxp, [.], (.), [dot], [:]) is refanged first, as analysts paste indicators that way.
import { classifyAddress, isLikelyDomain, type Classified } from './extract-classify.ts';
import { normaliseEmail, normaliseUrl } from './normalise.ts';
import { parseIPv4 } from '../../platform/net/ip-parse.ts';

export type TextHit = Classified & { column: number };

const URL_PATTERN = /\b(?:https?|ftp|wss?):\/\/[^\s"'<>`\\{}|^]+/gi;
// The lookbehind makes a match start only at the beginning of a token, not at every character.
const EMAIL_PATTERN =
  /(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]{1,64}@(?:[A-Za-z0-9_-]{1,63}\.)+[A-Za-z]{2,63}\b/g;
const IPV4_PATTERN = /(?<![\d.])(?:\d{1,3}\.){3}\d{1,3}(?!\d|\.\d)/g;
const IPV6_PATTERN =
  /(?<![0-9A-Za-z:.])(?:[0-9A-Fa-f]{0,4}:){2,7}(?:[0-9A-Fa-f]{1,4}|\d{1,3}(?:\.\d{1,3}){3})?(?![0-9A-Za-z:]|\.\d)/g;
const DIGEST_PATTERN = /(?<![0-9A-Za-z])(?:[0-9A-Fa-f]{64}|[0-9A-Fa-f]{40}|[0-9A-Fa-f]{32})(?![0-9A-Za-z])/g;
const DOMAIN_PATTERN =
  /(?<![A-Za-z0-9_.@-])(?:[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?\.)+(?:[A-Za-z]{2,63}|xn--[A-Za-z0-9-]{1,59})(?![A-Za-z0-9_-])/g;
// File names look like domains in prose ("setup.exe"); these endings are not delegated TLDs, so a
// name ending in one is not taken for a domain in free text (.zip, .mov, .sh, .py are TLDs and stay).
const FILE_ENDINGS = new Set(
  'exe dll bin txt pdf doc docx xls xlsx js php html htm png jpg jpeg gif log json xml csv bat cmd jar msi tmp dat cfg ini conf iso img rar gz tar tgz apk vbs lnk hta elf dmg'.split(
    ' ',
  ),
);
const DEFANGED = /\[\.\]|\(\.\)|\[dot\]|\(dot\)|\[:\]|hxxp|\[@\]/i;

/** Undoes common defanging; column positions refer to the refanged text. */
export function refang(text: string): string {
  if (!DEFANGED.test(text)) {
    return text;
  }
  return text
    .replace(/\[\.\]|\(\.\)|\[dot\]|\(dot\)/gi, '.')
    .replace(/\[:\]/g, ':')
    .replace(/\[@\]/g, '@')
    .replace(/hxxp/gi, 'http');
}

export type AddHit = (kind: Classified['kind'], value: string, column: number) => void;

/**
 * Every observable in text, each (kind, value) once, in order of appearance per kind. The host of a
 * URL and the domain of an e-mail address are reported too (an indicator on the domain matches them);
 * the rest of a URL or address is not scanned again, so "setup.exe" in a path or "john.doe" before an
 * @ are not taken for domains. scan-text.ts finds the same tokens from bytes (the fast path of
 * `--format text`); both validate them with the functions below.
 */
export function extractFromText(raw: string): TextHit[] {
  const text = refang(raw);
  const hits: TextHit[] = [];
  const seen = new Set<string>();
  const add: AddHit = (kind, value, column) => {
    const key = `${kind} ${value}`;
    if (!seen.has(key)) {
      seen.add(key);
      hits.push({ kind, value, column });
    }
  };
  let rest = text;
  // Each pattern runs only if the character it needs is on the line (most log lines lack most).
  for (const m of text.includes('://') ? text.matchAll(URL_PATTERN) : []) {
    addUrlHits(m[0], m.index, add);
    rest = blank(rest, m.index, m[0].length);
  }
  for (const m of rest.includes('@') ? rest.matchAll(EMAIL_PATTERN) : []) {
    if (addEmailHits(m[0], m.index, add)) {
      rest = blank(rest, m.index, m[0].length);
    }
  }
  const dotted = rest.includes('.');
  for (const m of dotted ? rest.matchAll(IPV4_PATTERN) : []) {
    if (parseIPv4(m[0]) >= 0) {
      add('ipv4', m[0], m.index);
    }
  }
  if (rest.includes(':')) {
    for (const m of rest.matchAll(IPV6_PATTERN)) {
      addAddress(m[0], m.index, add);
    }
  }
  for (const m of rest.matchAll(DIGEST_PATTERN)) {
    add(digestKind(m[0].length), m[0], m.index);
  }
  for (const m of dotted ? rest.matchAll(DOMAIN_PATTERN) : []) {
    if (isTextDomain(m[0])) {
      add('domain', m[0], m.index);
    }
  }
  return hits;
}

/** A URL matched at column: the URL (trailing punctuation dropped) and its host, if it is valid. */
export function addUrlHits(match: string, column: number, add: AddHit): void {
  const value = match.replace(/[.,;:!?)\]]+$/, '');
  const canonical = normaliseUrl(value);
  if (canonical === undefined) {
    return;
  }
  add('url', value, column);
  const host = new URL(canonical).hostname;
  const address = classifyAddress(host);
  if (address) {
    add(address.kind, address.value, column);
  } else if (isLikelyDomain(host)) {
    add('domain', host, column);
  }
}

/** An e-mail address matched at column and its domain; false if it is no valid address. */
export function addEmailHits(match: string, column: number, add: AddHit): boolean {
  if (normaliseEmail(match) === undefined) {
    return false;
  }
  add('email', match, column);
  const domain = match.slice(match.lastIndexOf('@') + 1);
  if (isLikelyDomain(domain)) {
    add('domain', domain, column + match.length - domain.length);
  }
  return true;
}

/** An IPv6-looking match: an IPv6 address, or IPv4 when it is IPv4-mapped. */
export function addAddress(match: string, column: number, add: AddHit): void {
  const address = classifyAddress(match);
  if (address) {
    add(address.kind, address.value, column);
  }
}

export function digestKind(length: number): 'md5' | 'sha1' | 'sha256' {
  return length === 32 ? 'md5' : length === 40 ? 'sha1' : 'sha256';
}

/** A domain-shaped token taken for a domain in free text: valid, and not ending like a file name. */
export function isTextDomain(value: string): boolean {
  return isLikelyDomain(value) && !FILE_ENDINGS.has(value.slice(value.lastIndexOf('.') + 1).toLowerCase());
}

/** The IPv6 pattern anchored where a scan starts it (scan-text.ts finds the candidate runs). */
export const IPV6_AT = new RegExp(IPV6_PATTERN.source, 'y');

function blank(text: string, at: number, length: number): string {
  return text.slice(0, at) + ' '.repeat(length) + text.slice(at + length);
}
