import { describe, expect, it } from 'vitest';
import { domainCandidates, mostSpecific, type ConstituencyMatch } from './precedence.ts';

const m = (cirtId: string, via: ConstituencyMatch['via'], specificity = 0): ConstituencyMatch => ({
  cirtId,
  via,
  specificity,
  detail: '',
});

describe('mostSpecific', () => {
  it('prefers a range over a domain, an ASN and a country', () => {
    expect(
      mostSpecific([
        m('country', 'country'),
        m('asn', 'asn'),
        m('range', 'range', 16),
        m('domain', 'domain', 3),
      ]).map((x) => x.cirtId),
    ).toEqual(['range']);
    expect(mostSpecific([m('country', 'country'), m('asn', 'asn')]).map((x) => x.cirtId)).toEqual(['asn']);
  });
  it('takes the longest prefix among nested ranges and keeps ties', () => {
    expect(
      mostSpecific([m('wide', 'range', 16), m('narrow', 'range', 18), m('also-narrow', 'range', 18)]).map(
        (x) => x.cirtId,
      ),
    ).toEqual(['narrow', 'also-narrow']);
  });
  it('lists a team once and nothing for no match', () => {
    expect(mostSpecific([m('a', 'range', 24), m('a', 'range', 24)])).toHaveLength(1);
    expect(mostSpecific([])).toEqual([]);
  });
});

describe('domainCandidates', () => {
  it('lists the exact name then every wildcard suffix, most specific first', () => {
    expect(domainCandidates('Mail.Campus.ac.ke.')).toEqual([
      'mail.campus.ac.ke',
      '*.campus.ac.ke',
      '*.ac.ke',
      '*.ke',
    ]);
  });
});

describe('cirtInput ranges', () => {
  it('refuses a range with host bits set, naming the network, and accepts canonical and IPv6 ranges', async () => {
    const { cirtInput } = await import('./schemas.ts');
    const base = { officialName: 'Range test', country: 'KE' };
    const bad = cirtInput.safeParse({ ...base, ranges: ['10.2.0.0/8'] });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]).toMatchObject({
      path: ['ranges', 0],
      message: expect.stringContaining('10.0.0.0/8') as unknown,
    });
    expect(
      cirtInput.safeParse({ ...base, ranges: ['10.0.0.0/8', '2001:0DB8::/32', '192.0.2.7'] }).success,
    ).toBe(true);
    expect(cirtInput.safeParse({ ...base, ranges: ['2001:db8::1/32'] }).success).toBe(false);
  });
});
