// Prints a pattern syntax tree as STIX pattern text with stable spacing, upper-case keywords and the
// canonical operator spellings (= for ==, != for <>); parentheses only where precedence needs them.
// @see STIX 2.1 section 9 (grammar) — the output always parses back to the same tree.
import type { ComparisonExpression, Literal, ObjectPath, ObservationExpression, Qualifier } from './ast.ts';
import { isReservedWord } from './cursor.ts';

const OBSERVATION_PRECEDENCE = { FOLLOWEDBY: 1, OR: 2, AND: 3 } as const;
const COMPARISON_PRECEDENCE = { OR: 1, AND: 2 } as const;
const BARE_KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function quoteString(value: string): string {
  return `'${value.replace(/[\\']/g, (c) => `\\${c}`)}'`;
}

function printKey(name: string): string {
  return BARE_KEY.test(name) && !isReservedWord(name) ? name : quoteString(name);
}

export function serialiseObjectPath(path: ObjectPath): string {
  let text = `${path.objectType}:${printKey(path.property)}`;
  for (const step of path.steps) {
    text += step.type === 'key' ? `.${printKey(step.name)}` : step.type === 'any' ? '[*]' : `[${step.index}]`;
  }
  return text;
}

export function serialiseLiteral(literal: Literal): string {
  switch (literal.type) {
    case 'string':
      return quoteString(literal.value);
    case 'int':
    case 'float':
      return String(literal.value);
    case 'bool':
      return literal.value ? 'true' : 'false';
    case 'timestamp':
      return `t'${literal.value}'`;
    case 'hex':
      return `h'${literal.value}'`;
    case 'binary':
      return `b'${literal.value}'`;
    case 'set':
      return `(${literal.values.map(serialiseLiteral).join(', ')})`;
  }
}

function serialiseComparison(node: ComparisonExpression, parentPrecedence: number): string {
  if (node.type === 'exists') {
    return `${node.negated ? 'NOT ' : ''}EXISTS ${serialiseObjectPath(node.path)}`;
  }
  if (node.type === 'comparison') {
    const not = node.negated ? 'NOT ' : '';
    return `${serialiseObjectPath(node.path)} ${not}${node.operator} ${serialiseLiteral(node.value)}`;
  }
  const precedence = COMPARISON_PRECEDENCE[node.operator];
  // A nested join of the same operator prints flat: the parser flattens it back.
  const text = node.operands
    .map((o) =>
      serialiseComparison(o, o.type === 'comparison-join' && o.operator === node.operator ? 0 : precedence),
    )
    .join(` ${node.operator} `);
  return precedence < parentPrecedence ? `(${text})` : text;
}

/** Text of a comparison expression, as it appears between the brackets of an observation. */
export function serialiseComparisonExpression(node: ComparisonExpression): string {
  return serialiseComparison(node, 0);
}

export function serialiseQualifier(qualifier: Qualifier): string {
  switch (qualifier.type) {
    case 'within':
      return `WITHIN ${qualifier.seconds} SECONDS`;
    case 'repeats':
      return `REPEATS ${qualifier.times} TIMES`;
    case 'start-stop':
      return `START t'${qualifier.start}' STOP t'${qualifier.stop}'`;
  }
}

type Printed = { text: string; kinds: Set<Qualifier['type']> | undefined };

/**
 * `kinds` lists the qualifiers applied directly to a bracketed observation (undefined once a group is
 * parenthesised): repeating one of them needs parentheses, as the parser demands.
 */
function printObservation(node: ObservationExpression, parentPrecedence: number): Printed {
  switch (node.type) {
    case 'observation':
      return { text: `[${serialiseComparison(node.expression, 0)}]`, kinds: new Set() };
    case 'observation-join': {
      const precedence = OBSERVATION_PRECEDENCE[node.operator];
      const text = node.operands
        .map((o) => {
          const same = o.type === 'observation-join' && o.operator === node.operator;
          return printObservation(o, same ? 0 : precedence).text;
        })
        .join(` ${node.operator} `);
      return { text: precedence < parentPrecedence ? `(${text})` : text, kinds: undefined };
    }
    case 'qualified': {
      const inner = printObservation(node.expression, 0);
      const qualifier = serialiseQualifier(node.qualifier);
      const group =
        node.expression.type === 'observation-join' || inner.kinds?.has(node.qualifier.type) === true;
      if (group) {
        return { text: `(${inner.text}) ${qualifier}`, kinds: undefined };
      }
      return {
        text: `${inner.text} ${qualifier}`,
        kinds: inner.kinds && new Set([...inner.kinds, node.qualifier.type]),
      };
    }
  }
}

/** Pattern text for a syntax tree. */
export function serialisePattern(pattern: ObservationExpression): string {
  return printObservation(pattern, 0).text;
}
