// The canonical pattern text is the dedupe key of indicators: equivalent spellings must meet, and
// patterns that mean different things must not.
import { describe, expect, it } from 'vitest';
import { canonicalPattern } from './canonical.ts';
import { parsePattern } from './parser.ts';
import { serialisePattern } from './serialise.ts';

function canonical(text: string): string {
  const result = canonicalPattern(text);
  if (!result.ok) {
    throw new Error(`${text}: ${result.error.message}`);
  }
  return result.value;
}

describe('serialisePattern', () => {
  it('writes stable spacing and the canonical operator spellings', () => {
    const result = parsePattern("  [ a : b . c [ 0 ] == 1 AND d:e<>'x' ]AND[f:g=h'AB']  ");
    expect(result.ok && serialisePattern(result.value)).toBe(
      "[a:b.c[0] = 1 AND d:e != 'x'] AND [f:g = h'AB']",
    );
  });

  it('quotes keys that are not plain identifiers and escapes strings', () => {
    const result = parsePattern("[x:'a b'.'START'.c = 'it\\'s \\\\ done']");
    expect(result.ok && serialisePattern(result.value)).toBe("[x:'a b'.'START'.c = 'it\\'s \\\\ done']");
  });
});

describe('canonicalPattern', () => {
  it.each([
    ["[domain-name:value = 'WWW.Example.COM.']", "[domain-name:value = 'www.example.com']"],
    ["[domain-name:value = 'bücher.de']", "[domain-name:value = 'xn--bcher-kva.de']"],
    ["[ipv4-addr:value = '192.0.2.1/32']", "[ipv4-addr:value = '192.0.2.1']"],
    ["[ipv4-addr:value = '10.1.2.3/8']", "[ipv4-addr:value = '10.0.0.0/8']"],
    ["[ipv6-addr:value = '2001:DB8:0:0:0:0:0:1']", "[ipv6-addr:value = '2001:db8::1']"],
    ["[ipv6-addr:value = '2001:db8::1/32']", "[ipv6-addr:value = '2001:db8::/32']"],
    ["[url:value = 'HTTP://Example.com:80/a/./b#top']", "[url:value = 'http://example.com/a/b']"],
    ["[email-addr:value = 'Alice@EXAMPLE.org']", "[email-addr:value = 'Alice@example.org']"],
    ["[email-message:from_ref.value = 'a@EXAMPLE.org']", "[email-message:from_ref.value = 'a@example.org']"],
    [`[file:hashes.md5 = '${'AB'.repeat(16)}']`, `[file:hashes.MD5 = '${'ab'.repeat(16)}']`],
    [`[file:hashes.SHA256 = '${'CD'.repeat(32)}']`, `[file:hashes.'SHA-256' = '${'cd'.repeat(32)}']`],
    [`[file:hashes.'sha-1' = '${'EF'.repeat(20)}']`, `[file:hashes.'SHA-1' = '${'ef'.repeat(20)}']`],
    ["[file:hashes.SSDEEP = '3:AbC:dEf']", "[file:hashes.SSDEEP = '3:AbC:dEf']"],
    ["[file:magic_number_hex = h'FFD8']", "[file:magic_number_hex = h'ffd8']"],
    ["[file:created = t'2020-01-01T00:00:10.500Z']", "[file:created = t'2020-01-01T00:00:10.5Z']"],
    ["[file:created = t'2020-01-01T00:00:10.000Z']", "[file:created = t'2020-01-01T00:00:10Z']"],
    ['[x:y = +01.50]', '[x:y = 1.5]'],
    [
      "[ipv4-addr:value IN ('10.0.0.2', '10.0.0.1', '10.0.0.2/32')]",
      "[ipv4-addr:value IN ('10.0.0.1', '10.0.0.2')]",
    ],
    ["[ipv4-addr:value ISSUBSET '10.9.9.9/8']", "[ipv4-addr:value ISSUBSET '10.0.0.0/8']"],
  ])('%s → %s', (input, expected) => {
    expect(canonical(input)).toBe(expected);
  });

  it('sorts the operands of OR and AND inside an observation and drops repeats', () => {
    const a = canonical("[ipv4-addr:value = '198.51.100.7' OR domain-name:value = 'evil.example']");
    const b = canonical(
      "[domain-name:value = 'EVIL.example.' OR ipv4-addr:value = '198.51.100.7' OR domain-name:value = 'evil.example']",
    );
    const c = canonical("[(ipv4-addr:value = '198.51.100.7') OR (domain-name:value = 'evil.example')]");
    expect(a).toBe("[domain-name:value = 'evil.example' OR ipv4-addr:value = '198.51.100.7']");
    expect(b).toBe(a);
    expect(c).toBe(a);
    expect(canonical("[file:size = 1 AND file:name = 'a']")).toBe(
      canonical("[file:name = 'a' AND file:size = 1]"),
    );
  });

  it('sorts AND and OR of observations but keeps the order of FOLLOWEDBY', () => {
    expect(canonical('[b:c = 2] OR [a:b = 1]')).toBe('[a:b = 1] OR [b:c = 2]');
    expect(canonical('[b:c = 2] AND [a:b = 1]')).toBe('[a:b = 1] AND [b:c = 2]');
    expect(canonical('[b:c = 2] FOLLOWEDBY [a:b = 1]')).toBe('[b:c = 2] FOLLOWEDBY [a:b = 1]');
    expect(canonical('[a:b = 1] OR [a:b = 1]')).toBe('[a:b = 1]');
    // Two observations of the same thing are not one observation.
    expect(canonical('[a:b = 1] AND [a:b = 1]')).toBe('[a:b = 1] AND [a:b = 1]');
  });

  it('keeps apart patterns that differ in meaning', () => {
    const distinct = [
      "[domain-name:value = 'example.com']",
      "[domain-name:value != 'example.com']",
      "[domain-name:value NOT = 'example.com']",
      "[domain-name:value LIKE 'example.com']",
      "[url:value = 'http://example.com/A']",
      "[url:value = 'http://example.com/a']",
      "[file:name = 'A.exe']",
      "[file:name = 'a.exe']",
      "[domain-name:value = 'example.com'] WITHIN 5 SECONDS",
      "[domain-name:value = 'example.com'] REPEATS 2 TIMES",
      '[a:b = 1] FOLLOWEDBY [c:d = 2]',
      '[c:d = 2] FOLLOWEDBY [a:b = 1]',
      '[a:b = 1 AND c:d = 2]',
      '[a:b = 1] AND [c:d = 2]',
      '[a:b = 1 OR c:d = 2]',
      "[a:b = '1']",
    ];
    expect(new Set(distinct.map(canonical)).size).toBe(distinct.length);
  });

  it('leaves values it cannot read as they are', () => {
    expect(canonical("[domain-name:value = 'domain autuo.xicp.net']")).toBe(
      "[domain-name:value = 'domain autuo.xicp.net']",
    );
    expect(canonical("[file:hashes.MD5 = 'NOT-A-HASH']")).toBe("[file:hashes.MD5 = 'NOT-A-HASH']");
  });

  it('returns the parse error for invalid text', () => {
    expect(canonicalPattern('[a:b =]')).toMatchObject({ ok: false, error: { position: 6 } });
  });
});
