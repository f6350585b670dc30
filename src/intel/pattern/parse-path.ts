// Object paths: `<object type>:<property>` followed by `.key`, `.'quoted key'`, `[n]` or `[*]` steps.
// @see STIX 2.1 section 9.3 (object path syntax)
import type { ObjectPath, PathStep } from './ast.ts';
import { isReservedWord, type TokenCursor } from './cursor.ts';
import type { Token } from './lexer.ts';

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
