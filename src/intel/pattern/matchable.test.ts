// extractMatchable: which patterns the matcher can index value by value, and why the others cannot.
import { describe, expect, it } from 'vitest';
import { extractMatchable, type MatchableResult } from './matchable.ts';
import { parsePattern } from './parser.ts';

function extract(text: string): MatchableResult {
  const parsed = parsePattern(text);
  if (!parsed.ok) {
    throw new Error(parsed.error.message);
  }
  return extractMatchable(parsed.value);
}

const MD5 = 'D41D8CD98F00B204E9800998ECF8427E';
const SHA1 = 'da39a3ee5e6b4b0d3255bfef95601890afd80709';
const SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

describe('extractMatchable', () => {
  it.each([
    ["[ipv4-addr:value = '198.51.100.7']", [{ kind: 'ipv4', value: '198.51.100.7' }]],
    ["[ipv4-addr:value = '198.51.100.7/24']", [{ kind: 'ipv4', value: '198.51.100.0/24' }]],
    ["[ipv6-addr:value = '2001:DB8::0:1']", [{ kind: 'ipv6', value: '2001:db8::1' }]],
    ["[domain-name:value = 'Evil.Example.']", [{ kind: 'domain', value: 'evil.example' }]],
    ["[url:value = 'HTTP://evil.example:80/x#y']", [{ kind: 'url', value: 'http://evil.example/x' }]],
    ["[email-addr:value = 'ceo@Evil.Example']", [{ kind: 'email', value: 'ceo@evil.example' }]],
    [`[file:hashes.MD5 = '${MD5}']`, [{ kind: 'md5', value: MD5.toLowerCase() }]],
    [`[file:hashes.'MD5' = '${MD5}']`, [{ kind: 'md5', value: MD5.toLowerCase() }]],
    [`[file:hashes.md5 = '${MD5}']`, [{ kind: 'md5', value: MD5.toLowerCase() }]],
    [`[file:hashes.'SHA-1' = '${SHA1}']`, [{ kind: 'sha1', value: SHA1 }]],
    [`[file:hashes.SHA1 = '${SHA1}']`, [{ kind: 'sha1', value: SHA1 }]],
    [`[file:hashes.'SHA-256' = '${SHA256}']`, [{ kind: 'sha256', value: SHA256 }]],
    [`[file:hashes.SHA256 = '${SHA256}']`, [{ kind: 'sha256', value: SHA256 }]],
    [`[file:hashes.'sha-256' = '${SHA256}']`, [{ kind: 'sha256', value: SHA256 }]],
  ])('%s', (pattern, values) => {
    expect(extract(pattern)).toEqual({ ok: true, value: values });
  });

  it('takes every value of an OR, of IN sets and of OR-ed observations, once each', () => {
    expect(
      extract(
        "[domain-name:value = 'a.example' OR (ipv4-addr:value = '192.0.2.1' OR url:value = 'http://a.example/')] OR [domain-name:value IN ('A.example', 'b.example')]",
      ),
    ).toEqual({
      ok: true,
      value: [
        { kind: 'domain', value: 'a.example' },
        { kind: 'ipv4', value: '192.0.2.1' },
        { kind: 'url', value: 'http://a.example/' },
        { kind: 'domain', value: 'b.example' },
      ],
    });
  });

  it.each([
    ["[ipv4-addr:value = '192.0.2.1'] WITHIN 5 SECONDS", 'qualified'],
    ["[ipv4-addr:value = '192.0.2.1'] REPEATS 2 TIMES", 'qualified'],
    ["[ipv4-addr:value = '192.0.2.1'] FOLLOWEDBY [ipv4-addr:value = '192.0.2.2']", 'followed-by'],
    ["[ipv4-addr:value = '192.0.2.1'] AND [ipv4-addr:value = '192.0.2.2']", 'observation-and'],
    ["[ipv4-addr:value = '192.0.2.1' AND domain-name:value = 'a.example']", 'comparison-and'],
    ["[ipv4-addr:value != '192.0.2.1']", 'operator'],
    ["[ipv4-addr:value NOT = '192.0.2.1']", 'operator'],
    ["[ipv4-addr:value ISSUBSET '192.0.2.0/24']", 'operator'],
    ["[domain-name:value LIKE '%.example']", 'operator'],
    ['[EXISTS domain-name:value]', 'operator'],
    ["[file:name = 'a.exe']", 'unsupported-path'],
    [`[file:hashes.'SHA-512' = '${'a'.repeat(128)}']`, 'unsupported-path'],
    [`[artifact:hashes.MD5 = '${MD5}']`, 'unsupported-path'],
    ["[network-traffic:dst_ref.value = '192.0.2.1']", 'unsupported-path'],
    ["[email-message:from_ref.value = 'a@b.example']", 'unsupported-path'],
    ["[domain-name:value = 'domain autuo.xicp.net']", 'invalid-value'],
    ["[ipv4-addr:value = '2001:db8::1']", 'invalid-value'],
    ['[ipv4-addr:value = 3232235521]', 'invalid-value'],
    ["[file:hashes.MD5 = 'abc']", 'invalid-value'],
  ])('%s is not matchable: %s', (pattern, reason) => {
    const result = extract(pattern);
    expect(result).toMatchObject({ ok: false, reason });
    expect(!result.ok && result.message).toMatch(/\S/);
  });
});
