// Which observable values a comparison compares, and how to write them canonically: the object
// paths whose strings are addresses, domain names, URLs, e-mail addresses or digests.
// @see STIX 2.1 section 6 (cyber-observable objects) for the value properties named here
import { canonicalHashAlgorithm } from '../stix/hash-algorithms.ts';
import {
  normaliseDomain,
  normaliseEmail,
  normaliseHash,
  normaliseIpValue,
  normaliseUrl,
} from '../stix/normalise.ts';
import type { ObjectPath, PathStep } from './ast.ts';

export type ValueKind = 'ipv4' | 'ipv6' | 'domain' | 'url' | 'email' | 'hash';
export type PathValue = {
  kind: ValueKind;
  normalise: (text: string) => string | undefined;
  algorithm?: string;
};

const BY_OBJECT_VALUE: Record<string, PathValue> = {
  'ipv4-addr': { kind: 'ipv4', normalise: (t) => normaliseIpValue(4, t) },
  'ipv6-addr': { kind: 'ipv6', normalise: (t) => normaliseIpValue(6, t) },
  'domain-name': { kind: 'domain', normalise: normaliseDomain },
  url: { kind: 'url', normalise: normaliseUrl },
  'email-addr': { kind: 'email', normalise: normaliseEmail },
};
const EMAIL_REFS = new Set(['from_ref', 'sender_ref']);
const EMAIL_LIST_REFS = new Set(['to_refs', 'cc_refs', 'bcc_refs']);
const email = BY_OBJECT_VALUE['email-addr']!;

function keyAt(path: ObjectPath, i: number): string | undefined {
  if (i === -1) {
    return path.property;
  }
  const step: PathStep | undefined = path.steps[i];
  return step?.type === 'key' ? step.name : undefined;
}

/** The hash algorithm a path ends in (`file:hashes.'SHA-256'`, `…extensions….hashes.MD5`), if any. */
export function hashAlgorithmOf(path: ObjectPath): string | undefined {
  const last = path.steps.length - 1;
  const key = keyAt(path, last);
  return key !== undefined && keyAt(path, last - 1) === 'hashes' ? key : undefined;
}

/** How values compared at this path are normalised, or undefined when they are plain strings. */
export function pathValueOf(path: ObjectPath): PathValue | undefined {
  const { objectType, property, steps } = path;
  if (steps.length === 0 && property === 'value') {
    return BY_OBJECT_VALUE[objectType];
  }
  if (objectType === 'email-message') {
    const [first, second] = steps;
    const isValue = (s: PathStep | undefined) => s?.type === 'key' && s.name === 'value';
    if (EMAIL_REFS.has(property) && steps.length === 1 && isValue(first)) {
      return email;
    }
    if (EMAIL_LIST_REFS.has(property) && steps.length === 2 && first?.type !== 'key' && isValue(second)) {
      return email;
    }
  }
  const algorithm = hashAlgorithmOf(path);
  if (algorithm === undefined) {
    return undefined;
  }
  const name = canonicalHashAlgorithm(algorithm) ?? algorithm;
  return { kind: 'hash', algorithm: name, normalise: (t) => normaliseHash(name, t) };
}

/** The path with its hash key in vocabulary spelling (hashes.sha256 → hashes.'SHA-256'). */
export function canonicalPath(path: ObjectPath): ObjectPath {
  const algorithm = hashAlgorithmOf(path);
  const name = algorithm === undefined ? undefined : canonicalHashAlgorithm(algorithm);
  if (name === undefined || name === algorithm) {
    return path;
  }
  return { ...path, steps: [...path.steps.slice(0, -1), { type: 'key', name }] };
}
