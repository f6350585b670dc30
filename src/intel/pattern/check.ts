// Checks a parsed pattern for what the grammar cannot say: digests of the wrong length, qualifiers
// that can never hold (WITHIN 0 SECONDS, STOP before START) and timestamps of days that do not exist.
// @see STIX 2.1 sections 9.6 (qualifiers) and 10.7 (hash-algorithm-ov); cti-pattern-validator's object checks
import { HEX_DIGEST_LENGTH, canonicalHashAlgorithm } from '../stix/hash-algorithms.ts';
import { compareTimestamps, isStixTimestamp } from '../stix/timestamp.ts';
import type { ComparisonExpression, Literal, Pattern } from './ast.ts';
import { serialiseObjectPath } from './serialise.ts';
import { hashAlgorithmOf } from './value-normalisers.ts';

function literalsOf(value: Literal): Literal[] {
  return value.type === 'set' ? value.values : [value];
}

function checkComparisons(node: ComparisonExpression, problems: string[]): void {
  if (node.type === 'comparison-join') {
    node.operands.forEach((o) => checkComparisons(o, problems));
    return;
  }
  if (node.type === 'exists') {
    return;
  }
  for (const literal of literalsOf(node.value)) {
    if (literal.type === 'timestamp' && !isStixTimestamp(literal.value)) {
      problems.push(`t'${literal.value}' is not a real date and time`);
    }
  }
  const algorithm = hashAlgorithmOf(node.path);
  const name = algorithm === undefined ? undefined : canonicalHashAlgorithm(algorithm);
  const length = name === undefined ? undefined : HEX_DIGEST_LENGTH[name];
  if (length === undefined || (node.operator !== '=' && node.operator !== '!=' && node.operator !== 'IN')) {
    return;
  }
  for (const literal of literalsOf(node.value)) {
    const ok =
      literal.type === 'string' && literal.value.length === length && /^[0-9a-fA-F]*$/.test(literal.value);
    if (!ok) {
      const shown = literal.type === 'string' ? `'${literal.value}'` : `a ${literal.type} literal`;
      problems.push(
        `${serialiseObjectPath(node.path)}: ${shown} is not a valid ${name} hash (${length} hex digits)`,
      );
    }
  }
}

function checkObservations(node: Pattern, problems: string[]): void {
  switch (node.type) {
    case 'observation':
      checkComparisons(node.expression, problems);
      return;
    case 'observation-join':
      node.operands.forEach((o) => checkObservations(o, problems));
      return;
    case 'qualified': {
      checkObservations(node.expression, problems);
      const q = node.qualifier;
      if (q.type === 'within' && Number(q.seconds) <= 0) {
        problems.push(`WITHIN ${q.seconds} SECONDS: the time window must be positive`);
      } else if (q.type === 'repeats' && q.times < 1) {
        problems.push(`REPEATS ${q.times} TIMES: the count must be at least 1`);
      } else if (q.type === 'start-stop') {
        for (const t of [q.start, q.stop].filter((x) => !isStixTimestamp(x))) {
          problems.push(`t'${t}' is not a real date and time`);
        }
        if (isStixTimestamp(q.start) && isStixTimestamp(q.stop) && compareTimestamps(q.start, q.stop) >= 0) {
          problems.push(`START t'${q.start}' STOP t'${q.stop}': STOP must be later than START`);
        }
      }
    }
  }
}

/** Problems of a syntactically valid pattern, in reading order; empty when there are none. */
export function checkPattern(pattern: Pattern): string[] {
  const problems: string[] = [];
  checkObservations(pattern, problems);
  return problems;
}
