// One CSV row (or plain-list line) as a STIX indicator: the value normalised by kind, a pattern,
// an id derived from the producer and the pattern (so a re-import meets the same id), the first-seen
// date as its timestamps, and labels from the mapped columns.
import { createHash } from 'node:crypto';
import { quote } from '../misp/attribute-patterns.ts';
import { normaliseDomain, normaliseHash, normaliseIpValue, normaliseUrl } from '../stix/normalise.ts';
import { isStixTimestamp } from '../stix/timestamp.ts';
import type { CsvMapping } from './csv-mapping.ts';

export type RowResult =
  { ok: true; object: Record<string, unknown>; dated: boolean } | { ok: false; reason: string };

const HASH_BY_LENGTH: Record<number, string> = { 32: 'MD5', 40: 'SHA-1', 64: 'SHA-256', 128: 'SHA-512' };
// ThreatFox ioc_type values.
const THREATFOX_KINDS: Record<string, 'ip' | 'domain' | 'url' | 'hash'> = {
  'ip:port': 'ip',
  domain: 'domain',
  url: 'url',
  md5_hash: 'hash',
  sha1_hash: 'hash',
  sha256_hash: 'hash',
};

type Matched = { path: string; value: string; port?: string };

function matchIp(text: string): Matched | undefined {
  const v4 = /^(\d{1,3}(?:\.\d{1,3}){3})(?::(\d{1,5}))?$/.exec(text);
  const bracketed = /^\[([0-9a-fA-F:.]+)\](?::(\d{1,5}))?$/.exec(text);
  const [address, port] = v4 ? [v4[1], v4[2]] : bracketed ? [bracketed[1], bracketed[2]] : [text, undefined];
  const four = normaliseIpValue(4, address ?? '');
  if (four !== undefined) {
    return { path: 'ipv4-addr:value', value: four, ...(port ? { port } : {}) };
  }
  const six = normaliseIpValue(6, address ?? '');
  return six === undefined ? undefined : { path: 'ipv6-addr:value', value: six, ...(port ? { port } : {}) };
}

function matchHash(text: string): Matched | undefined {
  const algorithm = HASH_BY_LENGTH[text.length];
  const value = algorithm === undefined ? undefined : normaliseHash(algorithm, text);
  return value === undefined ? undefined : { path: `file:hashes.'${algorithm}'`, value };
}

function matchUrl(text: string): Matched | undefined {
  const value = normaliseUrl(text);
  return value === undefined ? undefined : { path: 'url:value', value };
}

function matchDomain(text: string): Matched | undefined {
  const value = normaliseDomain(text);
  return value === undefined ? undefined : { path: 'domain-name:value', value };
}

function matchValue(text: string, kind: 'auto' | 'ip' | 'domain' | 'url' | 'hash'): Matched | undefined {
  switch (kind) {
    case 'ip':
      return matchIp(text);
    case 'domain':
      return matchDomain(text);
    case 'url':
      return matchUrl(text);
    case 'hash':
      return matchHash(text);
    case 'auto':
      // A bare word is a domain only if nothing more specific fits; a URL needs its scheme.
      return (
        matchIp(text) ??
        (/^[0-9a-fA-F]+$/.test(text) ? matchHash(text) : undefined) ??
        (/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? matchUrl(text) : matchDomain(text))
      );
  }
}

/** "2026-11-01 07:44:46", "2026-11-01T07:44:46Z" or "2026-11-01" as a STIX timestamp, else undefined. */
export function feedTimestamp(text: string | undefined): string | undefined {
  const t = (text ?? '').trim();
  const m = /^(\d{4}-\d{2}-\d{2})(?:[ T](\d{2}:\d{2}:\d{2})(?:\.\d+)?)?(?: ?UTC| ?Z)?$/.exec(t);
  if (!m) {
    return undefined;
  }
  const iso = `${m[1]}T${m[2] ?? '00:00:00'}.000Z`;
  return isStixTimestamp(iso) ? iso : undefined;
}

// Fixed namespace of feed indicators: the id is a function of the producer and the pattern only.
const FEED_NAMESPACE = 'accord-feed-indicator/v1';

export function feedIndicatorId(producerOrganisationId: string, pattern: string): string {
  const hash = createHash('sha1').update(`${FEED_NAMESPACE}\n${producerOrganisationId}\n${pattern}`).digest();
  hash[6] = ((hash[6] as number) & 0x0f) | 0x50;
  hash[8] = ((hash[8] as number) & 0x3f) | 0x80;
  const h = hash.subarray(0, 16).toString('hex');
  return `indicator--${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

function labelsOf(cells: string[], mapping: CsvMapping): string[] {
  const found = mapping.labels.flatMap((c) => (cells[c] ?? '').split(','));
  const cleaned = found
    .map((l) => l.trim())
    .filter((l) => l !== '' && !/^(none|null|n\/a|-)$/i.test(l))
    .map((l) => l.slice(0, 100));
  return [...new Set([...mapping.fixedLabels, ...cleaned])];
}

/**
 * The indicator of one row; `fallbackTime` dates rows without a first-seen date (the import
 * reuses the stored timestamps of such an indicator, so a re-import stays a no-op).
 */
export function rowToIndicator(
  cells: string[],
  mapping: CsvMapping,
  producerOrganisationId: string,
  fallbackTime: string,
): RowResult {
  const raw = (cells[mapping.value] ?? '').trim();
  if (raw === '') {
    return { ok: false, reason: `column ${mapping.value} (the value) is empty` };
  }
  let kind = mapping.kind;
  if (mapping.kindColumn !== undefined) {
    const named = THREATFOX_KINDS[(cells[mapping.kindColumn] ?? '').trim().toLowerCase()];
    if (named === undefined) {
      return {
        ok: false,
        reason: `unsupported kind "${cells[mapping.kindColumn] ?? ''}" in column ${mapping.kindColumn}`,
      };
    }
    kind = named;
  }
  const matched = matchValue(raw, kind);
  if (!matched) {
    const what = kind === 'auto' ? 'an IP address, domain, URL or hash' : `a valid ${kind}`;
    return { ok: false, reason: `"${raw.slice(0, 200)}" is not ${what}` };
  }
  const pattern = `[${matched.path} = ${quote(matched.value)}]`;
  const dated = feedTimestamp(mapping.firstSeen === undefined ? undefined : cells[mapping.firstSeen]);
  const time = dated ?? fallbackTime;
  const port = matched.port ?? (mapping.port === undefined ? undefined : cells[mapping.port]?.trim());
  const labels = labelsOf(cells, mapping);
  return {
    ok: true,
    dated: dated !== undefined,
    object: {
      type: 'indicator',
      spec_version: '2.1',
      id: feedIndicatorId(producerOrganisationId, pattern),
      created: time,
      modified: time,
      name: `${mapping.title}: ${matched.value}${port ? ` (port ${port})` : ''}`.slice(0, 250),
      indicator_types: ['malicious-activity'],
      pattern,
      pattern_type: 'stix',
      pattern_version: '2.1',
      valid_from: time,
      ...(labels.length > 0 ? { labels } : {}),
    },
  };
}
