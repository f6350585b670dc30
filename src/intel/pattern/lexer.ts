// Splits a STIX pattern into tokens: punctuation, comparison operators, words (identifiers and
// keywords, told apart by the parser from context), and the literal kinds of the grammar.
// @see STIX 2.1 section 9.4 (literals) and the lexer rules of pattern_grammar/STIXPattern.g4
import type { PatternErrorDraft } from './parse-error.ts';

export type TokenKind =
  | '['
  | ']'
  | '('
  | ')'
  | ':'
  | '.'
  | ','
  | '*'
  | 'operator'
  | 'word'
  | 'string'
  | 'int'
  | 'float'
  | 'timestamp'
  | 'hex'
  | 'binary'
  | 'eof';

/** `value` holds the decoded content of literals and the canonical spelling of operators. */
export type Token = { kind: TokenKind; start: number; end: number; text: string; value: string };

export type LexResult = { ok: true; tokens: Token[] } | { ok: false; error: PatternErrorDraft };

const PUNCTUATION = '[]():.,*';
const OPERATOR_START = '=!<>';
const OPERATORS: Record<string, string> = {
  '==': '=',
  '=': '=',
  '!=': '!=',
  '<>': '!=',
  '<=': '<=',
  '>=': '>=',
  '<': '<',
  '>': '>',
};
// The WS rule of the grammar: ASCII space and controls plus the Unicode spaces it lists.
const SPACE = new Set(
  [0x20, 0x09, 0x0d, 0x0a, 0x0b, 0x0c, 0x85, 0xa0, 0x1680, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000].concat(
    Array.from({ length: 11 }, (_, i) => 0x2000 + i),
  ),
);
const isLetter = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
const isDigit = (c: number) => c >= 48 && c <= 57;
const isWordPart = (c: number) => isLetter(c) || isDigit(c) || c === 45;
const TIMESTAMP =
  /^[0-9]{4}-(0[1-9]|1[012])-(0[1-9]|[12][0-9]|3[01])T([01][0-9]|2[0-3]):[0-5][0-9]:([0-5][0-9]|60)(\.[0-9]+)?Z$/;
const HEX = /^([0-9A-Fa-f]{2})*$/;
const BASE64 = /^([A-Za-z0-9+/]{4})*([A-Za-z0-9+/]{4}|[A-Za-z0-9+/]{3}=|[A-Za-z0-9+/]{2}==)$/;
const NUMBER = /[+-]?([0-9]+(\.[0-9]+)?|\.[0-9]+)/y;

const fail = (position: number, message: string): LexResult => ({ ok: false, error: { position, message } });

/** Reads a quoted body from the opening quote at `open`; only \' and \\ are escapes. */
function readQuoted(text: string, open: number): { value: string; end: number } | PatternErrorDraft {
  let value = '';
  let from = open + 1;
  for (;;) {
    const quote = text.indexOf("'", from);
    const backslash = text.indexOf('\\', from);
    if (quote < 0 && (backslash < 0 || backslash === text.length - 1)) {
      return { position: open, message: 'unterminated string literal: expected a closing quote' };
    }
    if (backslash < 0 || (quote >= 0 && quote < backslash)) {
      return { value: value + text.slice(from, quote), end: quote + 1 };
    }
    const next = text[backslash + 1];
    if (next !== "'" && next !== '\\') {
      const shown = next === undefined ? 'end of input' : `'\\${next}'`;
      return {
        position: backslash,
        message: `invalid escape ${shown} in a string: only \\' and \\\\ are allowed`,
      };
    }
    value += text.slice(from, backslash) + next;
    from = backslash + 2;
  }
}

const TYPED: Record<string, { kind: TokenKind; check: RegExp; expected: string }> = {
  t: { kind: 'timestamp', check: TIMESTAMP, expected: "a timestamp t'YYYY-MM-DDTHH:MM:SS[.fraction]Z'" },
  h: { kind: 'hex', check: HEX, expected: "a hex literal h'…' with an even number of hex digits" },
  b: { kind: 'binary', check: BASE64, expected: "a binary literal b'…' holding padded base64" },
};

/** Skips whitespace and comments from `i`; returns the next significant index or an error. */
function skipSpace(text: string, from: number): number | PatternErrorDraft {
  let i = from;
  for (;;) {
    const c = text[i];
    if (SPACE.has(text.charCodeAt(i))) {
      i += 1;
    } else if (c === '/' && text[i + 1] === '*') {
      const close = text.indexOf('*/', i + 2);
      if (close < 0) {
        return { position: i, message: 'unterminated comment: expected */' };
      }
      i = close + 2;
    } else if (c === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n' && text[i] !== '\r') {
        i += 1;
      }
    } else {
      return i;
    }
  }
}

/** @see STIX 2.1 section 9.4 and the lexer rules of STIXPattern.g4 */
export function lexPattern(text: string): LexResult {
  const tokens: Token[] = [];
  const push = (kind: TokenKind, start: number, end: number, value = text.slice(start, end)) =>
    tokens.push({ kind, start, end, text: text.slice(start, end), value });
  let i = 0;
  for (;;) {
    const next = skipSpace(text, i);
    if (typeof next !== 'number') {
      return { ok: false, error: next };
    }
    i = next;
    if (i >= text.length) {
      push('eof', i, i, '');
      return { ok: true, tokens };
    }
    const c = text[i]!;
    const operator = OPERATOR_START.includes(c)
      ? OPERATORS[text.slice(i, i + 2)] === undefined
        ? c
        : text.slice(i, i + 2)
      : '';
    if (PUNCTUATION.includes(c) && !(c === '.' && isDigit(text.charCodeAt(i + 1)))) {
      push(c as TokenKind, i, i + 1);
      i += 1;
    } else if (OPERATORS[operator] !== undefined) {
      push('operator', i, i + operator.length, OPERATORS[operator]);
      i += operator.length;
    } else if (c === "'") {
      const read = readQuoted(text, i);
      if ('message' in read) {
        return { ok: false, error: read };
      }
      push('string', i, read.end, read.value);
      i = read.end;
    } else if (isLetter(text.charCodeAt(i))) {
      const typed = TYPED[c];
      if (typed !== undefined && text[i + 1] === "'") {
        const read = readQuoted(text, i + 1);
        if ('message' in read || !typed.check.test(read.value)) {
          return fail(i, `invalid literal: expected ${typed.expected}`);
        }
        push(typed.kind, i, read.end, read.value);
        i = read.end;
        continue;
      }
      let j = i + 1;
      while (j < text.length && isWordPart(text.charCodeAt(j))) {
        j += 1;
      }
      push('word', i, j);
      i = j;
    } else {
      NUMBER.lastIndex = i;
      const number = NUMBER.exec(text);
      if (number === null) {
        const shown = c === '"' ? `'"' (strings take single quotes)` : `'${c}'`;
        return fail(i, `unexpected character ${shown}`);
      }
      const literal = number[0];
      const isFloat = literal.includes('.');
      if (!isFloat && /^[+-]?0[0-9]/.test(literal)) {
        return fail(i, `invalid integer '${literal}': leading zeros are not allowed`);
      }
      push(isFloat ? 'float' : 'int', i, i + literal.length);
      i += literal.length;
    }
  }
}
