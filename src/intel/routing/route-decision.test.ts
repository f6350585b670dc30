import { beforeAll, describe, expect, it } from 'vitest';
import { openRoutingLookups, routeAddress, routeDomain, type RoutingLookups } from './route-decision.ts';
import { DBIP_ATTRIBUTION_HTML, PINNED_DATA_VERSION, ROUTING_ATTRIBUTIONS } from './data-sources.ts';
import { combineCountries } from './country-lookup.ts';

let lookups: RoutingLookups;
beforeAll(async () => {
  lookups = await openRoutingLookups();
});

describe('routeAddress on the pinned data', () => {
  it('routes the reference vectors to their country with their ASN', () => {
    const cases: Array<[string, string, number]> = [
      ['8.8.8.8', 'US', 15169],
      ['193.0.6.139', 'NL', 3333],
      ['41.203.64.1', 'NG', 37148],
    ];
    for (const [address, country, asn] of cases) {
      const d = routeAddress(lookups, address);
      expect(d, address).toMatchObject({ outcome: 'routed', countries: [country], asn: { asn } });
    }
    expect(routeAddress(lookups, '196.25.1.1')).toMatchObject({ outcome: 'routed', countries: ['ZA'] });
  });

  it('never routes private, shared, documentation and other special-purpose addresses', () => {
    for (const address of [
      '192.168.1.1',
      '198.51.100.7',
      '2001:db8::1',
      '10.0.0.1',
      '100.64.0.1',
      '203.0.113.9',
      '127.0.0.1',
      'fe80::1',
      '224.0.0.1',
    ]) {
      const d = routeAddress(lookups, address);
      expect(d.outcome, address).toBe('not-routed');
      expect(d.countries).toEqual([]);
      expect(d.specialPurpose).toBeDefined();
      expect(d.country).toBeUndefined();
    }
    expect(routeAddress(lookups, '192.168.1.1').reason).toMatch(
      /Private-Use \(192\.168\.0\.0\/16, RFC 1918\)/,
    );
  });

  it('routes to both countries and flags it when the datasets disagree', () => {
    const d = routeAddress(lookups, '1.1.1.1');
    expect(d.flags).toContain('country-disagreement');
    expect(d.countries).toEqual(['AU', 'US']);
    expect(d.country).toMatchObject({ primary: 'AU', secondary: 'US', disagreement: true });
  });

  it('routes an IPv4-mapped IPv6 address by its IPv4 address, and IPv6 by itself', () => {
    expect(routeAddress(lookups, '::ffff:8.8.8.8')).toMatchObject({
      subject: { value: '::ffff:8.8.8.8' },
      routedAddress: '8.8.8.8',
      countries: ['US'],
      flags: ['embedded-ipv4'],
    });
    expect(routeAddress(lookups, '2001:4860:4860::8888')).toMatchObject({
      countries: ['US'],
      asn: { asn: 15169 },
    });
  });

  it('records the data versions in every decision, equal to the pinned ones', () => {
    for (const d of [
      routeAddress(lookups, '8.8.8.8'),
      routeAddress(lookups, '10.0.0.1'),
      routeDomain(lookups, 'x.uk'),
    ]) {
      expect(Object.values(d.data)).toEqual([PINNED_DATA_VERSION, PINNED_DATA_VERSION, PINNED_DATA_VERSION]);
    }
  });

  it('does not route text that is not an address', () => {
    expect(routeAddress(lookups, 'example.com')).toMatchObject({
      outcome: 'not-routed',
      reason: 'not an IP address',
    });
  });
});

describe('routeDomain', () => {
  it('routes by ccTLD and says why it cannot', () => {
    expect(routeDomain(lookups, 'mail.example.co.uk')).toMatchObject({
      outcome: 'routed',
      countries: ['GB'],
      flags: ['by-cctld'],
    });
    const eu = routeDomain(lookups, 'example.eu');
    expect(eu).toMatchObject({ outcome: 'not-routed', countries: [], cctld: { tld: 'eu', country: null } });
    expect(eu.reason).toMatch(/not a country/);
    expect(routeDomain(lookups, 'example.com').reason).toMatch(/generic TLD/);
  });
});

describe('country answers and attribution', () => {
  it('combines the two datasets: agreement, one missing, disagreement', () => {
    expect(combineCountries('FR', 'FR')).toEqual({
      primary: 'FR',
      secondary: 'FR',
      countries: ['FR'],
      disagreement: false,
    });
    expect(combineCountries(null, 'FR')).toMatchObject({ countries: ['FR'], disagreement: false });
    expect(combineCountries('SK', 'IT')).toMatchObject({ countries: ['SK', 'IT'], disagreement: true });
    expect(combineCountries(null, null).countries).toEqual([]);
  });
  it('exports the attributions the licences ask for', () => {
    expect(DBIP_ATTRIBUTION_HTML).toBe("<a href='https://db-ip.com'>IP Geolocation by DB-IP</a>");
    const byDataset = Object.fromEntries(ROUTING_ATTRIBUTIONS.map((a) => [a.dataset, a]));
    expect(byDataset['@ip-location-db/asn']?.links.map((l) => l.href)).toContain('https://db-ip.com');
    expect(byDataset['@ip-location-db/geo-whois-asn-country-mmdb']?.text).toMatch(/NRO/);
  });
});
