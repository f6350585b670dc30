// Normalisation tables, and IP text checked against Node's own parsers (node:net, WHATWG URL).
import { isIPv4, isIPv6 } from 'node:net';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalHashAlgorithm } from './hash-algorithms.ts';
import {
  normaliseCidr,
  normaliseDomain,
  normaliseEmail,
  normaliseHash,
  normaliseIPv4,
  normaliseIPv6,
  normaliseIpValue,
  normaliseUrl,
} from './normalise.ts';

const seed = Number(process.env.FC_SEED ?? Date.now() % 2 ** 31);

describe('IP addresses', () => {
  it.each([
    ['192.0.2.1', '192.0.2.1'],
    [' 192.0.2.1 ', '192.0.2.1'],
    ['0.0.0.0', '0.0.0.0'],
    ['255.255.255.255', '255.255.255.255'],
    ['256.0.0.1', undefined],
    ['01.2.3.4', undefined],
    ['1.2.3', undefined],
    ['1.2.3.4.5', undefined],
    ['1.2.3.4/32', undefined],
  ])('IPv4 %s → %s', (text, expected) => {
    expect(normaliseIPv4(text)).toBe(expected);
  });

  it.each([
    ['2001:DB8:0:0:0:0:0:1', '2001:db8::1'],
    ['2001:0db8:0000:0000:0001:0000:0000:0001', '2001:db8::1:0:0:1'],
    ['2001:db8:0:1:1:1:1:1', '2001:db8:0:1:1:1:1:1'],
    ['2001:db8::1:0:0:0', '2001:db8:0:0:1::'],
    ['::', '::'],
    ['::1', '::1'],
    ['1::', '1::'],
    ['::ffff:192.0.2.1', '::ffff:192.0.2.1'],
    ['::FFFF:c000:0201', '::ffff:192.0.2.1'],
    ['64:ff9b::192.0.2.1', '64:ff9b::c000:201'],
    ['1:2:3:4:5:6:7::', '1:2:3:4:5:6:7:0'],
    ['1:2:3:4:5:6:7:8:9', undefined],
    ['1::2::3', undefined],
    ['12345::', undefined],
    ['fe80::1%eth0', undefined],
    ['192.0.2.1', undefined],
  ])('IPv6 %s → %s (RFC 5952)', (text, expected) => {
    expect(normaliseIPv6(text)).toBe(expected);
  });

  it.each([
    ['10.1.2.3/8', '10.0.0.0/8'],
    ['192.0.2.77/24', '192.0.2.0/24'],
    ['192.0.2.77/32', '192.0.2.77/32'],
    ['192.0.2.77', '192.0.2.77/32'],
    ['0.0.0.0/0', '0.0.0.0/0'],
    ['2001:db8:abcd::1/32', '2001:db8::/32'],
    ['2001:db8::1/127', '2001:db8::/127'],
    ['10.0.0.0/33', undefined],
    ['10.0.0.0/08', undefined],
    ['10.0.0.0/', undefined],
    ['2001:db8::/129', undefined],
  ])('CIDR %s → %s', (text, expected) => {
    expect(normaliseCidr(text)).toBe(expected);
  });

  it('writes STIX address values with full-length blocks as bare addresses', () => {
    expect(normaliseIpValue(4, '192.0.2.1/32')).toBe('192.0.2.1');
    expect(normaliseIpValue(4, '192.0.2.1/24')).toBe('192.0.2.0/24');
    expect(normaliseIpValue(6, '2001:db8::1/128')).toBe('2001:db8::1');
    expect(normaliseIpValue(4, '2001:db8::1')).toBeUndefined();
    expect(normaliseIpValue(6, '192.0.2.1')).toBeUndefined();
  });

  it('accepts exactly what node:net accepts as IPv4 (leading zeros aside)', () => {
    const octet = fc.oneof(
      fc.integer({ min: 0, max: 300 }).map(String),
      fc.constantFrom('', '00', '01', 'a', '-1'),
    );
    fc.assert(
      fc.property(fc.array(octet, { minLength: 3, maxLength: 5 }), (parts) => {
        const text = parts.join('.');
        expect(normaliseIPv4(text) !== undefined).toBe(isIPv4(text) && !/(^|\.)0[0-9]/.test(text));
      }),
      { seed, numRuns: 500 },
    );
  });

  it('writes IPv6 as WHATWG URL does and accepts what node:net accepts', () => {
    const group = fc.oneof(fc.constant(0), fc.constant(0), fc.integer({ min: 0, max: 0xffff }));
    fc.assert(
      fc.property(fc.array(group, { minLength: 8, maxLength: 8 }), fc.boolean(), (groups, upper) => {
        const full = groups.map((g) => g.toString(16)).join(':');
        const text = upper ? full.toUpperCase() : full;
        const ours = normaliseIPv6(text);
        expect(isIPv6(text)).toBe(true);
        // WHATWG never uses the dotted form; RFC 5952 section 5 does for ::ffff:0:0/96.
        if (!ours?.startsWith('::ffff:') || !ours.includes('.')) {
          expect(ours).toBe(new URL(`http://[${text}]/`).hostname.slice(1, -1));
        }
        expect(normaliseIPv6(ours!)).toBe(ours);
      }),
      { seed, numRuns: 1000 },
    );
  });
});

describe('domains, URLs, e-mail, hashes', () => {
  it.each([
    ['Example.COM', 'example.com'],
    ['example.com.', 'example.com'],
    ['  www.example.com ', 'www.example.com'],
    ['bücher.de', 'xn--bcher-kva.de'],
    ['例え.テスト', 'xn--r8jz45g.xn--zckzah'],
    ['EXAMPLE。COM', 'example.com'],
    ['_dmarc.example.com', '_dmarc.example.com'],
    ['a-b.example', 'a-b.example'],
    ['-ab.example', undefined],
    ['a..b', undefined],
    ['.', undefined],
    ['', undefined],
    ['192.0.2.1', undefined],
    ['domain autuo.xicp.net', undefined],
    ['*.example.com', undefined],
    [`${'a'.repeat(64)}.example`, undefined],
    ['localhost', 'localhost'],
  ])('domain %s → %s', (text, expected) => {
    expect(normaliseDomain(text)).toBe(expected);
  });

  it.each([
    ['HTTP://Example.COM:80/a/../b?#frag', 'http://example.com/b'],
    ['https://example.com:443/', 'https://example.com/'],
    ['https://example.com:8443/x?q=1#f', 'https://example.com:8443/x?q=1'],
    ['example.com/path', 'http://example.com/path'],
    ['https://bücher.de/', 'https://xn--bcher-kva.de/'],
    ['http://example.com/%7euser/%2f', 'http://example.com/~user/%2F'],
    ['http://[2001:DB8::1]:80/', 'http://[2001:db8::1]/'],
    ['HTTP://192.0.2.1/x', 'http://192.0.2.1/x'],
    ['http://', undefined],
    ['http://exa mple.com/', undefined],
  ])('URL %s → %s', (text, expected) => {
    expect(normaliseUrl(text)).toBe(expected);
  });

  it.each([
    ['Alice@Example.COM', 'Alice@example.com'],
    ['a.b+tag@bücher.de', 'a.b+tag@xn--bcher-kva.de'],
    ['@example.com', undefined],
    ['alice@', undefined],
    ['al ice@example.com', undefined],
    ['alice', undefined],
  ])('e-mail %s → %s', (text, expected) => {
    expect(normaliseEmail(text)).toBe(expected);
  });

  it.each([
    ['MD5', 'D41D8CD98F00B204E9800998ECF8427E', 'd41d8cd98f00b204e9800998ecf8427e'],
    ['md5', 'd41d8cd98f00b204e9800998ecf8427', undefined],
    ['SHA-1', 'DA39A3EE5E6B4B0D3255BFEF95601890AFD80709', 'da39a3ee5e6b4b0d3255bfef95601890afd80709'],
    ['sha256', `${'A'.repeat(64)}`, 'a'.repeat(64)],
    ['SHA-256', `${'g'.repeat(64)}`, undefined],
    ['SHA-512', 'F'.repeat(128), 'f'.repeat(128)],
    ['SSDEEP', '3:AXGBicFlgVNhBGcL6wCrFQEv:AXGHsNhxLsr2C', '3:AXGBicFlgVNhBGcL6wCrFQEv:AXGHsNhxLsr2C'],
    ['x_custom', ' Value ', 'Value'],
  ])('hash %s %s → %s', (algorithm, value, expected) => {
    expect(normaliseHash(algorithm, value)).toBe(expected);
  });

  it.each([
    ['md5', 'MD5'],
    ['SHA1', 'SHA-1'],
    ['sha-256', 'SHA-256'],
    ['SHA3256', 'SHA3-256'],
    ['ssdeep', 'SSDEEP'],
    ['x_mine', undefined],
  ])('hash algorithm %s → %s', (key, expected) => {
    expect(canonicalHashAlgorithm(key)).toBe(expected);
  });
});
