// The comparison half of the grammar: comparison expressions (AND binds tighter than OR),
// property tests with every operator, object paths and literals.
// @see STIX 2.1 sections 9.3 (object paths), 9.4 (literals), 9.5 (comparison operators)
import type {
  ComparisonExpression,
  ComparisonJoin,
  ObjectPath,
  OrderableLiteral,
  PathStep,
  PrimitiveLiteral,
  SetLiteral,
} from './ast.ts';
import { isReservedWord, type TokenCursor } from './cursor.ts';
import type { Token } from './lexer.ts';

export const MAX_NESTING = 100;
const OPERATOR_LIST = '=, !=, <, <=, >, >=, IN, LIKE, MATCHES, ISSUBSET, ISSUPERSET';
const STRING_OPERATORS = ['LIKE', 'MATCHES', 'ISSUBSET', 'ISSUPERSET'] as const;

export function enterNesting(cursor: TokenCursor, at: Token): void {
  cursor.depth += 1;
  if (cursor.depth > MAX_NESTING) {
    cursor.failAt(at.start, `parentheses and brackets nest deeper than ${MAX_NESTING} levels`);
  }
}

/** Canonical decimal text: no sign for positives, no leading or trailing zeros beyond one digit. */
export function canonicalDecimal(text: string): string {
  const negative = text.startsWith('-');
  const [whole = '', fraction = ''] = text.replace(/^[+-]/, '').split('.');
  const intPart = whole.replace(/^0+(?=.)/, '') || '0';
  const fracPart = fraction.replace(/0+$/, '') || '0';
  const isZero = /^0+$/.test(intPart) && fracPart === '0';
  return `${negative && !isZero ? '-' : ''}${intPart}.${fracPart}`;
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

function propertyName(cursor: TokenCursor, where: string): string {
  const token = cursor.peek();
  if (token.kind === 'string') {
    return cursor.next().value;
  }
  if (token.kind !== 'word') {
    cursor.fail(`a property name ${where}`);
  }
  if (token.text.includes('-')) {
    cursor.failAt(
      token.start,
      `property name '${token.text}' contains a hyphen: quote it as '${token.text}'`,
    );
  }
  if (isReservedWord(token.text)) {
    cursor.failAt(token.start, `'${token.text}' is a reserved word: quote it to use it as a property name`);
  }
  return cursor.next().text;
}

export function parseObjectPath(cursor: TokenCursor): ObjectPath {
  const type = cursor.peek();
  if (type.kind !== 'word' || isReservedWord(type.text)) {
    cursor.fail("an object path such as file:name (or '(', NOT, EXISTS)");
  }
  cursor.next();
  cursor.expectKind(':', `':' after the object type '${type.text}'`);
  const property = propertyName(cursor, `after '${type.text}:'`);
  const steps: PathStep[] = [];
  for (;;) {
    if (cursor.is('.')) {
      cursor.next();
      steps.push({ type: 'key', name: propertyName(cursor, "after '.'") });
    } else if (cursor.is('[')) {
      cursor.next();
      const index = cursor.peek();
      if (index.kind !== 'int' && index.kind !== '*') {
        cursor.fail('a list index (an integer or *)');
      }
      cursor.next();
      steps.push(index.kind === '*' ? { type: 'any' } : { type: 'index', index: toIndex(cursor, index) });
      cursor.expectKind(']', "']' after the list index");
    } else {
      return { objectType: type.text, property, steps };
    }
  }
}

function toIndex(cursor: TokenCursor, token: Token): number {
  const index = Number(token.text);
  if (!Number.isSafeInteger(index)) {
    cursor.failAt(token.start, `list index ${token.text} is out of range`);
  }
  return index;
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

function parseSet(cursor: TokenCursor): SetLiteral {
  cursor.expectKind('(', "'(' to open the set after IN");
  const values: PrimitiveLiteral[] = [];
  if (!cursor.is(')')) {
    values.push(parsePrimitive(cursor, true));
    while (cursor.is(',')) {
      cursor.next();
      values.push(parsePrimitive(cursor, true));
    }
  }
  cursor.expectKind(')', "',' or ')' in the set");
  return { type: 'set', values };
}

/** A literal; booleans only where `allowBool` (=, != and sets), since they are not orderable. */
export function parsePrimitive(cursor: TokenCursor, allowBool: boolean): PrimitiveLiteral {
  const token = cursor.peek();
  if (
    token.kind === 'string' ||
    token.kind === 'timestamp' ||
    token.kind === 'hex' ||
    token.kind === 'binary'
  ) {
    cursor.next();
    return { type: token.kind, value: token.value };
  }
  if (token.kind === 'int') {
    cursor.next();
    return { type: 'int', value: BigInt(token.text) };
  }
  if (token.kind === 'float') {
    cursor.next();
    return { type: 'float', value: canonicalDecimal(token.text) };
  }
  const bool = cursor.boolValue(token);
  if (allowBool && bool !== undefined) {
    cursor.next();
    return { type: 'bool', value: bool };
  }
  const what = allowBool
    ? 'string, number, boolean, timestamp, hex or binary'
    : 'string, number, timestamp, hex or binary';
  return cursor.fail(`a literal (${what})`);
}
