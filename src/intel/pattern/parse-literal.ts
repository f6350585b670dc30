// Literals of the patterning grammar: strings, integers (exact), floats (canonical decimal text),
// booleans, timestamps, hex and binary, and the sets that IN compares against.
// @see STIX 2.1 section 9.4 (literals)
import type { PrimitiveLiteral, SetLiteral } from './ast.ts';
import type { TokenCursor } from './cursor.ts';

/** Canonical decimal text: no sign for positives, no leading or trailing zeros beyond one digit. */
export function canonicalDecimal(text: string): string {
  const negative = text.startsWith('-');
  const [whole = '', fraction = ''] = text.replace(/^[+-]/, '').split('.');
  const intPart = whole.replace(/^0+(?=.)/, '') || '0';
  const fracPart = fraction.replace(/0+$/, '') || '0';
  const isZero = /^0+$/.test(intPart) && fracPart === '0';
  return `${negative && !isZero ? '-' : ''}${intPart}.${fracPart}`;
}

export function parseSet(cursor: TokenCursor): SetLiteral {
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
