// A cursor over pattern tokens for the recursive-descent parser: lookahead, keyword tests under the
// chosen keyword case, and failures that carry the position and what was expected there.
import type { Token, TokenKind } from './lexer.ts';
import { describeFound, type PatternErrorDraft } from './parse-error.ts';

export type KeywordCase = 'upper' | 'any';

/** Words the grammar reserves: keywords in upper case and the boolean literals. */
const RESERVED = new Set([
  'AND',
  'OR',
  'NOT',
  'FOLLOWEDBY',
  'LIKE',
  'MATCHES',
  'ISSUPERSET',
  'ISSUBSET',
  'EXISTS',
  'LAST',
  'IN',
  'START',
  'STOP',
  'SECONDS',
  'WITHIN',
  'REPEATS',
  'TIMES',
  'true',
  'false',
]);

export function isReservedWord(word: string): boolean {
  return RESERVED.has(word);
}

/** Thrown inside the parser only; parsePattern turns it into a value. */
export class ParseFailure extends Error {
  readonly draft: PatternErrorDraft;
  constructor(draft: PatternErrorDraft) {
    super(draft.message);
    this.draft = draft;
  }
}

export class TokenCursor {
  private index = 0;
  private readonly tokens: Token[];
  private readonly keywordCase: KeywordCase;
  depth = 0;

  constructor(tokens: Token[], keywordCase: KeywordCase) {
    this.tokens = tokens;
    this.keywordCase = keywordCase;
  }

  peek(ahead = 0): Token {
    return this.tokens[Math.min(this.index + ahead, this.tokens.length - 1)]!;
  }

  next(): Token {
    const token = this.peek();
    this.index = Math.min(this.index + 1, this.tokens.length - 1);
    return token;
  }

  /** Whether `token` is the keyword, in upper case or (keywordCase "any") in any case. */
  isKeyword(token: Token, keyword: string): boolean {
    if (token.kind !== 'word') {
      return false;
    }
    return this.keywordCase === 'upper' ? token.text === keyword : token.text.toUpperCase() === keyword;
  }

  /** The boolean a word spells (`true`/`false`; any case under keywordCase "any"), if any. */
  boolValue(token: Token): boolean | undefined {
    if (token.kind !== 'word') {
      return undefined;
    }
    const text = this.keywordCase === 'upper' ? token.text : token.text.toLowerCase();
    return text === 'true' ? true : text === 'false' ? false : undefined;
  }

  /** Consumes the keyword if it comes next. */
  accept(keyword: string): Token | undefined {
    return this.isKeyword(this.peek(), keyword) ? this.next() : undefined;
  }

  is(kind: TokenKind): boolean {
    return this.peek().kind === kind;
  }

  expectKind(kind: TokenKind, expected: string): Token {
    if (this.peek().kind !== kind) {
      this.fail(expected);
    }
    return this.next();
  }

  expectKeyword(keyword: string): Token {
    const token = this.accept(keyword);
    return token ?? this.fail(keyword);
  }

  /** Fails at the next token: "expected <expected>, found <token>". */
  fail(expected: string, token: Token = this.peek()): never {
    const hint =
      token.kind === 'word' &&
      RESERVED.has(token.text.toUpperCase()) &&
      token.text !== token.text.toUpperCase()
        ? ' (keywords are written in upper case)'
        : '';
    throw new ParseFailure({
      position: token.start,
      message: `expected ${expected}, found ${describeFound(token.kind, token.text)}${hint}`,
    });
  }

  failAt(position: number, message: string): never {
    throw new ParseFailure({ position, message });
  }
}
