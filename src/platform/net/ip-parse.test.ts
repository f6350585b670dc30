import { isIPv4, isIPv6 } from 'node:net';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatIPv4, formatIPv6, ipv4Mask, maskIPv6, parseCidr, parseIPv4, parseIPv6 } from './ip-parse.ts';

const seed = Number(process.env.FC_SEED ?? Date.now() % 2 ** 31);
const mutated = (text: fc.Arbitrary<string>) =>
  fc
    .tuple(text, fc.nat(), fc.constantFrom('', '.', ':', '0', 'a', '/', ' ', '::', '%1', '1'))
    .map(([s, at, insert]) => s.slice(0, at % (s.length + 1)) + insert + s.slice(at % (s.length + 1)));

describe('parseIPv4', () => {
  it('parses dotted quads to uint32', () => {
    expect(parseIPv4('0.0.0.0')).toBe(0);
    expect(parseIPv4('255.255.255.255')).toBe(0xffffffff);
    expect(parseIPv4('8.8.8.8')).toBe(0x08080808);
    expect(parseIPv4('x10.1.2.3y', 1, 9)).toBe(0x0a010203);
  });
  it('rejects what is not a strict dotted quad', () => {
    for (const bad of [
      '',
      '1.2.3',
      '1.2.3.4.5',
      '256.1.1.1',
      '01.1.1.1',
      '1..2.3',
      '1.2.3.4.',
      ' 1.2.3.4',
      '1.2.3.-4',
      '1234.1.1.1',
    ]) {
      expect(parseIPv4(bad), bad).toBe(-1);
    }
  });
  it('agrees with node:net and with splitting on random and mutated input', () => {
    fc.assert(
      fc.property(fc.oneof(fc.ipV4(), fc.ipV4Extended(), mutated(fc.ipV4()), fc.string()), (text) => {
        const value = parseIPv4(text);
        expect(value >= 0).toBe(isIPv4(text));
        if (value >= 0) {
          expect(formatIPv4(value)).toBe(text);
        }
      }),
      { seed, numRuns: 2000 },
    );
  });
});

describe('parseIPv6', () => {
  const words = new Uint32Array(4);
  it('parses compressed, full and IPv4-suffixed forms', () => {
    expect(parseIPv6('2001:db8::1', words)).toBe(true);
    expect(Array.from(words)).toEqual([0x20010db8, 0, 0, 1]);
    expect(parseIPv6('::ffff:192.0.2.1', words)).toBe(true);
    expect(Array.from(words)).toEqual([0, 0, 0xffff, 0xc0000201]);
    expect(parseIPv6('::', words) && Array.from(words)).toEqual([0, 0, 0, 0]);
    expect(parseIPv6('1:2:3:4:5:6:7::', words) && words[3]).toBe(0x70000);
  });
  it('rejects zone ids, double compression and stray colons', () => {
    for (const bad of [
      'fe80::1%eth0',
      '1::2::3',
      ':1::',
      '1:2:3:4:5:6:7:8:9',
      '1:2:3:4:5:6:7:8::',
      '12345::',
      ':::',
      '1:',
      '',
    ]) {
      expect(parseIPv6(bad, words), bad).toBe(false);
    }
  });
  it('agrees with node:net and with the WHATWG serialisation on random and mutated input', () => {
    fc.assert(
      fc.property(fc.oneof(fc.ipV6(), mutated(fc.ipV6()), fc.ipV4()), (text) => {
        const ok = parseIPv6(text, words);
        expect(ok).toBe(isIPv6(text) && !text.includes('%'));
        if (ok) {
          expect(formatIPv6(words)).toBe(new URL(`http://[${text}]/`).hostname.slice(1, -1));
        }
      }),
      { seed, numRuns: 2000 },
    );
  });
});

describe('parseCidr and masks', () => {
  it('reads addresses as full-length prefixes and checks the prefix range', () => {
    expect(parseCidr('10.0.0.0/8')).toEqual({
      ok: true,
      value: { family: 4, address: 0x0a000000, prefix: 8 },
    });
    expect(parseCidr('192.0.2.1')).toMatchObject({ ok: true, value: { prefix: 32 } });
    expect(parseCidr('2001:db8::/32')).toMatchObject({ ok: true, value: { family: 6, prefix: 32 } });
    expect(parseCidr('::1')).toMatchObject({ ok: true, value: { prefix: 128 } });
    expect(parseCidr('10.0.0.0/33')).toEqual({ ok: false, reason: 'invalid-prefix' });
    expect(parseCidr('10.0.0.0/08')).toEqual({ ok: false, reason: 'invalid-prefix' });
    expect(parseCidr('::/129')).toEqual({ ok: false, reason: 'invalid-prefix' });
    expect(parseCidr('10.0.0.0/')).toEqual({ ok: false, reason: 'invalid-prefix' });
    expect(parseCidr('example.com/8')).toEqual({ ok: false, reason: 'invalid-address' });
  });
  it('masks host bits', () => {
    expect(ipv4Mask(0)).toBe(0);
    expect(ipv4Mask(8)).toBe(0xff000000);
    expect(ipv4Mask(32)).toBe(0xffffffff);
    expect(Array.from(maskIPv6(Uint32Array.of(0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff), 36))).toEqual([
      0xffffffff, 0xf0000000, 0, 0,
    ]);
  });
  it('writes IPv6 as RFC 5952 says: longest zero run compressed, first on ties, one group never', () => {
    expect(formatIPv6([0x20010db8, 0, 0, 1])).toBe('2001:db8::1');
    expect(formatIPv6([0x20010db8, 0, 1, 0])).toBe('2001:db8::1:0:0');
    expect(formatIPv6([0x20010db8, 0x00000001, 0x00010001, 0x00010001])).toBe('2001:db8:0:1:1:1:1:1');
    expect(formatIPv6([0, 0, 0, 0])).toBe('::');
  });
});
