// The conformance suite every Matcher implementation runs (like Hono's shared router tests): the
// indexed matcher in each of its layouts (delta only, bulk-built base, compacted) and the naive one.
import { describe, expect, it } from 'vitest';
import type { IndicatorKind, MatchEntry, Matcher } from './entry.ts';
import { createVisibilityMask, SEE_ALL } from './visibility.ts';

/** Builds a matcher holding the given entries (each implementation decides how they get in). */
export type MatcherFactory = (entries: MatchEntry[]) => Matcher;

const e = (entryId: number, kind: IndicatorKind, value: string, visibility = 0): MatchEntry => ({
  entryId,
  kind,
  value,
  visibility,
});

export function describeMatcherConformance(name: string, create: MatcherFactory): void {
  const ids = (m: Matcher, kind: IndicatorKind, value: string) => m.match(kind, value, SEE_ALL);

  describe(`${name}: IPv4`, () => {
    const nested = [
      e(1, 'ipv4', '10.0.0.0/8'),
      e(2, 'ipv4', '10.1.0.0/16'),
      e(3, 'ipv4', '10.1.2.0/24'),
      e(4, 'ipv4', '10.1.2.3'),
      e(5, 'ipv4', '10.1.2.128/25'),
      e(6, 'ipv4', '192.0.2.1'),
    ];
    it('returns every covering entry, most specific first', () => {
      const m = create(nested);
      expect(ids(m, 'ipv4', '10.1.2.3')).toEqual([4, 3, 2, 1]);
      expect(ids(m, 'ipv4', '10.1.2.200')).toEqual([5, 3, 2, 1]);
      expect(ids(m, 'ipv4', '10.1.3.1')).toEqual([2, 1]);
      expect(ids(m, 'ipv4', '10.200.0.0')).toEqual([1]);
      expect(ids(m, 'ipv4', '10.255.255.255')).toEqual([1]);
      expect(ids(m, 'ipv4', '11.0.0.0')).toEqual([]);
      expect(ids(m, 'ipv4', '9.255.255.255')).toEqual([]);
      expect(ids(m, 'ipv4', '192.0.2.1')).toEqual([6]);
      expect(ids(m, 'ipv4', '192.0.2.2')).toEqual([]);
    });
    it('orders entries on the same block by entry id and reports each value of an entry', () => {
      const m = create([
        e(9, 'ipv4', '198.51.100.0/24'),
        e(7, 'ipv4', '198.51.100.0/24'),
        e(7, 'ipv4', '198.51.0.0/16'),
      ]);
      expect(ids(m, 'ipv4', '198.51.100.9')).toEqual([7, 9, 7]);
    });
    it('keeps every entry of an address, ordered by id, and the last of a repeated one', () => {
      const m = create([
        e(5, 'ipv4', '203.0.113.9', 0),
        e(2, 'ipv4', '203.0.113.9', 0),
        e(9, 'ipv4', '203.0.113.9', 0),
        e(2, 'ipv4', '203.0.113.9/32', 1),
        e(4, 'ipv4', '203.0.113.8', 0),
      ]);
      expect(ids(m, 'ipv4', '203.0.113.9')).toEqual([2, 5, 9]);
      expect(m.match('ipv4', '203.0.113.9', createVisibilityMask([0]))).toEqual([5, 9]);
      expect(m.size).toBe(4);
      expect(m.remove(e(5, 'ipv4', '203.0.113.9'))).toBe(true);
      m.add(e(7, 'ipv4', '203.0.113.9'));
      expect(ids(m, 'ipv4', '203.0.113.9')).toEqual([2, 7, 9]);
    });
    it('handles the ends of the address space and /0', () => {
      const m = create([
        e(1, 'ipv4', '0.0.0.0/0'),
        e(2, 'ipv4', '255.255.255.0/24'),
        e(3, 'ipv4', '255.255.255.255'),
        e(4, 'ipv4', '0.0.0.0'),
      ]);
      expect(ids(m, 'ipv4', '255.255.255.255')).toEqual([3, 2, 1]);
      expect(ids(m, 'ipv4', '255.255.255.0')).toEqual([2, 1]);
      expect(ids(m, 'ipv4', '0.0.0.0')).toEqual([4, 1]);
      expect(ids(m, 'ipv4', '127.0.0.1')).toEqual([1]);
    });
    it('clears host bits of a block given with them', () => {
      const m = create([e(1, 'ipv4', '10.9.8.7/8')]);
      expect(ids(m, 'ipv4', '10.0.0.1')).toEqual([1]);
    });
    it('matches parsed addresses through matchIPv4, appending to out', () => {
      const m = create(nested);
      const out = [42];
      expect(m.matchIPv4(0x0a010203, SEE_ALL, out)).toBe(4);
      expect(out).toEqual([42, 4, 3, 2, 1]);
    });
    it('matches a batch of parsed addresses as one by one', () => {
      const m = create(nested);
      const addresses = Uint32Array.from({ length: 150 }, (_, i) => 0x0a010200 + i * 2);
      addresses[7] = 0xc0000201;
      const counts = new Uint32Array(addresses.length);
      const out: number[] = [];
      const total = m.matchIPv4Batch(addresses, SEE_ALL, counts, out);
      const oneByOne = Array.from(addresses, (a) => {
        const hits: number[] = [];
        m.matchIPv4(a, SEE_ALL, hits);
        return hits;
      });
      expect(Array.from(counts)).toEqual(oneByOne.map((h) => h.length));
      expect(out).toEqual(oneByOne.flat());
      expect(total).toBe(out.length);
    });
    it('matches nothing for text that is not an IPv4 address', () => {
      const m = create(nested);
      for (const bad of ['10.1.2', '10.1.2.3 ', '010.1.2.3', '10.1.2.3/32', '::ffff:10.1.2.3', '']) {
        expect(ids(m, 'ipv4', bad)).toEqual([]);
      }
    });
  });

  describe(`${name}: IPv6`, () => {
    it('returns covering blocks most specific first, ends of the space included', () => {
      const m = create([
        e(1, 'ipv6', '2001:db8::/32'),
        e(2, 'ipv6', '2001:db8:1::/48'),
        e(3, 'ipv6', '2001:DB8:1:0:0:0:0:1'),
        e(4, 'ipv6', '::/0'),
        e(5, 'ipv6', 'ffff:ffff:ffff:ffff:ffff:ffff:ffff:ff00/120'),
      ]);
      expect(ids(m, 'ipv6', '2001:db8:1::1')).toEqual([3, 2, 1, 4]);
      expect(ids(m, 'ipv6', '2001:db8:2::1')).toEqual([1, 4]);
      expect(ids(m, 'ipv6', 'ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff')).toEqual([5, 4]);
      expect(ids(m, 'ipv6', '::')).toEqual([4]);
      const words = Uint32Array.of(0x20010db8, 0x00010000, 0, 1);
      const out: number[] = [];
      expect(m.matchIPv6(words, SEE_ALL, out)).toBe(4);
    });
    it('keeps IPv4 and IPv6 apart (an IPv4-mapped address is an IPv6 value)', () => {
      const m = create([e(1, 'ipv4', '192.0.2.0/24'), e(2, 'ipv6', '::ffff:192.0.2.0/120')]);
      expect(ids(m, 'ipv6', '::ffff:192.0.2.7')).toEqual([2]);
      expect(ids(m, 'ipv4', '192.0.2.7')).toEqual([1]);
      expect(ids(m, 'ipv6', 'fe80::1%eth0')).toEqual([]);
    });
  });

  describe(`${name}: domains`, () => {
    const domains = [e(1, 'domain', 'example.com'), e(2, 'domain', 'b.example.com'), e(3, 'domain', 'com')];
    it('matches the domain and its subdomains, longest suffix first', () => {
      const m = create(domains);
      expect(ids(m, 'domain', 'a.b.example.com')).toEqual([2, 1, 3]);
      expect(ids(m, 'domain', 'example.com')).toEqual([1, 3]);
      expect(ids(m, 'domain', 'notexample.com')).toEqual([3]);
      expect(ids(m, 'domain', 'example.com.evil')).toEqual([]);
      expect(ids(m, 'domain', 'example.org')).toEqual([]);
    });
    it('normalises case, a trailing dot, wildcards and internationalised names', () => {
      const m = create([e(1, 'domain', '*.Example.ORG.'), e(2, 'domain', 'bücher.example')]);
      expect(ids(m, 'domain', 'WWW.example.org.')).toEqual([1]);
      expect(ids(m, 'domain', 'xn--bcher-kva.example')).toEqual([2]);
      expect(ids(m, 'domain', 'shop.BÜCHER.example')).toEqual([2]);
    });
    it('matches nothing for text that is not a domain', () => {
      const m = create(domains);
      for (const bad of [
        '',
        '.',
        'a..example.com',
        '.example.com',
        '1.2.3.4',
        'exa mple.com',
        `${'a'.repeat(64)}.com`,
      ]) {
        expect(ids(m, 'domain', bad)).toEqual([]);
      }
    });
  });

  describe(`${name}: URLs, e-mail addresses and digests`, () => {
    it('compares URLs in canonical form', () => {
      const m = create([
        e(1, 'url', 'HTTP://Example.COM:80/a/../b?#frag'),
        e(2, 'url', 'https://x.test/p%7e?q=%2f'),
      ]);
      expect(ids(m, 'url', 'http://example.com/b')).toEqual([1]);
      expect(ids(m, 'url', 'example.com/b')).toEqual([1]);
      expect(ids(m, 'url', 'https://example.com/b')).toEqual([]);
      expect(ids(m, 'url', 'https://x.test/p~?q=%2F')).toEqual([2]);
      expect(ids(m, 'url', 'http://')).toEqual([]);
    });
    it('compares e-mail addresses without regard to case', () => {
      const m = create([e(1, 'email', 'Phish@Example.COM')]);
      expect(ids(m, 'email', 'phish@example.com')).toEqual([1]);
      expect(ids(m, 'email', 'other@example.com')).toEqual([]);
      expect(ids(m, 'email', 'not-an-address')).toEqual([]);
    });
    it('compares digests of each kind in any case', () => {
      const md5 = 'D41D8CD98F00B204E9800998ECF8427E';
      const sha1 = 'da39a3ee5e6b4b0d3255bfef95601890afd80709';
      const sha256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
      const m = create([e(1, 'md5', md5), e(2, 'sha1', sha1), e(3, 'sha256', sha256), e(4, 'md5', md5)]);
      expect(ids(m, 'md5', md5.toLowerCase())).toEqual([1, 4]);
      expect(ids(m, 'sha1', sha1.toUpperCase())).toEqual([2]);
      expect(ids(m, 'sha256', sha256)).toEqual([3]);
      expect(ids(m, 'sha1', md5)).toEqual([]);
      expect(ids(m, 'md5', 'z'.repeat(32))).toEqual([]);
    });
  });

  describe(`${name}: visibility`, () => {
    const mixed = [
      e(1, 'ipv4', '10.0.0.0/8', 0),
      e(2, 'ipv4', '10.1.0.0/16', 1),
      e(3, 'ipv4', '10.1.1.1', 2),
    ];
    it('drops hits the reader may not see, with a bitset or a predicate', () => {
      const m = create([...mixed, e(4, 'domain', 'example.com', 3), e(5, 'md5', 'a'.repeat(32), 3)]);
      expect(m.match('ipv4', '10.1.1.1', createVisibilityMask([0, 2]))).toEqual([3, 1]);
      expect(m.match('ipv4', '10.1.1.1', (c) => c === 1)).toEqual([2]);
      expect(m.match('ipv4', '10.1.1.1', new Uint32Array(0))).toEqual([]);
      expect(m.match('domain', 'www.example.com', createVisibilityMask([0, 1, 2]))).toEqual([]);
      expect(m.match('md5', 'a'.repeat(32), createVisibilityMask([3]))).toEqual([5]);
    });
  });

  describe(`${name}: updates`, () => {
    it('adds to and removes from a matcher that already answered lookups', () => {
      const m = create([e(1, 'ipv4', '10.0.0.0/8'), e(2, 'domain', 'example.com')]);
      expect(ids(m, 'ipv4', '10.1.1.1')).toEqual([1]);
      expect(m.add(e(3, 'ipv4', '10.1.0.0/16')).ok).toBe(true);
      expect(ids(m, 'ipv4', '10.1.1.1')).toEqual([3, 1]);
      expect(m.remove(e(1, 'ipv4', '10.0.0.0/8'))).toBe(true);
      expect(ids(m, 'ipv4', '10.1.1.1')).toEqual([3]);
      expect(m.remove(e(1, 'ipv4', '10.0.0.0/8'))).toBe(false);
      expect(m.remove(e(3, 'ipv4', '10.1.0.0/16'))).toBe(true);
      expect(ids(m, 'ipv4', '10.1.1.1')).toEqual([]);
      expect(m.remove(e(2, 'domain', 'EXAMPLE.com.'))).toBe(true);
      expect(ids(m, 'domain', 'example.com')).toEqual([]);
      expect(m.size).toBe(0);
    });
    it('updates the visibility of an entry added again instead of duplicating it', () => {
      const m = create([e(1, 'ipv4', '10.0.0.0/8', 0)]);
      m.add(e(1, 'ipv4', '10.0.0.0/8', 5));
      m.add(e(2, 'ipv4', '10.0.0.0/8', 0));
      m.add(e(2, 'ipv4', '10.0.0.0/8', 6));
      expect(m.size).toBe(2);
      expect(ids(m, 'ipv4', '10.0.0.1')).toEqual([1, 2]);
      expect(m.match('ipv4', '10.0.0.1', createVisibilityMask([0]))).toEqual([]);
      expect(m.match('ipv4', '10.0.0.1', createVisibilityMask([5]))).toEqual([1]);
    });
    it('re-adds a removed entry', () => {
      const m = create([e(1, 'sha256', 'ab'.repeat(32))]);
      m.remove(e(1, 'sha256', 'ab'.repeat(32)));
      m.add(e(1, 'sha256', 'AB'.repeat(32)));
      expect(ids(m, 'sha256', 'ab'.repeat(32))).toEqual([1]);
    });
    it('rejects invalid entries with a reason and leaves the index as it was', () => {
      const m = create([]);
      const reasons = [
        e(1, 'ipv4', '999.1.1.1'),
        e(1, 'ipv4', '10.0.0.0/33'),
        e(1, 'ipv4', '2001:db8::1'),
        e(1, 'ipv6', '2001:db8::/129'),
        e(1, 'domain', 'not a domain'),
        e(1, 'url', 'http://'),
        e(1, 'md5', 'abc'),
        e(-1, 'ipv4', '10.0.0.1'),
        e(1.5, 'ipv4', '10.0.0.1'),
        e(1, 'ipv4', '10.0.0.1', 70000),
      ].map((x) => {
        const r = m.add(x);
        return r.ok ? 'ok' : r.reason;
      });
      expect(reasons).toEqual([
        ...Array<string>(7).fill('invalid-value'),
        'invalid-entry-id',
        'invalid-entry-id',
        'invalid-visibility',
      ]);
      expect(m.size).toBe(0);
    });
    it('keeps kinds apart', () => {
      const m = create([e(1, 'domain', 'example.com'), e(2, 'url', 'http://example.com/')]);
      expect(ids(m, 'url', 'http://a.example.com/')).toEqual([]);
      expect(ids(m, 'email', 'x@example.com')).toEqual([]);
      expect(ids(m, 'domain', 'example.com')).toEqual([1]);
    });
  });
}
