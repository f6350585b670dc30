// The typed syntax tree of a STIX 2.1 pattern, as produced by the parser and read by the serialiser,
// the canonicaliser and the matchable-value extractor. Binary operators are n-ary (flattened).
// @see STIX 2.1 section 9 (Patterning) and pattern_grammar/STIXPattern.g4 in cti-stix2-json-schemas

/** @see STIX 2.1 section 9.2: observation expressions joined by AND, OR, FOLLOWEDBY. */
export type ObservationOperator = 'AND' | 'OR' | 'FOLLOWEDBY';
export type ComparisonJoin = 'AND' | 'OR';
export type EqualityOperator = '=' | '!=';
export type OrderOperator = '>' | '<' | '>=' | '<=';
export type StringOperator = 'LIKE' | 'MATCHES' | 'ISSUBSET' | 'ISSUPERSET';
export type ComparisonOperator = EqualityOperator | OrderOperator | StringOperator | 'IN';

export type StringLiteral = { type: 'string'; value: string };
/** Integers are exact: serial numbers and sizes may exceed 2^53. */
export type IntLiteral = { type: 'int'; value: bigint };
/** The decimal text in canonical form (no '+', no superfluous zeros); exact, unlike a JS number. */
export type FloatLiteral = { type: 'float'; value: string };
export type BoolLiteral = { type: 'bool'; value: boolean };
/** The RFC 3339 text between t'…' (always UTC, 'Z'). */
export type TimestampLiteral = { type: 'timestamp'; value: string };
/** Hex digits between h'…' (an even number of them). */
export type HexLiteral = { type: 'hex'; value: string };
/** Base64 text between b'…'. */
export type BinaryLiteral = { type: 'binary'; value: string };

export type OrderableLiteral =
  StringLiteral | IntLiteral | FloatLiteral | TimestampLiteral | HexLiteral | BinaryLiteral;
export type PrimitiveLiteral = OrderableLiteral | BoolLiteral;
export type SetLiteral = { type: 'set'; values: PrimitiveLiteral[] };
export type Literal = PrimitiveLiteral | SetLiteral;

/** A step after the first property: `.key` (quoted or not), `[3]`, `[-1]` or `[*]`. */
export type PathStep = { type: 'key'; name: string } | { type: 'index'; index: number } | { type: 'any' };

/** @see STIX 2.1 section 9.3 (object path syntax): `<type>:<property>(.<key>|[<index>])*` */
export type ObjectPath = { objectType: string; property: string; steps: PathStep[] };

type Test<O, V> = { type: 'comparison'; path: ObjectPath; negated: boolean; operator: O; value: V };

/** One property test. `negated` is the NOT before the operator (`file:name NOT = 'x'`). */
export type Comparison =
  | Test<EqualityOperator, PrimitiveLiteral>
  | Test<OrderOperator, OrderableLiteral>
  | Test<'IN', SetLiteral>
  | Test<StringOperator, StringLiteral>;

/** `EXISTS path` or `NOT EXISTS path`. */
export type Exists = { type: 'exists'; path: ObjectPath; negated: boolean };

export type ComparisonExpression =
  | Comparison
  | Exists
  | { type: 'comparison-join'; operator: ComparisonJoin; operands: ComparisonExpression[] };

/** @see STIX 2.1 section 9.6 (qualifiers). `seconds` keeps the literal's exact decimal text. */
export type Qualifier =
  | { type: 'within'; seconds: string }
  | { type: 'repeats'; times: number }
  | { type: 'start-stop'; start: string; stop: string };

export type ObservationExpression =
  | { type: 'observation'; expression: ComparisonExpression }
  | { type: 'observation-join'; operator: ObservationOperator; operands: ObservationExpression[] }
  | { type: 'qualified'; expression: ObservationExpression; qualifier: Qualifier };

/** A whole pattern: one observation expression. */
export type Pattern = ObservationExpression;
