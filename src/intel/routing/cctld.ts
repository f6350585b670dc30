// Domain → country by its country-code top-level domain, for domains with no known address. ccTLDs
// follow ISO 3166-1 alpha-2 with exceptions: .uk is GB, .ac is Ascension (part of SH); .eu (the
// European Union) and .su (the former Soviet Union) are ccTLDs of no country, and generic TLDs
// (.com, .org, brands) say nothing about a country.
// @see https://www.iana.org/domains/root/db and ISO 3166-1
import type { Result } from '../../platform/errors/app-error.ts';
import { normaliseDomain } from '../matcher/normalise.ts';

/** The officially assigned ISO 3166-1 alpha-2 codes (249). */
export const ISO_3166_ALPHA2: ReadonlySet<string> = new Set(
  `AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV
  BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES
  ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE
  IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY
  MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU
  NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM
  SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE
  VG VI VN VU WF WS YE YT ZA ZM ZW`.split(/\s+/),
);

/** ccTLDs that differ from the ISO code, and internationalised ccTLDs in use (punycode). */
const CCTLD_EXCEPTIONS: Record<string, string> = {
  uk: 'GB',
  ac: 'SH',
  'xn--p1ai': 'RU',
  'xn--fiqs8s': 'CN',
  'xn--fiqz9s': 'CN',
  'xn--j6w193g': 'HK',
  'xn--kprw13d': 'TW',
  'xn--kpry57d': 'TW',
  'xn--3e0b707e': 'KR',
  'xn--mgbaam7a8h': 'AE',
  'xn--mgberp4a5d4ar': 'SA',
  'xn--wgbh1c': 'EG',
  'xn--90a3ac': 'RS',
  'xn--j1amh': 'UA',
  'xn--90ais': 'BY',
  'xn--h2brj9c': 'IN',
  'xn--o3cw4h': 'TH',
  'xn--mgba3a4f16a': 'IR',
};

/** ccTLDs that are not a country: routing must not guess one. */
export const NOT_A_COUNTRY: Record<string, string> = {
  eu: 'the European Union is not a country; .eu domains are registered by residents of any EU/EEA member state',
  su: 'the Soviet Union no longer exists; .su is still delegated but belongs to no current country',
  tp: 'retired ccTLD of East Timor (now .tl)',
  yu: 'retired ccTLD of Yugoslavia',
  an: 'retired ccTLD of the Netherlands Antilles',
};

export type CcTldCountry = { tld: string; country: string };
export type CcTldRejection = 'invalid-domain' | 'not-a-country' | 'generic-tld' | 'unknown-cctld';

/** The country of a domain's ccTLD, or why there is none. */
export function countryOfDomain(domain: string): Result<CcTldCountry, CcTldRejection> {
  const canonical = normaliseDomain(domain);
  if (canonical === undefined) {
    return {
      ok: false,
      reason: 'invalid-domain',
      details: [{ path: 'domain', reason: `not a domain name: ${domain}` }],
    };
  }
  const tld = canonical.slice(canonical.lastIndexOf('.') + 1);
  const explanation = NOT_A_COUNTRY[tld];
  if (explanation !== undefined) {
    return {
      ok: false,
      reason: 'not-a-country',
      details: [{ path: 'tld', reason: `.${tld}: ${explanation}` }],
    };
  }
  const country =
    CCTLD_EXCEPTIONS[tld] ??
    (tld.length === 2 && ISO_3166_ALPHA2.has(tld.toUpperCase()) ? tld.toUpperCase() : undefined);
  if (country !== undefined) {
    return { ok: true, value: { tld, country } };
  }
  return tld.length === 2
    ? {
        ok: false,
        reason: 'unknown-cctld',
        details: [{ path: 'tld', reason: `.${tld} is not an assigned country code` }],
      }
    : {
        ok: false,
        reason: 'generic-tld',
        details: [{ path: 'tld', reason: `.${tld} is a generic TLD: no country` }],
      };
}
