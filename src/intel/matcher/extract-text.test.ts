import { describe, expect, it } from 'vitest';
import { extractFromText, refang } from './extract-text.ts';
import { classifyValue } from './extract-classify.ts';
import { detectFormat } from './extract-detect.ts';
import { parseCsvLine } from './extract-csv.ts';

const found = (text: string) => extractFromText(text).map((h) => `${h.kind} ${h.value}`);

describe('extractFromText', () => {
  it('refangs the usual notations', () => {
    expect(refang('hxxps://evil[.]example(.)org/x and a[@]b[dot]example [:]')).toBe(
      'https://evil.example.org/x and a@b.example :',
    );
    expect(found('beacon to 198.51.100[.]7 and evil[dot]example')).toEqual([
      'ipv4 198.51.100.7',
      'domain evil.example',
    ]);
  });
  it('reports a URL with its host, and the domain of an e-mail address', () => {
    expect(found('see https://user@evil.example:8443/a/b.php?q=1, then mail boss@corp.example.')).toEqual([
      'url https://user@evil.example:8443/a/b.php?q=1',
      'domain evil.example',
      'email boss@corp.example',
      'domain corp.example',
    ]);
    expect(found('http://203.0.113.5/x http://[2001:db8::5]/y')).toEqual([
      'url http://203.0.113.5/x',
      'ipv4 203.0.113.5',
      'url http://[2001:db8::5]/y',
      'ipv6 2001:db8::5',
    ]);
  });
  it('finds addresses at sentence ends and mapped IPv6 as IPv4, not times, MACs or version strings', () => {
    expect(found('from 192.0.2.1. Then ::ffff:198.51.100.9, fe80::1%eth0 and 2001:db8::1.')).toEqual([
      'ipv4 192.0.2.1',
      'ipv4 198.51.100.9',
      'ipv6 fe80::1',
      'ipv6 2001:db8::1',
    ]);
    expect(found('at 12:30:45 on 00:1a:2b:3c:4d:5e running 1.2.3.4.5 and v10.0.1, 999.1.1.1')).toEqual([]);
  });
  it('finds digests by length only when they stand alone', () => {
    const md5 = 'd41d8cd98f00b204e9800998ecf8427e';
    expect(found(`${md5} ${'a'.repeat(40)} ${'B'.repeat(64)} ${'c'.repeat(56)} x${md5}`)).toEqual([
      `md5 ${md5}`,
      `sha1 ${'a'.repeat(40)}`,
      `sha256 ${'B'.repeat(64)}`,
    ]);
  });
  it('reports each value once per line', () => {
    expect(found('evil.example evil.example EVIL.example')).toEqual([
      'domain evil.example',
      'domain EVIL.example',
    ]);
  });
});

describe('classifyValue', () => {
  it('classifies whole field values', () => {
    expect(classifyValue(' 192.0.2.1 ')).toEqual({ kind: 'ipv4', value: '192.0.2.1' });
    expect(classifyValue('[2001:db8::1]')).toEqual({ kind: 'ipv6', value: '2001:db8::1' });
    expect(classifyValue('evil.example/path')).toEqual({ kind: 'url', value: 'evil.example/path' });
    expect(classifyValue('bücher.example')).toEqual({ kind: 'domain', value: 'bücher.example' });
    expect(classifyValue('xn--bcher-kva.example')?.kind).toBe('domain');
    expect(classifyValue('readme')).toBeUndefined();
    expect(classifyValue('1.2.3')).toBeUndefined();
    expect(classifyValue('user@host')).toBeUndefined();
  });
});

describe('detectFormat and parseCsvLine', () => {
  it('tells the formats apart from the first lines', () => {
    expect(detectFormat(['#separator \\x09', '#fields\tts'])).toBe('zeek');
    expect(detectFormat(['{"event_type":"dns","src_ip":"192.0.2.1"}'])).toBe('eve');
    expect(detectFormat(['{"a":1}', '{"b":2}'])).toBe('jsonl');
    expect(detectFormat(['ip,comment', '192.0.2.1,"a, b"', '192.0.2.2,c'])).toBe('csv');
    expect(detectFormat(['Hello, world.', 'No commas here', 'one, two, three, four'])).toBe('text');
    expect(detectFormat([])).toBe('text');
  });
  it('splits quoted CSV fields and rejects an unclosed quote', () => {
    expect(parseCsvLine('a,"b,""c""",,d')).toEqual(['a', 'b,"c"', '', 'd']);
    expect(parseCsvLine('"a"x,b')).toBeUndefined();
    expect(parseCsvLine('"open,b')).toBeUndefined();
  });
});
