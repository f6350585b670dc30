// Observables in free text (a log line, a CSV field, a report): URLs, e-mail addresses, IPv4 and IPv6
// addresses, digests and domains, found by patterns and then validated by the parsers. Defanged
// notation (hxxp, [.], (.), [dot], [:]) is refanged first, as analysts paste indicators that way.
import { classifyAddress, isLikelyDomain, type Classified } from './extract-classify.ts';
import { normaliseEmail, normaliseUrl } from './normalise.ts';

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

/**
 * Every observable in text, each (kind, value) once, in order of appearance per kind. The host of a
 * URL and the domain of an e-mail address are reported too (an indicator on the domain matches them);
 * the rest of a URL or address is not scanned again, so "setup.exe" in a path or "john.doe" before an
 * @ are not taken for domains.
 */
export function extractFromText(raw: string): TextHit[] {
  const text = refang(raw);
  const hits: TextHit[] = [];
  const seen = new Set<string>();
  const add = (kind: Classified['kind'], value: string, column: number) => {
    const key = `${kind} ${value}`;
    if (!seen.has(key)) {
      seen.add(key);
      hits.push({ kind, value, column });
    }
  };
  let rest = text;
  // Each pattern runs only if the character it needs is on the line (most log lines lack most).
  for (const m of text.includes('://') ? text.matchAll(URL_PATTERN) : []) {
    const value = m[0].replace(/[.,;:!?)\]]+$/, '');
    const canonical = normaliseUrl(value);
    if (canonical !== undefined) {
      add('url', value, m.index);
      const host = new URL(canonical).hostname;
      const address = classifyAddress(host);
      if (address) {
        add(address.kind, address.value, m.index);
      } else if (isLikelyDomain(host)) {
        add('domain', host, m.index);
      }
    }
    rest = blank(rest, m.index, m[0].length);
  }
  for (const m of rest.includes('@') ? rest.matchAll(EMAIL_PATTERN) : []) {
    if (normaliseEmail(m[0]) !== undefined) {
      add('email', m[0], m.index);
      const domain = m[0].slice(m[0].lastIndexOf('@') + 1);
      if (isLikelyDomain(domain)) {
        add('domain', domain, m.index + m[0].length - domain.length);
      }
      rest = blank(rest, m.index, m[0].length);
    }
  }
  const dotted = rest.includes('.');
  for (const m of dotted ? rest.matchAll(IPV4_PATTERN) : []) {
    const address = classifyAddress(m[0]);
    if (address) {
      add(address.kind, address.value, m.index);
    }
  }
  if (rest.includes(':')) {
    for (const m of rest.matchAll(IPV6_PATTERN)) {
      const address = classifyAddress(m[0]);
      if (address) {
        add(address.kind, address.value, m.index);
      }
    }
  }
  for (const m of rest.matchAll(DIGEST_PATTERN)) {
    add(m[0].length === 32 ? 'md5' : m[0].length === 40 ? 'sha1' : 'sha256', m[0], m.index);
  }
  for (const m of dotted ? rest.matchAll(DOMAIN_PATTERN) : []) {
    if (isLikelyDomain(m[0]) && !FILE_ENDINGS.has(m[0].slice(m[0].lastIndexOf('.') + 1).toLowerCase())) {
      add('domain', m[0], m.index);
    }
  }
  return hits;
}

function blank(text: string, at: number, length: number): string {
  return text.slice(0, at) + ' '.repeat(length) + text.slice(at + length);
}
