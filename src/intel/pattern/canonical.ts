// The canonical form of a pattern, the dedupe key of indicators: observable values normalised
// (domains, IPs, CIDR blocks, URLs, e-mail, digests), literals in one spelling, and the operands of
// AND and OR sorted (and repeats dropped where that keeps the meaning), so equivalent patterns meet.
import type {
  Comparison,
  ComparisonExpression,
  Literal,
  ObservationExpression,
  Pattern,
  PrimitiveLiteral,
} from './ast.ts';
import { canonicalTimestamp } from '../stix/timestamp.ts';
import { parsePattern, type ParseOptions } from './parser.ts';
import type { PatternError } from './parse-error.ts';
import { serialiseComparisonExpression, serialiseLiteral, serialisePattern } from './serialise.ts';
import { canonicalPath, pathValueOf } from './value-normalisers.ts';

const IP_TYPES = new Set(['ipv4-addr', 'ipv6-addr']);

function sortUnique<T>(items: T[], keyOf: (item: T) => string, unique: boolean): T[] {
  const keyed = items.map((item) => ({ item, key: keyOf(item) }));
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return keyed.filter((k, i) => !unique || i === 0 || keyed[i - 1]!.key !== k.key).map((k) => k.item);
}

function canonicalPrimitive(literal: PrimitiveLiteral, normalise?: (text: string) => string | undefined) {
  switch (literal.type) {
    case 'string':
      return normalise ? { ...literal, value: normalise(literal.value) ?? literal.value } : literal;
    case 'hex':
      return { ...literal, value: literal.value.toLowerCase() };
    case 'binary':
      return { ...literal, value: Buffer.from(literal.value, 'base64').toString('base64') };
    case 'timestamp':
      return { ...literal, value: canonicalTimestamp(literal.value) };
    case 'int':
    case 'float':
    case 'bool':
      return literal;
  }
}

function canonicalValue(literal: Literal, normalise?: (text: string) => string | undefined): Literal {
  if (literal.type !== 'set') {
    return canonicalPrimitive(literal, normalise);
  }
  // Set membership ignores order and repeats.
  const values = literal.values.map((v) => canonicalPrimitive(v, normalise));
  return { type: 'set', values: sortUnique(values, serialiseLiteral, true) };
}

function canonicalComparison(node: Comparison): Comparison {
  const path = canonicalPath(node.path);
  const pathValue = pathValueOf(path);
  // LIKE, MATCHES and ordering compare text as written; sets of addresses compare as blocks.
  const normalises =
    node.operator === '=' ||
    node.operator === '!=' ||
    node.operator === 'IN' ||
    ((node.operator === 'ISSUBSET' || node.operator === 'ISSUPERSET') && IP_TYPES.has(path.objectType));
  const value = canonicalValue(node.value, normalises ? pathValue?.normalise : undefined);
  return { ...node, path, value } as Comparison;
}

function canonicalComparisonExpression(node: ComparisonExpression): ComparisonExpression {
  switch (node.type) {
    case 'exists':
      return { ...node, path: canonicalPath(node.path) };
    case 'comparison':
      return canonicalComparison(node);
    case 'comparison-join': {
      const flat = node.operands
        .map(canonicalComparisonExpression)
        .flatMap((o) => (o.type === 'comparison-join' && o.operator === node.operator ? o.operands : [o]));
      // Within one observation AND and OR are plain boolean logic: commutative and idempotent.
      const operands = sortUnique(flat, serialiseComparisonExpression, true);
      return operands.length === 1 ? operands[0]! : { ...node, operands };
    }
  }
}

/** @see STIX 2.1 section 9.2 (AND and OR of observations commute; FOLLOWEDBY does not) */
export function canonicalisePattern(node: Pattern): Pattern {
  switch (node.type) {
    case 'observation':
      return { ...node, expression: canonicalComparisonExpression(node.expression) };
    case 'qualified': {
      const { qualifier } = node;
      return {
        ...node,
        expression: canonicalisePattern(node.expression),
        qualifier:
          qualifier.type === 'start-stop'
            ? {
                ...qualifier,
                start: canonicalTimestamp(qualifier.start),
                stop: canonicalTimestamp(qualifier.stop),
              }
            : qualifier,
      };
    }
    case 'observation-join': {
      const flat = node.operands
        .map(canonicalisePattern)
        .flatMap((o) => (o.type === 'observation-join' && o.operator === node.operator ? o.operands : [o]));
      if (node.operator === 'FOLLOWEDBY') {
        return { ...node, operands: flat };
      }
      // AND of observations may need distinct observations for equal operands, so only OR drops repeats.
      const operands: ObservationExpression[] = sortUnique(flat, serialisePattern, node.operator === 'OR');
      return operands.length === 1 ? operands[0]! : { ...node, operands };
    }
  }
}

export type CanonicalResult = { ok: true; value: string } | { ok: false; error: PatternError };

/** Parses and returns the canonical pattern text, the dedupe key of an indicator. */
export function canonicalPattern(text: string, options?: ParseOptions): CanonicalResult {
  const parsed = parsePattern(text, options);
  return parsed.ok ? { ok: true, value: serialisePattern(canonicalisePattern(parsed.value)) } : parsed;
}
