import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { scanIPv4 } from './scan-ipv4.ts';
import { formatIPv4, parseIPv4 } from '../../platform/net/ip-parse.ts';

function scan(text: string): string[] {
  const bytes = Buffer.from(text, 'latin1');
  const out = new Uint32Array(64);
  const where = new Int32Array(64);
  const n = scanIPv4(bytes, 0, bytes.length, out, where);
  return Array.from(out.subarray(0, n), (a, k) => `${formatIPv4(a)}@${where[k]}`);
}

/** The reference: tokens of digits and dots, kept when parseIPv4 accepts the whole token. */
function reference(text: string): string[] {
  return [...text.matchAll(/[0-9]+(?:\.[0-9]+)*/g)]
    .filter((m) => parseIPv4(m[0]) >= 0)
    .map((m) => `${formatIPv4(parseIPv4(m[0]))}@${m.index}`);
}

describe('scanIPv4', () => {
  it('finds standalone dotted quads in a log line', () => {
    expect(scan('DENY 10.0.0.1:443 -> 203.0.113.66, via [192.0.2.1]')).toEqual([
      '10.0.0.1@5',
      '203.0.113.66@21',
      '192.0.2.1@40',
    ]);
  });

  it('skips version numbers, longer runs, bad parts and leading zeros', () => {
    expect(scan('v1.2.3.4.5 1.2.3.4.x 256.1.1.1 01.2.3.4 1.2.3 99.1.2.3.')).toEqual([
      '1.2.3.4@11',
      '99.1.2.3@46',
    ]);
  });

  it('agrees with parseIPv4 over digit-and-dot tokens of random text', () => {
    const alphabet = fc.constantFrom(...'0123456789....  :/a-'.split(''));
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 80 }), (chars) => {
        const text = chars.join('');
        expect(scan(text)).toEqual(reference(text));
      }),
      { numRuns: 3000 },
    );
  });
});
