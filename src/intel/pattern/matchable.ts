// The values a pattern stands for when it is a plain list of observables, so the matcher can index
// it: `[ipv4-addr:value = '…' OR domain-name:value = '…']` and the like; anything richer is named.
import type { ComparisonExpression, ObjectPath, Pattern, PrimitiveLiteral } from './ast.ts';
import { serialiseLiteral, serialiseObjectPath } from './serialise.ts';
import { pathValueOf, type PathValue } from './value-normalisers.ts';

/** The matcher's kinds (src/intel/matcher/entry.ts IndicatorKind). */
export type MatchableKind = 'ipv4' | 'ipv6' | 'domain' | 'url' | 'email' | 'md5' | 'sha1' | 'sha256';
export type MatchableValue = { kind: MatchableKind; value: string };

export type NotMatchableReason =
  | 'qualified'
  | 'followed-by'
  | 'observation-and'
  | 'comparison-and'
  | 'operator'
  | 'unsupported-path'
  | 'invalid-value';

export type MatchableResult =
  { ok: true; value: MatchableValue[] } | { ok: false; reason: NotMatchableReason; message: string };

const HASH_KINDS: Record<string, MatchableKind> = { MD5: 'md5', 'SHA-1': 'sha1', 'SHA-256': 'sha256' };

class NotMatchable {
  readonly reason: NotMatchableReason;
  readonly message: string;
  constructor(reason: NotMatchableReason, message: string) {
    this.reason = reason;
    this.message = message;
  }
}

/** Direct values of the five address-like objects, and file:hashes with MD5, SHA-1 or SHA-256. */
function matchableKind(path: ObjectPath, pathValue: PathValue): MatchableKind | undefined {
  if (pathValue.kind !== 'hash') {
    return path.steps.length === 0 ? pathValue.kind : undefined;
  }
  const isFileHash = path.objectType === 'file' && path.property === 'hashes' && path.steps.length === 1;
  return isFileHash ? HASH_KINDS[pathValue.algorithm ?? ''] : undefined;
}

function valuesOfComparisons(node: ComparisonExpression, out: MatchableValue[]): NotMatchable | undefined {
  if (node.type === 'comparison-join') {
    if (node.operator === 'AND') {
      return new NotMatchable('comparison-and', 'AND inside an observation needs all of its comparisons');
    }
    for (const operand of node.operands) {
      const failure = valuesOfComparisons(operand, out);
      if (failure) {
        return failure;
      }
    }
    return undefined;
  }
  const path = serialiseObjectPath(node.path);
  if (node.type === 'exists' || node.negated || (node.operator !== '=' && node.operator !== 'IN')) {
    const operator = node.type === 'exists' ? 'EXISTS' : node.operator;
    return new NotMatchable(
      'operator',
      `${path}: only = and IN compare plain values (found ${node.negated ? 'NOT ' : ''}${operator})`,
    );
  }
  const pathValue = pathValueOf(node.path);
  const kind = pathValue && matchableKind(node.path, pathValue);
  if (pathValue === undefined || kind === undefined) {
    return new NotMatchable('unsupported-path', `${path} is not a value the matcher indexes`);
  }
  const literals: PrimitiveLiteral[] = node.value.type === 'set' ? node.value.values : [node.value];
  for (const literal of literals) {
    const value = literal.type === 'string' ? pathValue.normalise(literal.value) : undefined;
    if (value === undefined) {
      return new NotMatchable(
        'invalid-value',
        `${path}: ${serialiseLiteral(literal)} is not a valid ${kind} value`,
      );
    }
    out.push({ kind, value });
  }
  return undefined;
}

function valuesOf(node: Pattern, out: MatchableValue[]): NotMatchable | undefined {
  switch (node.type) {
    case 'qualified':
      return new NotMatchable(
        'qualified',
        `the ${node.qualifier.type} qualifier needs observations over time`,
      );
    case 'observation':
      return valuesOfComparisons(node.expression, out);
    case 'observation-join':
      if (node.operator !== 'OR') {
        const reason = node.operator === 'AND' ? 'observation-and' : 'followed-by';
        return new NotMatchable(reason, `${node.operator} between observations needs several observations`);
      }
      for (const operand of node.operands) {
        const failure = valuesOf(operand, out);
        if (failure) {
          return failure;
        }
      }
      return undefined;
  }
}

/**
 * The normalised values of a pattern made of `=` (or IN) comparisons joined by OR on ipv4-addr,
 * ipv6-addr, domain-name, url and email-addr values and MD5/SHA-1/SHA-256 file hashes (OR of such
 * observations too), without duplicates; otherwise why it cannot be matched value by value.
 */
export function extractMatchable(pattern: Pattern): MatchableResult {
  const values: MatchableValue[] = [];
  const failure = valuesOf(pattern, values);
  if (failure) {
    return { ok: false, reason: failure.reason, message: failure.message };
  }
  const seen = new Set<string>();
  return {
    ok: true,
    value: values.filter((v) => !seen.has(`${v.kind} ${v.value}`) && seen.add(`${v.kind} ${v.value}`)),
  };
}
