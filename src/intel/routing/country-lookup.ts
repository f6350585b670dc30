// IP → country from two independent datasets: geo-whois-asn-country (geofeed > whois > ASN, best
// coverage) answers first, iptoasn-country (announced prefixes) cross-checks. About 5 % of addresses
// where both answer disagree (1.1.1.1: AU vs US); both answers are kept and the disagreement flagged,
// so routing can notify both countries and an analyst can triage.
import maxmind, { type Reader, type Response } from 'maxmind';
import { resolveDataFile } from './data-sources.ts';

// The ip-location-db files hold { country_code } records, not one of MaxMind's own shapes.
type CountryRecord = { country_code?: unknown };

export type CountryAnswer = {
  /** geo-whois-asn-country's answer. */
  primary: string | null;
  /** iptoasn-country's answer. */
  secondary: string | null;
  /** Distinct answers, primary first. */
  countries: string[];
  /** Both answered and they differ. */
  disagreement: boolean;
};

export type CountryLookup = { lookup(address: string): CountryAnswer };

const ISO_ALPHA2 = /^[A-Z]{2}$/;

function codeOf(record: Response | null): string | null {
  const code = (record as CountryRecord | null)?.country_code;
  return typeof code === 'string' && ISO_ALPHA2.test(code.toUpperCase()) ? code.toUpperCase() : null;
}

/** Combines two answers; exported for tests of the disagreement rule. */
export function combineCountries(primary: string | null, secondary: string | null): CountryAnswer {
  const countries = [...new Set([primary, secondary].filter((c): c is string => c !== null))];
  return { primary, secondary, countries, disagreement: countries.length > 1 };
}

export function createCountryLookup(primary: Reader<Response>, secondary: Reader<Response>): CountryLookup {
  return {
    lookup(address) {
      return combineCountries(codeOf(primary.get(address)), codeOf(secondary.get(address)));
    },
  };
}

/** Opens both mmdb files from node_modules (a few MB each, read into memory). */
export async function openCountryLookup(): Promise<CountryLookup> {
  const [primary, secondary] = await Promise.all([
    maxmind.open<Response>(resolveDataFile('countryPrimary')),
    maxmind.open<Response>(resolveDataFile('countrySecondary')),
  ]);
  return createCountryLookup(primary, secondary);
}
