// checkPattern: what a grammatical pattern may still get wrong.
import { describe, expect, it } from 'vitest';
import { checkPattern } from './check.ts';
import { parsePattern } from './parser.ts';

function problems(text: string): string[] {
  const parsed = parsePattern(text);
  if (!parsed.ok) {
    throw new Error(parsed.error.message);
  }
  return checkPattern(parsed.value);
}

describe('checkPattern', () => {
  it('accepts sound patterns', () => {
    expect(problems(`[file:hashes.'SHA-256' = '${'a'.repeat(64)}'] WITHIN 1 SECONDS`)).toEqual([]);
    expect(problems("[a:b = 1] START t'2020-01-01T00:00:00Z' STOP t'2020-01-01T00:00:00.001Z'")).toEqual([]);
    expect(problems("[file:hashes.SSDEEP = 'anything' AND file:hashes.x_custom = 'x']")).toEqual([]);
  });

  it('flags digests of the wrong length or alphabet', () => {
    expect(problems("[file:hashes.'SHA-256' = 'f00']")).toEqual([
      "file:hashes.'SHA-256': 'f00' is not a valid SHA-256 hash (64 hex digits)",
    ]);
    expect(problems(`[file:hashes.md5 IN ('${'g'.repeat(32)}', 5)]`)).toHaveLength(2);
    expect(problems("[file:hashes.MD5 LIKE 'ab%']")).toEqual([]);
  });

  it('flags qualifiers that can never hold', () => {
    expect(problems('[a:b = 1] WITHIN 0 SECONDS')).toEqual([
      'WITHIN 0 SECONDS: the time window must be positive',
    ]);
    expect(problems('[a:b = 1] REPEATS 0 TIMES')).toEqual(['REPEATS 0 TIMES: the count must be at least 1']);
    expect(problems("[a:b = 1] START t'2020-01-02T00:00:00Z' STOP t'2020-01-01T00:00:00Z'")).toEqual([
      "START t'2020-01-02T00:00:00Z' STOP t'2020-01-01T00:00:00Z': STOP must be later than START",
    ]);
  });

  it('flags timestamps of days that do not exist', () => {
    expect(problems("[x:created = t'2023-02-29T12:00:00Z']")).toEqual([
      "t'2023-02-29T12:00:00Z' is not a real date and time",
    ]);
    expect(problems("[x:created = t'2024-02-29T12:00:00Z']")).toEqual([]);
  });
});
