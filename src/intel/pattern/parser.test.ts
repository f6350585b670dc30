// Parser tests: every pattern of the corpus (OASIS examples, the specification's examples, the
// OASIS validator's pass cases, our own) parses; invalid patterns fail at the expected position.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Pattern } from './ast.ts';
import { parsePattern } from './parser.ts';

const corpus = readFileSync(resolve(import.meta.dirname, 'fixtures/valid-patterns.txt'), 'utf8')
  .split('\n')
  .filter((line) => line !== '' && !line.startsWith('#'));

function parsed(text: string): Pattern {
  const result = parsePattern(text);
  if (!result.ok) {
    throw new Error(`${text}: ${result.error.message} at ${result.error.position}`);
  }
  return result.value;
}

describe('parsePattern on valid patterns', () => {
  it('reads the whole corpus', () => {
    expect(corpus.length).toBeGreaterThan(130);
    const failures = corpus.map((p) => ({ p, r: parsePattern(p) })).filter(({ r }) => !r.ok);
    expect(failures).toEqual([]);
  });

  it('builds the tree of a simple comparison', () => {
    expect(parsed("[file:hashes.'SHA-256' = 'ab']")).toEqual({
      type: 'observation',
      expression: {
        type: 'comparison',
        path: { objectType: 'file', property: 'hashes', steps: [{ type: 'key', name: 'SHA-256' }] },
        negated: false,
        operator: '=',
        value: { type: 'string', value: 'ab' },
      },
    });
  });

  it('binds AND tighter than OR, and OR tighter than FOLLOWEDBY', () => {
    const tree = parsed('[a:b = 1] OR [c:d = 2] AND [e:f = 3] FOLLOWEDBY [g:h = 4]');
    expect(tree.type === 'observation-join' && tree.operator).toBe('FOLLOWEDBY');
    const first = tree.type === 'observation-join' ? tree.operands[0] : undefined;
    expect(first?.type === 'observation-join' && first.operator).toBe('OR');
    const inner = first?.type === 'observation-join' ? first.operands[1] : undefined;
    expect(inner?.type === 'observation-join' && inner.operator).toBe('AND');
    const comparison = parsed('[a:b = 1 OR c:d = 2 AND e:f = 3]');
    expect(
      comparison.type === 'observation' &&
        comparison.expression.type === 'comparison-join' &&
        comparison.expression.operator,
    ).toBe('OR');
  });

  it('applies a qualifier to the observation just before it', () => {
    const tree = parsed("[a:b = 'x'] AND [c:d = 'y'] WITHIN 5 SECONDS");
    expect(tree.type).toBe('observation-join');
    expect(tree.type === 'observation-join' && tree.operands[1]?.type).toBe('qualified');
    const grouped = parsed("([a:b = 'x'] AND [c:d = 'y']) WITHIN 5 SECONDS");
    expect(grouped.type === 'qualified' && grouped.expression.type).toBe('observation-join');
  });

  it('flattens chains of one operator, parenthesised or not', () => {
    const tree = parsed('[a:b = 1] FOLLOWEDBY ([c:d = 2] FOLLOWEDBY [e:f = 3])');
    expect(tree.type === 'observation-join' && tree.operands).toHaveLength(3);
  });

  it('decodes every literal kind', () => {
    const tree = parsed(
      "[x:a IN ('it\\'s \\\\', 12345678901234567890, -007.50, true, t'2024-02-29T12:00:00.5Z', h'FFd8', b'QUI=')]",
    );
    const values =
      tree.type === 'observation' && tree.expression.type === 'comparison'
        ? tree.expression.value
        : undefined;
    expect(values).toEqual({
      type: 'set',
      values: [
        { type: 'string', value: "it's \\" },
        { type: 'int', value: 12345678901234567890n },
        { type: 'float', value: '-7.5' },
        { type: 'bool', value: true },
        { type: 'timestamp', value: '2024-02-29T12:00:00.5Z' },
        { type: 'hex', value: 'FFd8' },
        { type: 'binary', value: 'QUI=' },
      ],
    });
  });

  it('reads list indexes, [*] and quoted keys in paths', () => {
    const tree = parsed("[x:a[0].'b-c'[*][-2].d EXISTS]".replace(' EXISTS', " = 'v'"));
    expect(
      tree.type === 'observation' && tree.expression.type === 'comparison' && tree.expression.path.steps,
    ).toEqual([
      { type: 'index', index: 0 },
      { type: 'key', name: 'b-c' },
      { type: 'any' },
      { type: 'index', index: -2 },
      { type: 'key', name: 'd' },
    ]);
  });

  it('reads NOT before operators and EXISTS', () => {
    const tree = parsed("[NOT EXISTS x:a AND x:b NOT LIKE 'c%']");
    expect(tree).toMatchObject({
      expression: {
        operands: [
          { type: 'exists', negated: true },
          { operator: 'LIKE', negated: true },
        ],
      },
    });
  });

  it('reads every qualifier', () => {
    const tree = parsed(
      "[a:b = 1] REPEATS 3 TIMES WITHIN +10.50 SECONDS START t'2020-01-01T00:00:00Z' STOP t'2020-01-02T00:00:00Z'",
    );
    const qualifiers: unknown[] = [];
    for (let node: Pattern = tree; node.type === 'qualified'; node = node.expression) {
      qualifiers.unshift(node.qualifier);
    }
    expect(qualifiers).toEqual([
      { type: 'repeats', times: 3 },
      { type: 'within', seconds: '10.5' },
      { type: 'start-stop', start: '2020-01-01T00:00:00Z', stop: '2020-01-02T00:00:00Z' },
    ]);
    expect(parsed('[a:b = 1] WITHIN 5.0 SECONDS')).toEqual(parsed('[a:b = 1] WITHIN 5 SECONDS'));
  });

  it('accepts keywords in any case only when asked to', () => {
    const text = "[file:name = 'a' and file:size in (1, 2)] within 5 seconds or [x:y = TRUE]";
    expect(parsePattern(text).ok).toBe(false);
    const lenient = parsePattern(text, { keywordCase: 'any' });
    expect(lenient.ok).toBe(true);
    expect(parsePattern('[network-traffic:start = 1]', { keywordCase: 'any' }).ok).toBe(true);
  });
});

// Positions count from 0 (columns from 1). The first ten mirror the OASIS validator's fail cases,
// whose ANTLR positions (line 1, 0-based column) are the same offsets.
const INVALID: [pattern: string, position: number, message: RegExp][] = [
  ['file:size = 1280', 0, /expected '\[' or '\(' to start an observation expression, found 'file'/],
  ['[file:size = ]', 13, /expected a literal .* found '\]'/],
  ['[file:hashes.MD5 = cead3f77f6cda6ec00f57d76c9a6879f]', 19, /unexpected character|expected a literal/],
  ['[file.size = 1280]', 5, /expected ':' after the object type 'file'/],
  ['[file:name MATCHES /.*\\.dll/]', 19, /unexpected character '\/'|expected a string literal/],
  ["[win-registry-key:key = 'a'] WITHIN ]", 36, /positive number of seconds after WITHIN/],
  ["[win-registry-key:key = 'a'] WITHIN 5 HOURS]", 38, /expected SECONDS, found 'HOURS'/],
  ["[win-registry-key:key = 'a'] WITHIN -5 SECONDS]", 36, /positive number of seconds/],
  ['[network-traffic:dst_ref.value ISSUBSET ]', 40, /expected a string literal after ISSUBSET, found '\]'/],
  ["[file:hashes.MD5 =? 'x']", 18, /unexpected character '\?'/],
  ["[x_whatever:detected == t'2457-73-22T32:81:84.1Z']", 24, /expected a timestamp/],
  ["[artifact:payload_bin = b'====']", 24, /padded base64/],
  ['[foo:bar=1] within 2 seconds', 12, /found 'within' \(keywords are written in upper case\)/],
  ["[a:b = 'x'] WITHIN 5 SECONDS WITHIN 6 SECONDS", 29, /duplicate WITHIN qualifier/],
  ["([a:b = 'x'] REPEATS 2 TIMES REPEATS 3 TIMES)", 29, /duplicate REPEATS qualifier/],
  [
    "[a:b = 1] START t'2016-06-01T01:30:00Z' STOP t'2016-06-01T02:20:00Z' START t'2016-06-01T01:30:00Z' STOP t'2016-06-01T02:20:00Z'",
    69,
    /duplicate START qualifier/,
  ],
  ["[x:created = t'2024-13-01T12:00:00Z']", 13, /expected a timestamp/],
  ["[x:created = t'2024-01-15T12:30:45']", 13, /expected a timestamp/],
  ['', 0, /expected '\[' or '\(' .* found end of input/],
  ['[]', 1, /expected an object path/],
  ['[a:b = 1', 8, /expected '\]' or AND or OR, found end of input/],
  ['[a:b = 1]]', 9, /or the end of the pattern, found '\]'/],
  ['[a:b = 1] [c:d = 2]', 10, /between observations/],
  ['[a:b = 1] AND', 13, /expected '\[' or '\('/],
  ['([a:b = 1]', 10, /expected '\)'/],
  ['[a:b = 1 AND (c:d = 2]', 21, /expected '\)' or AND or OR, found '\]'/],
  ['[a:b-c = 1]', 3, /property name 'b-c' contains a hyphen: quote it/],
  ['[a:b.START = 1]', 5, /'START' is a reserved word/],
  ['[AND:b = 1]', 1, /expected an object path/],
  ['[a:b[x] = 1]', 5, /expected a list index \(an integer or \*\)/],
  ['[a:b[1.5] = 1]', 5, /expected a list index/],
  ['[a:b = 007]', 7, /leading zeros are not allowed/],
  ["[a:b = 'unterminated]", 7, /unterminated string literal/],
  ["[a:b = 'bad \\n escape']", 12, /invalid escape '\\n'/],
  ['[a:b = "double"]', 7, /strings take single quotes/],
  ['[a:b > true]', 7, /expected a literal \(string, number, timestamp, hex or binary\), found 'true'/],
  ['[a:b LIKE 5]', 10, /expected a string literal after LIKE/],
  ['[a:b IN 5]', 8, /'\(' to open the set after IN/],
  ["[a:b IN ('x' 'y')]", 13, /',' or '\)' in the set/],
  ['[a:b NOT 5]', 9, /a comparison operator after NOT/],
  [
    '[a:b]',
    4,
    /expected a comparison operator \(=, !=, <, <=, >, >=, IN, LIKE, MATCHES, ISSUBSET, ISSUPERSET\)/,
  ],
  ['[NOT a:b = 1]', 5, /expected EXISTS/],
  ['[a:b = 1] REPEATS 2.5 TIMES', 18, /positive integer after REPEATS/],
  ["[a:b = 1] START t'2016-06-01T01:30:00Z'", 39, /expected STOP/],
  ['[a:b = 1] /* open comment', 10, /unterminated comment/],
  ["[a:b = h'abc']", 7, /even number of hex digits/],
  ['[a:b = -]', 7, /unexpected character '-'/],
];

describe('parsePattern on invalid patterns', () => {
  it.each(INVALID)('%s fails at %i', (pattern, position, message) => {
    const result = parsePattern(pattern);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.message).toMatch(message);
      expect(result.error.position).toBe(position);
      expect(result.error.column).toBe(position + 1);
      expect(result.error.line).toBe(1);
    }
  });

  it('gives line and column on multi-line patterns', () => {
    const result = parsePattern("[a:b = 1]\r\nAND\n  [c:d = 'x' OR]");
    expect(result).toEqual({
      ok: false,
      error: { position: 30, line: 3, column: 16, message: expect.stringMatching(/found '\]'/) as unknown },
    });
  });

  it('refuses nesting deeper than 100 levels instead of overflowing the stack', () => {
    const deep = `${'('.repeat(5000)}[a:b = 1]${')'.repeat(5000)}`;
    const result = parsePattern(deep);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.message).toMatch(/nest deeper than 100/);
    expect(parsePattern(`${'('.repeat(99)}[a:b = 1]${')'.repeat(99)}`).ok).toBe(true);
  });
});
