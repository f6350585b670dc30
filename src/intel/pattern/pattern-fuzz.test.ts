// Property tests: random junk never makes the parser throw, only return positioned errors; random
// syntax trees survive print → parse → print, and the canonical form is a fixed point.
// Reproduce a failure with FC_SEED=<seed from the report>.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ComparisonExpression, ObservationExpression } from './ast.ts';
import { canonicalisePattern } from './canonical.ts';
import { checkPattern } from './check.ts';
import { extractMatchable } from './matchable.ts';
import { arbitraryPattern } from './pattern-arbitrary.ts';
import { parsePattern } from './parser.ts';
import { serialisePattern } from './serialise.ts';

const seed = Number(process.env.FC_SEED ?? Date.now() % 2 ** 31);

const TOKENS = [
  '[',
  ']',
  '(',
  ')',
  ':',
  '.',
  ',',
  '*',
  '=',
  '==',
  '!=',
  '<>',
  '<',
  '<=',
  '>',
  '>=',
  "'",
  '\\',
  '-',
  '+',
  'AND',
  'OR',
  'NOT',
  'FOLLOWEDBY',
  'LIKE',
  'MATCHES',
  'ISSUBSET',
  'ISSUPERSET',
  'EXISTS',
  'IN',
  'WITHIN',
  'SECONDS',
  'REPEATS',
  'TIMES',
  'START',
  'STOP',
  'true',
  'false',
  'and',
  'file',
  'ipv4-addr',
  'hashes',
  "'SHA-256'",
  'value',
  "'x'",
  "'it\\'s'",
  '0',
  '1',
  '-1',
  '.5',
  '007',
  "t'2020-01-01T00:00:00Z'",
  "t'2020-13-01T00:00:00Z'",
  "h'ab'",
  "h'a'",
  "b'QQ=='",
  "b'='",
  '/*',
  '*/',
  '//',
  '\n',
  ' ',
  '\u3000',
  '"',
  '\u0000',
  '🎉',
];
const tokenSoup = fc.array(fc.constantFrom(...TOKENS), { maxLength: 30 }).map((t) => t.join(''));

function expectWellFormed(text: string) {
  const result = parsePattern(text);
  if (!result.ok) {
    expect(result.error.position).toBeGreaterThanOrEqual(0);
    expect(result.error.position).toBeLessThanOrEqual(text.length);
    expect(result.error.line).toBeGreaterThanOrEqual(1);
    expect(result.error.column).toBeGreaterThanOrEqual(1);
    expect(result.error.message).toMatch(/\S/);
  } else {
    // Whatever parses can be printed, checked, canonicalised and inspected without throwing.
    serialisePattern(canonicalisePattern(result.value));
    checkPattern(result.value);
    extractMatchable(result.value);
  }
}

/** The tree the parser gives back: chains of one operator flattened. */
function flattened(node: ObservationExpression): ObservationExpression {
  switch (node.type) {
    case 'observation':
      return { ...node, expression: flattenedComparison(node.expression) };
    case 'qualified':
      return { ...node, expression: flattened(node.expression) };
    case 'observation-join':
      return {
        ...node,
        operands: node.operands
          .map(flattened)
          .flatMap((o) => (o.type === 'observation-join' && o.operator === node.operator ? o.operands : [o])),
      };
  }
}
function flattenedComparison(node: ComparisonExpression): ComparisonExpression {
  if (node.type !== 'comparison-join') {
    return node;
  }
  return {
    ...node,
    operands: node.operands
      .map(flattenedComparison)
      .flatMap((o) => (o.type === 'comparison-join' && o.operator === node.operator ? o.operands : [o])),
  };
}

describe('pattern parser under fuzzing', () => {
  it('returns errors, never throws, on random text', () => {
    fc.assert(fc.property(fc.string({ maxLength: 60 }), expectWellFormed), { seed, numRuns: 2000 });
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 40 }), expectWellFormed), {
      seed,
      numRuns: 500,
    });
  });

  it('returns errors, never throws, on random sequences of pattern tokens', () => {
    fc.assert(fc.property(tokenSoup, expectWellFormed), { seed, numRuns: 3000 });
  });

  it('returns errors, never throws, on mutated valid patterns', () => {
    const mutated = fc
      .tuple(arbitraryPattern, fc.nat(), fc.constantFrom(...TOKENS), fc.boolean())
      .map(([tree, at, token, remove]) => {
        const text = serialisePattern(tree);
        const i = at % (text.length + 1);
        return remove ? text.slice(0, i) + text.slice(i + 1) : text.slice(0, i) + token + text.slice(i);
      });
    fc.assert(fc.property(mutated, expectWellFormed), { seed, numRuns: 1000 });
  });

  it('round-trips random trees through print, parse and print', () => {
    fc.assert(
      fc.property(arbitraryPattern, (tree) => {
        const text = serialisePattern(tree);
        const reparsed = parsePattern(text);
        expect(reparsed.ok, text).toBe(true);
        if (reparsed.ok) {
          expect(reparsed.value).toEqual(flattened(tree));
          expect(serialisePattern(reparsed.value)).toBe(text);
        }
      }),
      { seed, numRuns: 1000 },
    );
  });

  it('makes the canonical form a fixed point', () => {
    fc.assert(
      fc.property(arbitraryPattern, (tree) => {
        const canonical = serialisePattern(canonicalisePattern(tree));
        const reparsed = parsePattern(canonical);
        expect(reparsed.ok, canonical).toBe(true);
        if (reparsed.ok) {
          expect(serialisePattern(canonicalisePattern(reparsed.value))).toBe(canonical);
        }
      }),
      { seed, numRuns: 1000 },
    );
  });
});
