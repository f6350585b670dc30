import { describe, expect, it } from 'vitest';
import { classifySpecialPurpose } from './special-purpose.ts';

const blockOf = (address: string) => {
  const v = classifySpecialPurpose(address);
  return v?.kind === 'special' ? v.block.prefix : v?.kind;
};

describe('classifySpecialPurpose', () => {
  it('finds the IPv4 special-purpose block, most specific first', () => {
    const cases: Record<string, string> = {
      '0.1.2.3': '0.0.0.0/8',
      '0.0.0.0': '0.0.0.0/32',
      '10.0.0.1': '10.0.0.0/8',
      '100.64.0.1': '100.64.0.0/10',
      '100.127.255.255': '100.64.0.0/10',
      '127.0.0.1': '127.0.0.0/8',
      '169.254.10.1': '169.254.0.0/16',
      '172.31.255.1': '172.16.0.0/12',
      '192.0.0.5': '192.0.0.0/29',
      '192.0.0.200': '192.0.0.0/24',
      '192.0.2.1': '192.0.2.0/24',
      '192.88.99.1': '192.88.99.0/24',
      '192.168.1.1': '192.168.0.0/16',
      '198.19.255.255': '198.18.0.0/15',
      '198.51.100.7': '198.51.100.0/24',
      '203.0.113.9': '203.0.113.0/24',
      '224.0.0.251': '224.0.0.0/4',
      '239.255.255.250': '224.0.0.0/4',
      '240.0.0.1': '240.0.0.0/4',
      '255.255.255.255': '255.255.255.255/32',
    };
    for (const [address, prefix] of Object.entries(cases)) {
      expect(blockOf(address), address).toBe(prefix);
    }
  });
  it('leaves public IPv4 addresses, including the neighbours of special blocks, alone', () => {
    for (const address of [
      '8.8.8.8',
      '1.1.1.1',
      '9.255.255.255',
      '11.0.0.0',
      '100.63.255.255',
      '100.128.0.0',
      '172.32.0.1',
      '198.20.0.0',
      '223.255.255.255',
    ]) {
      expect(blockOf(address), address).toBe('ordinary');
    }
  });
  it('finds the IPv6 special-purpose block and treats space outside 2000::/3 as reserved', () => {
    const cases: Record<string, string> = {
      '::': '::/128',
      '::1': '::1/128',
      '2001:db8::1': '2001:db8::/32',
      '2001::1': '2001::/32',
      '2001:100::1': '2001::/23',
      '2002:c000:201::1': '2002::/16',
      '3fff:1::1': '3fff::/20',
      'fc00::1': 'fc00::/7',
      'fd12:3456::1': 'fc00::/7',
      'fe80::1': 'fe80::/10',
      'fec0::1': 'fec0::/10',
      'ff02::1': 'ff00::/8',
      '100::1': '100::/64',
      '4000::1': '::/0',
      '::2': '::/0',
    };
    for (const [address, prefix] of Object.entries(cases)) {
      expect(blockOf(address), address).toBe(prefix);
    }
    expect(blockOf('2001:4860:4860::8888')).toBe('ordinary');
    expect(blockOf('2a00:1450:4001::1')).toBe('ordinary');
  });
  it('hands back the IPv4 address inside IPv4-mapped and NAT64 addresses', () => {
    expect(classifySpecialPurpose('::ffff:8.8.8.8')).toMatchObject({
      kind: 'embedded-ipv4',
      ipv4: '8.8.8.8',
    });
    expect(classifySpecialPurpose('64:ff9b::c633:6407')).toMatchObject({
      kind: 'embedded-ipv4',
      ipv4: '198.51.100.7',
    });
  });
  it('answers undefined for text that is not an address', () => {
    expect(classifySpecialPurpose('example.com')).toBeUndefined();
    expect(classifySpecialPurpose('10.0.0.0/8')).toBeUndefined();
  });
});
