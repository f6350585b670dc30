import { describe, expect, it } from 'vitest';
import { countryOfDomain, ISO_3166_ALPHA2 } from './cctld.ts';

describe('countryOfDomain', () => {
  it('maps ccTLDs to ISO countries, with the exceptions', () => {
    expect(countryOfDomain('www.bbc.co.uk')).toEqual({ ok: true, value: { tld: 'uk', country: 'GB' } });
    expect(countryOfDomain('example.DE.')).toEqual({ ok: true, value: { tld: 'de', country: 'DE' } });
    expect(countryOfDomain('nic.ac')).toEqual({ ok: true, value: { tld: 'ac', country: 'SH' } });
    expect(countryOfDomain('пример.рф')).toEqual({ ok: true, value: { tld: 'xn--p1ai', country: 'RU' } });
  });
  it('says that .eu and .su are not countries, and that generic TLDs carry none', () => {
    const eu = countryOfDomain('europa.eu');
    expect(eu).toMatchObject({ ok: false, reason: 'not-a-country' });
    expect(eu.ok ? '' : eu.details?.[0]?.reason).toMatch(/European Union is not a country/);
    expect(countryOfDomain('kremlin.su')).toMatchObject({ ok: false, reason: 'not-a-country' });
    expect(countryOfDomain('example.com')).toMatchObject({ ok: false, reason: 'generic-tld' });
    expect(countryOfDomain('example.xx')).toMatchObject({ ok: false, reason: 'unknown-cctld' });
    expect(countryOfDomain('not a domain')).toMatchObject({ ok: false, reason: 'invalid-domain' });
  });
  it('knows the 249 assigned ISO 3166-1 codes, each a region ICU can name', () => {
    expect(ISO_3166_ALPHA2.size).toBe(249);
    const names = new Intl.DisplayNames(['en'], { type: 'region' });
    for (const code of ISO_3166_ALPHA2) {
      expect(names.of(code), code).not.toBe(code);
    }
  });
});
