// What the store-fed matcher indexes for one stored STIX object: the values of an indicator whose
// pattern is a plain comparison or an OR of them, or the value of an address-like observable (SCO);
// otherwise why the indicator cannot be matched value by value.
import { parsePattern } from '../pattern/parser.ts';
import { extractMatchable, type MatchableValue, type NotMatchableReason } from '../pattern/matchable.ts';
import { normaliseValue } from './normalise.ts';
import type { IndicatorKind } from './entry.ts';

/** STIX types the matcher reads from the store; other types never reach it. */
export const MATCHED_TYPES = [
  'indicator',
  'ipv4-addr',
  'ipv6-addr',
  'domain-name',
  'url',
  'email-addr',
  'file',
];

const SCO_KINDS: Record<string, IndicatorKind> = {
  'ipv4-addr': 'ipv4',
  'ipv6-addr': 'ipv6',
  'domain-name': 'domain',
  url: 'url',
  'email-addr': 'email',
};
const FILE_HASHES: Record<string, IndicatorKind> = { MD5: 'md5', 'SHA-1': 'sha1', 'SHA-256': 'sha256' };

export type UnmatchableReason = NotMatchableReason | 'pattern-type' | 'pattern-syntax' | 'no-value';
export type StoreValues =
  { ok: true; values: MatchableValue[] } | { ok: false; reason: UnmatchableReason; message: string };

/** The values of a stored object (its raw JSON), or the reason it yields none. */
export function valuesOfStored(type: string, raw: string): StoreValues {
  let object: Record<string, unknown>;
  try {
    object = JSON.parse(raw) as Record<string, unknown>;
  } catch {
    return { ok: false, reason: 'no-value', message: 'the stored JSON cannot be read' };
  }
  if (type === 'indicator') {
    return valuesOfIndicator(object);
  }
  if (type === 'file') {
    const hashes = (object.hashes ?? {}) as Record<string, unknown>;
    const values = Object.entries(FILE_HASHES).flatMap(([algorithm, kind]) =>
      plainValue(kind, hashes[algorithm]),
    );
    return values.length > 0
      ? { ok: true, values }
      : { ok: false, reason: 'no-value', message: 'the file has no MD5, SHA-1 or SHA-256 hash' };
  }
  const kind = SCO_KINDS[type];
  const values = kind ? plainValue(kind, object.value) : [];
  return values.length > 0
    ? { ok: true, values }
    : { ok: false, reason: 'no-value', message: `the ${type} has no valid value` };
}

function valuesOfIndicator(object: Record<string, unknown>): StoreValues {
  if (object.pattern_type !== 'stix' || typeof object.pattern !== 'string') {
    return {
      ok: false,
      reason: 'pattern-type',
      message: `only STIX patterns are matched (pattern_type is ${String(object.pattern_type)})`,
    };
  }
  const parsed = parsePattern(object.pattern);
  if (!parsed.ok) {
    return { ok: false, reason: 'pattern-syntax', message: parsed.error.message };
  }
  const matchable = extractMatchable(parsed.value);
  return matchable.ok ? { ok: true, values: matchable.value } : matchable;
}

function plainValue(kind: IndicatorKind, value: unknown): MatchableValue[] {
  const canonical = typeof value === 'string' ? normaliseValue(kind, value) : undefined;
  return canonical === undefined ? [] : [{ kind, value: canonical }];
}
