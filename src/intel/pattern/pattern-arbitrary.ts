// fast-check generators of random pattern syntax trees that obey the grammar's constraints (object
// types are plain words, floats and WITHIN windows in canonical decimal text), for property tests.
import fc from 'fast-check';
import type {
  Comparison,
  ComparisonExpression,
  ObjectPath,
  ObservationExpression,
  OrderableLiteral,
  PathStep,
  PrimitiveLiteral,
  Qualifier,
  StringLiteral,
} from './ast.ts';
import { isReservedWord } from './cursor.ts';
import { canonicalDecimal } from './parse-literal.ts';

const two = (max: number, min = 0) => fc.integer({ min, max }).map((n) => String(n).padStart(2, '0'));

export const arbitraryTimestamp = fc
  .tuple(
    fc.integer({ min: 0, max: 9999 }).map((y) => String(y).padStart(4, '0')),
    two(12, 1),
    two(31, 1),
    two(23),
    two(59),
    two(60),
    fc.option(fc.stringMatching(/^[0-9]{1,9}$/), { nil: undefined }),
  )
  .map(([y, mo, d, h, mi, s, f]) => `${y}-${mo}-${d}T${h}:${mi}:${s}${f === undefined ? '' : `.${f}`}Z`);

const word = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_-]{0,12}$/).filter((w) => !isReservedWord(w));
const propertyName = fc.oneof(
  fc.stringMatching(/^[a-z_][a-z0-9_]{0,10}$/),
  fc.constantFrom('START', 'true', 'SHA-256', "it's", 'back\\slash', '', 'hashes'),
  fc.string({ maxLength: 8 }),
);
const step: fc.Arbitrary<PathStep> = fc.oneof(
  propertyName.map((name) => ({ type: 'key' as const, name })),
  fc.integer({ min: -50, max: 50 }).map((index) => ({ type: 'index' as const, index })),
  fc.constant({ type: 'any' as const }),
);
export const arbitraryPath: fc.Arbitrary<ObjectPath> = fc.record({
  objectType: word,
  property: propertyName,
  steps: fc.array(step, { maxLength: 3 }),
});

const decimal = fc
  .tuple(fc.boolean(), fc.stringMatching(/^[0-9]{1,6}$/), fc.stringMatching(/^[0-9]{1,6}$/))
  .map(([negative, whole, fraction]) => canonicalDecimal(`${negative ? '-' : ''}${whole}.${fraction}`));
const stringLiteral: fc.Arbitrary<StringLiteral> = fc
  .oneof(
    fc.string({ maxLength: 12 }),
    fc.string({ unit: 'binary', maxLength: 8 }),
    fc.constantFrom("'", '\\', "\\'"),
  )
  .map((value) => ({ type: 'string' as const, value }));
const orderable: fc.Arbitrary<OrderableLiteral> = fc.oneof(
  stringLiteral,
  fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }).map((value) => ({ type: 'int' as const, value })),
  decimal.map((value) => ({ type: 'float' as const, value })),
  arbitraryTimestamp.map((value) => ({ type: 'timestamp' as const, value })),
  fc.stringMatching(/^([0-9A-Fa-f]{2}){0,6}$/).map((value) => ({ type: 'hex' as const, value })),
  fc
    .uint8Array({ minLength: 1, maxLength: 9 })
    .map((bytes) => ({ type: 'binary' as const, value: Buffer.from(bytes).toString('base64') })),
);
const primitive: fc.Arbitrary<PrimitiveLiteral> = fc.oneof(
  orderable,
  fc.boolean().map((value) => ({ type: 'bool' as const, value })),
);

const comparison: fc.Arbitrary<Comparison> = fc
  .tuple(arbitraryPath, fc.boolean(), fc.integer({ min: 0, max: 3 }))
  .chain(([path, negated, shape]): fc.Arbitrary<Comparison> => {
    const base = { type: 'comparison' as const, path, negated };
    switch (shape) {
      case 0:
        return fc
          .record({ operator: fc.constantFrom('=' as const, '!=' as const), value: primitive })
          .map((r) => ({ ...base, ...r }));
      case 1:
        return fc
          .record({
            operator: fc.constantFrom('<' as const, '<=' as const, '>' as const, '>=' as const),
            value: orderable,
          })
          .map((r) => ({ ...base, ...r }));
      case 2:
        return fc
          .array(primitive, { maxLength: 4 })
          .map((values) => ({ ...base, operator: 'IN' as const, value: { type: 'set' as const, values } }));
      default:
        return fc
          .record({
            operator: fc.constantFrom(
              'LIKE' as const,
              'MATCHES' as const,
              'ISSUBSET' as const,
              'ISSUPERSET' as const,
            ),
            value: stringLiteral,
          })
          .map((r) => ({ ...base, ...r }));
    }
  });

export const arbitraryQualifier: fc.Arbitrary<Qualifier> = fc.oneof(
  decimal.map((d) => ({ type: 'within' as const, seconds: d.replace(/^-/, '').replace(/\.0$/, '') })),
  fc.nat({ max: 1000 }).map((times) => ({ type: 'repeats' as const, times })),
  fc
    .tuple(arbitraryTimestamp, arbitraryTimestamp)
    .map(([start, stop]) => ({ type: 'start-stop' as const, start, stop })),
);

const trees = fc.letrec<{
  comparisonExpression: ComparisonExpression;
  observationExpression: ObservationExpression;
}>((tie) => ({
  comparisonExpression: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    comparison,
    fc.record({ type: fc.constant('exists' as const), path: arbitraryPath, negated: fc.boolean() }),
    fc.record({
      type: fc.constant('comparison-join' as const),
      operator: fc.constantFrom('AND' as const, 'OR' as const),
      operands: fc.array(tie('comparisonExpression'), { minLength: 2, maxLength: 3 }),
    }),
  ),
  observationExpression: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.record({ type: fc.constant('observation' as const), expression: tie('comparisonExpression') }),
    fc.record({
      type: fc.constant('observation-join' as const),
      operator: fc.constantFrom('AND' as const, 'OR' as const, 'FOLLOWEDBY' as const),
      operands: fc.array(tie('observationExpression'), { minLength: 2, maxLength: 3 }),
    }),
    fc.record({
      type: fc.constant('qualified' as const),
      expression: tie('observationExpression'),
      qualifier: arbitraryQualifier,
    }),
  ),
}));

export const arbitraryPattern = trees.observationExpression;
