// The dotted-quad parser against the grammar it implements, written as a regular expression: the
// same answer on random and near-miss text.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseCidr, parseIPv4 } from './ip-address.ts';

const OCTET = '(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])';
const REFERENCE = new RegExp(`^${OCTET}(\\.${OCTET}){3}$`);
const reference = (text: string) => (REFERENCE.test(text) ? text.split('.').map(Number) : undefined);

describe('parseIPv4', () => {
  it('reads dotted quads and refuses leading zeros, short, long and out-of-range forms', () => {
    expect(parseIPv4('192.0.2.1')).toEqual([192, 0, 2, 1]);
    expect(parseIPv4('0.0.0.0')).toEqual([0, 0, 0, 0]);
    expect(parseIPv4('255.255.255.255')).toEqual([255, 255, 255, 255]);
    for (const bad of [
      '',
      '1.2.3',
      '1.2.3.4.5',
      '1.2.3.256',
      '01.2.3.4',
      '1..2.3',
      '1.2.3.4.',
      '.1.2.3',
      ' 1.2.3.4',
      '1.2.3.4a',
      '1.2.3.0x1',
      '1.2.3.٤',
    ]) {
      expect(parseIPv4(bad), bad).toBeUndefined();
    }
  });

  it('agrees with the regular-expression grammar on random text (property)', () => {
    const part = fc.oneof(
      fc.integer({ min: 0, max: 300 }).map(String),
      fc.constantFrom('00', '01', '007', '', 'a', '-1', '1 ', '2555'),
    );
    const candidate = fc.oneof(
      fc.array(part, { minLength: 1, maxLength: 6 }).map((parts) => parts.join('.')),
      fc.string({ maxLength: 16 }),
    );
    fc.assert(
      fc.property(candidate, (text) => {
        expect(parseIPv4(text)).toEqual(reference(text));
      }),
      {
        numRuns: 5000,
      },
    );
  });

  it('leaves CIDR parsing as it was', () => {
    expect(parseCidr('192.0.2.77/24')).toEqual({ family: 4, network: '192.0.2.0', prefix: 24 });
    expect(parseCidr('192.0.2.1')).toEqual({ family: 4, network: '192.0.2.1', prefix: 32 });
    expect(parseCidr('192.0.2.1/33')).toBeUndefined();
  });
});
