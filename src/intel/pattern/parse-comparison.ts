// The comparison half of the grammar: comparison expressions (AND binds tighter than OR) and
// property tests with every operator, EXISTS and NOT.
// @see STIX 2.1 sections 9.2 (comparison expressions) and 9.5 (comparison operators)
import type { ComparisonExpression, ComparisonJoin, OrderableLiteral } from './ast.ts';
import type { TokenCursor } from './cursor.ts';
import type { Token } from './lexer.ts';
import { parsePrimitive, parseSet } from './parse-literal.ts';
import { parseObjectPath } from './parse-path.ts';

export const MAX_NESTING = 100;
const OPERATOR_LIST = '=, !=, <, <=, >, >=, IN, LIKE, MATCHES, ISSUBSET, ISSUPERSET';
const STRING_OPERATORS = ['LIKE', 'MATCHES', 'ISSUBSET', 'ISSUPERSET'] as const;

export function enterNesting(cursor: TokenCursor, at: Token): void {
  cursor.depth += 1;
  if (cursor.depth > MAX_NESTING) {
    cursor.failAt(at.start, `parentheses and brackets nest deeper than ${MAX_NESTING} levels`);
  }
}

function joinOf(
  cursor: TokenCursor,
  operator: ComparisonJoin,
  parseOperand: () => ComparisonExpression,
): ComparisonExpression {
  const operands = [parseOperand()];
  while (cursor.accept(operator)) {
    operands.push(parseOperand());
  }
  if (operands.length === 1) {
    return operands[0]!;
  }
  // Parenthesised groups of the same operator are flattened: AND and OR are associative.
  const flat = operands.flatMap((o) =>
    o.type === 'comparison-join' && o.operator === operator ? o.operands : [o],
  );
  return { type: 'comparison-join', operator, operands: flat };
}

export function parseComparisonExpression(cursor: TokenCursor): ComparisonExpression {
  return joinOf(cursor, 'OR', () => joinOf(cursor, 'AND', () => parsePropTest(cursor)));
}

function parsePropTest(cursor: TokenCursor): ComparisonExpression {
  const first = cursor.peek();
  if (first.kind === '(') {
    enterNesting(cursor, cursor.next());
    const inner = parseComparisonExpression(cursor);
    cursor.expectKind(')', "')' or AND or OR");
    cursor.depth -= 1;
    return inner;
  }
  if (cursor.isKeyword(first, 'EXISTS') || (cursor.isKeyword(first, 'NOT') && cursor.peek(1).kind !== ':')) {
    const negated = cursor.accept('NOT') !== undefined;
    cursor.expectKeyword('EXISTS');
    return { type: 'exists', negated, path: parseObjectPath(cursor) };
  }
  const path = parseObjectPath(cursor);
  const negated = cursor.accept('NOT') !== undefined;
  const op = cursor.peek();
  if (op.kind === 'operator') {
    cursor.next();
    if (op.value === '=' || op.value === '!=') {
      return { type: 'comparison', path, negated, operator: op.value, value: parsePrimitive(cursor, true) };
    }
    const operator = op.value as '<' | '<=' | '>' | '>=';
    return {
      type: 'comparison',
      path,
      negated,
      operator,
      value: parsePrimitive(cursor, false) as OrderableLiteral,
    };
  }
  if (cursor.accept('IN')) {
    return { type: 'comparison', path, negated, operator: 'IN', value: parseSet(cursor) };
  }
  const operator = STRING_OPERATORS.find((o) => cursor.isKeyword(op, o));
  if (operator === undefined) {
    cursor.fail(
      negated
        ? `a comparison operator after NOT (${OPERATOR_LIST})`
        : `a comparison operator (${OPERATOR_LIST})`,
    );
  }
  cursor.next();
  const value = cursor.expectKind('string', `a string literal after ${operator}`);
  return { type: 'comparison', path, negated, operator, value: { type: 'string', value: value.value } };
}
