import { describe, expect, it } from 'vitest';
import { classifyValue, parseValueList, routableValuesOfObject } from './routable-values.ts';

describe('routable values', () => {
  it('classifies addresses, blocks and domains in canonical form', () => {
    expect(classifyValue(' 8.8.8.8 ')).toEqual({ kind: 'ip', value: '8.8.8.8' });
    expect(classifyValue('192.0.2.77/24')).toEqual({ kind: 'ip', value: '192.0.2.0/24' });
    expect(classifyValue('2001:DB8::1')).toEqual({ kind: 'ip', value: '2001:db8::1' });
    expect(classifyValue('Mail.Example.NG.')).toEqual({ kind: 'domain', value: 'mail.example.ng' });
    expect(classifyValue('localhost')).toBeUndefined();
    expect(classifyValue('999.1.1.1')).toBeUndefined();
  });
  it('takes values from plain indicator patterns, SCOs and URL hosts, and none from hashes', () => {
    expect(
      routableValuesOfObject({
        type: 'indicator',
        pattern_type: 'stix',
        pattern:
          "[ipv4-addr:value = '203.0.113.5' OR domain-name:value = 'c2.example.br'] OR [url:value = 'http://41.203.64.1/x']",
      }),
    ).toEqual([
      { kind: 'ip', value: '203.0.113.5' },
      { kind: 'domain', value: 'c2.example.br' },
      { kind: 'ip', value: '41.203.64.1' },
    ]);
    expect(routableValuesOfObject({ type: 'ipv6-addr', value: '2001:db8::/32' })).toEqual([
      { kind: 'ip', value: '2001:db8::/32' },
    ]);
    expect(
      routableValuesOfObject({
        type: 'indicator',
        pattern_type: 'stix',
        pattern: "[file:hashes.MD5 = 'd41d8cd98f00b204e9800998ecf8427e']",
      }),
    ).toEqual([]);
    expect(routableValuesOfObject({ type: 'indicator', pattern_type: 'sigma', pattern: 'x' })).toEqual([]);
  });
  it('reads a list: comments, CSV first fields, a header line, duplicates, and counts bad lines', () => {
    const list = parseValueList(
      'ip,seen\n8.8.8.8,2026-01-01\n# comment\n8.8.8.8\n\nexample.fr\nnot valid!\n',
    );
    expect(list.values).toEqual([
      { kind: 'ip', value: '8.8.8.8' },
      { kind: 'domain', value: 'example.fr' },
    ]);
    expect(list.invalid).toEqual([{ line: 7, text: 'not valid!' }]);
  });
});
