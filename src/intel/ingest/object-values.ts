// The normalised observable values an object carries, for correlation: the values of address-like
// SCOs and file hashes, and the values an indicator's STIX pattern compares with = or IN. Kinds are
// the matcher's (ipv4, ipv6, domain, url, email, md5, sha1, sha256…), so a pattern and an SCO meet.
import type { ComparisonExpression, Pattern, PrimitiveLiteral } from '../pattern/ast.ts';
import { pathValueOf } from '../pattern/value-normalisers.ts';
import { canonicalHashAlgorithm } from '../stix/hash-algorithms.ts';
import {
  normaliseDomain,
  normaliseEmail,
  normaliseHash,
  normaliseIpValue,
  normaliseUrl,
} from '../stix/normalise.ts';
import { isRecord, type StixRecord } from '../stix/stix-record.ts';

export type ObjectValue = { kind: string; value: string };

/** 'SHA-256' → 'sha256', 'SHA3-256' → 'sha3-256', 'MD5' → 'md5' (the matcher's spelling). */
export function hashKind(algorithm: string): string {
  const name = canonicalHashAlgorithm(algorithm) ?? algorithm;
  return name.toLowerCase().replace(/^sha-/, 'sha');
}

const SCO_VALUE: Record<string, { kind: string; normalise: (text: string) => string | undefined }> = {
  'ipv4-addr': { kind: 'ipv4', normalise: (t) => normaliseIpValue(4, t) },
  'ipv6-addr': { kind: 'ipv6', normalise: (t) => normaliseIpValue(6, t) },
  'domain-name': { kind: 'domain', normalise: normaliseDomain },
  url: { kind: 'url', normalise: normaliseUrl },
  'email-addr': { kind: 'email', normalise: normaliseEmail },
};

function hashValues(hashes: unknown, out: ObjectValue[]): void {
  if (!isRecord(hashes)) {
    return;
  }
  for (const [algorithm, digest] of Object.entries(hashes)) {
    const value = typeof digest === 'string' ? normaliseHash(algorithm, digest) : undefined;
    if (value !== undefined) {
      out.push({ kind: hashKind(algorithm), value });
    }
  }
}

/** The values of an SCO: its `value` for address-like types, its hashes for files and artifacts. */
export function scoValues(object: StixRecord): ObjectValue[] {
  const out: ObjectValue[] = [];
  const spec = SCO_VALUE[String(object.type)];
  if (spec !== undefined && typeof object.value === 'string') {
    const value = spec.normalise(object.value);
    if (value !== undefined) {
      out.push({ kind: spec.kind, value });
    }
  }
  if (object.type === 'file' || object.type === 'artifact' || object.type === 'x509-certificate') {
    hashValues(object.hashes, out);
  }
  return out;
}

function literalsOf(value: PrimitiveLiteral | { type: 'set'; values: PrimitiveLiteral[] }) {
  return value.type === 'set' ? value.values : [value];
}

function comparisonValues(node: ComparisonExpression, out: ObjectValue[]): void {
  if (node.type === 'comparison-join') {
    node.operands.forEach((operand) => comparisonValues(operand, out));
    return;
  }
  // Only a value the pattern asserts (= or IN, not negated) says the producer saw it.
  if (node.type === 'exists' || node.negated || (node.operator !== '=' && node.operator !== 'IN')) {
    return;
  }
  const pathValue = pathValueOf(node.path);
  if (pathValue === undefined) {
    return;
  }
  const kind = pathValue.kind === 'hash' ? hashKind(pathValue.algorithm ?? '') : pathValue.kind;
  for (const literal of literalsOf(node.value)) {
    const value = literal.type === 'string' ? pathValue.normalise(literal.value) : undefined;
    if (value !== undefined) {
      out.push({ kind, value });
    }
  }
}

function observationValues(node: Pattern, out: ObjectValue[]): void {
  switch (node.type) {
    case 'observation':
      comparisonValues(node.expression, out);
      return;
    case 'qualified':
      observationValues(node.expression, out);
      return;
    case 'observation-join':
      node.operands.forEach((operand) => observationValues(operand, out));
      return;
  }
}

/** Every value a pattern compares with = or IN, in any observation, without repeats. */
export function patternValues(pattern: Pattern): ObjectValue[] {
  const out: ObjectValue[] = [];
  observationValues(pattern, out);
  return uniqueValues(out);
}

/**
 * Longest value correlated, in UTF-8 bytes. A PostgreSQL b-tree entry holds at most about 2,700 bytes,
 * so a longer value (a URL with a huge query string) would fail its whole batch at the value index;
 * it is kept in the object, only not correlated.
 */
export const MAX_VALUE_BYTES = 2000;

/** Values without repeats, and without those too long to correlate. */
export function uniqueValues(values: ObjectValue[]): ObjectValue[] {
  const seen = new Set<string>();
  return values.filter((v) => {
    const key = `${v.kind}\u0000${v.value}`;
    const fits = v.value.length * 3 <= MAX_VALUE_BYTES || Buffer.byteLength(v.value) <= MAX_VALUE_BYTES;
    return fits && !seen.has(key) && Boolean(seen.add(key));
  });
}
