// Recursive-descent parser for the whole STIX 2.1 patterning grammar: observation expressions
// (AND binds tighter than OR, OR tighter than FOLLOWEDBY), qualifiers, and comparison expressions.
// @see STIX 2.1 section 9 and pattern_grammar/STIXPattern.g4 (cti-stix2-json-schemas)
import type { ObservationExpression, ObservationOperator, Pattern, Qualifier } from './ast.ts';
import { ParseFailure, TokenCursor, type KeywordCase } from './cursor.ts';
import { lexPattern } from './lexer.ts';
import { enterNesting, parseComparisonExpression } from './parse-comparison.ts';
import { canonicalDecimal } from './parse-literal.ts';
import { locateError, type PatternError } from './parse-error.ts';

export type ParseOptions = {
  /**
   * 'upper' (default) follows the STIX 2.1 grammar: keywords in upper case, booleans in lower case.
   * 'any' also accepts `and`, `Within`, `TRUE`… as some producers write them (STIX 2.0 allowed it).
   */
  keywordCase?: KeywordCase;
};

export type ParseResult = { ok: true; value: Pattern } | { ok: false; error: PatternError };

const NEXT_OBSERVATION = "'[' or '('";
const AFTER_OBSERVATION = 'AND, OR, FOLLOWEDBY, WITHIN, REPEATS, START';

function joinOf(
  cursor: TokenCursor,
  operator: ObservationOperator,
  parseOperand: () => ObservationExpression,
): ObservationExpression {
  const operands = [parseOperand()];
  while (cursor.accept(operator)) {
    operands.push(parseOperand());
  }
  if (operands.length === 1) {
    return operands[0]!;
  }
  const flat = operands.flatMap((o) =>
    o.type === 'observation-join' && o.operator === operator ? o.operands : [o],
  );
  return { type: 'observation-join', operator, operands: flat };
}

function parseObservations(cursor: TokenCursor): ObservationExpression {
  return joinOf(cursor, 'FOLLOWEDBY', () =>
    joinOf(cursor, 'OR', () => joinOf(cursor, 'AND', () => parseQualified(cursor))),
  );
}

function parseQualified(cursor: TokenCursor): ObservationExpression {
  const open = cursor.peek();
  let expression: ObservationExpression;
  if (open.kind === '[') {
    enterNesting(cursor, cursor.next());
    expression = { type: 'observation', expression: parseComparisonExpression(cursor) };
    cursor.expectKind(']', "']' or AND or OR");
  } else if (open.kind === '(') {
    enterNesting(cursor, cursor.next());
    expression = parseObservations(cursor);
    cursor.expectKind(')', `')' or AND, OR, FOLLOWEDBY, WITHIN, REPEATS, START`);
  } else {
    return cursor.fail(`${NEXT_OBSERVATION} to start an observation expression`);
  }
  cursor.depth -= 1;
  // Like the OASIS validator, a qualifier type may appear once on a bracketed observation; a
  // parenthesised group starts afresh, so `([a] WITHIN 1 SECONDS) WITHIN 2 SECONDS` stays valid.
  const seen: Set<Qualifier['type']> | undefined = open.kind === '[' ? new Set() : undefined;
  for (;;) {
    const keyword = cursor.peek();
    const qualifier = parseQualifier(cursor);
    if (qualifier === undefined) {
      return expression;
    }
    if (seen?.has(qualifier.type)) {
      cursor.failAt(
        keyword.start,
        `duplicate ${keyword.text} qualifier on one observation: parenthesise to apply it again`,
      );
    }
    seen?.add(qualifier.type);
    expression = { type: 'qualified', expression, qualifier };
  }
}

/** @see STIX 2.1 section 9.6: WITHIN n SECONDS, REPEATS n TIMES, START t'…' STOP t'…' */
function parseQualifier(cursor: TokenCursor): Qualifier | undefined {
  if (cursor.accept('WITHIN')) {
    const amount = cursor.peek();
    if ((amount.kind !== 'int' && amount.kind !== 'float') || amount.text.startsWith('-')) {
      cursor.fail('a positive number of seconds after WITHIN');
    }
    cursor.next();
    cursor.expectKeyword('SECONDS');
    // 5, 5.0 and +05.00 are one window: a whole number of seconds is written without a fraction.
    return { type: 'within', seconds: canonicalDecimal(amount.text).replace(/\.0$/, '') };
  }
  if (cursor.accept('REPEATS')) {
    const count = cursor.peek();
    if (count.kind !== 'int' || count.text.startsWith('-') || !Number.isSafeInteger(Number(count.text))) {
      cursor.fail('a positive integer after REPEATS');
    }
    cursor.next();
    cursor.expectKeyword('TIMES');
    return { type: 'repeats', times: Number(count.text) };
  }
  if (cursor.accept('START')) {
    const start = cursor.expectKind('timestamp', "a timestamp t'…' after START");
    cursor.expectKeyword('STOP');
    const stop = cursor.expectKind('timestamp', "a timestamp t'…' after STOP");
    return { type: 'start-stop', start: start.value, stop: stop.value };
  }
  return undefined;
}

/**
 * Parses a STIX 2.1 pattern. Syntax errors are values naming the position and what was expected.
 * @see STIX 2.1 section 9 (STIX Patterning)
 */
export function parsePattern(text: string, options: ParseOptions = {}): ParseResult {
  const lexed = lexPattern(text);
  if (!lexed.ok) {
    return { ok: false, error: locateError(text, lexed.error) };
  }
  const cursor = new TokenCursor(lexed.tokens, options.keywordCase ?? 'upper');
  try {
    const pattern = parseObservations(cursor);
    if (!cursor.is('eof')) {
      const context =
        cursor.peek().kind === '[' ? `${AFTER_OBSERVATION} between observations` : AFTER_OBSERVATION;
      cursor.fail(`${context} or the end of the pattern`);
    }
    return { ok: true, value: pattern };
  } catch (error) {
    if (error instanceof ParseFailure) {
      return { ok: false, error: locateError(text, error.draft) };
    }
    throw error;
  }
}

let lastText: string | undefined;
let lastResult: ParseResult | undefined;

/**
 * parsePattern with a memory of the last pattern (default options): ingest validates an indicator's
 * pattern and then derives its dedupe key and values from it, one parse instead of two. The result is
 * shared, so callers must not mutate it (nothing does: canonicalisation builds new nodes).
 */
export function parsePatternOnce(text: string): ParseResult {
  if (text !== lastText || lastResult === undefined) {
    lastResult = parsePattern(text);
    lastText = text;
  }
  return lastResult;
}
