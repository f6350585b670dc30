// The routing decision for one indicator value: which country's CIRT is responsible for an address
// (special-purpose addresses never routed; country from two datasets, both kept when they disagree;
// ASN for constituencies defined by ASN) or for a domain with no known address (its ccTLD). The record
// carries the answers and data versions it was based on, for the audit log.
import { parseIPv4, parseIPv6 } from '../../platform/net/ip-parse.ts';
import {
  specialPurposeIPv4,
  specialPurposeIPv6,
  type SpecialPurpose,
} from '../../platform/net/special-purpose.ts';
import { openCountryLookup, type CountryAnswer, type CountryLookup } from './country-lookup.ts';
import { loadAsnTable, lookupAsn, type AsnAnswer } from './asn-table.ts';
import { countryOfDomain } from './cctld.ts';
import { readDataVersions, type DataVersions } from './data-sources.ts';

export type RoutingLookups = {
  country: CountryLookup;
  asn(address: string): AsnAnswer | undefined;
  versions: DataVersions;
};

export type RoutingFlag = 'country-disagreement' | 'single-source' | 'embedded-ipv4' | 'by-cctld';

export type RoutingDecision = {
  subject: { kind: 'ip' | 'domain'; value: string };
  outcome: 'routed' | 'not-routed';
  /** The countries whose CIRTs get the indicator: two when the datasets disagree, none if not routed. */
  countries: string[];
  reason: string;
  flags: RoutingFlag[];
  /** The IPv4 address routed in place of an IPv4-mapped or NAT64 IPv6 address. */
  routedAddress?: string;
  specialPurpose?: SpecialPurpose;
  country?: CountryAnswer;
  asn?: AsnAnswer | null;
  cctld?: { tld: string; country: string | null };
  data: DataVersions;
};

/** Loads the country and ASN data from node_modules (about a second, once per process). */
export async function openRoutingLookups(): Promise<RoutingLookups> {
  const country = await openCountryLookup();
  const table = loadAsnTable();
  return { country, asn: (address) => lookupAsn(table, address), versions: readDataVersions() };
}

export function routeAddress(lookups: RoutingLookups, address: string): RoutingDecision {
  const base = { subject: { kind: 'ip' as const, value: address }, data: lookups.versions };
  const notRouted = (reason: string, extra: Partial<RoutingDecision> = {}): RoutingDecision => ({
    ...base,
    outcome: 'not-routed',
    countries: [],
    reason,
    flags: [],
    ...extra,
  });
  const target = address.trim();
  const flags: RoutingFlag[] = [];
  const words = new Uint32Array(4);
  const v4 = parseIPv4(target);
  if (v4 >= 0) {
    const block = specialPurposeIPv4(v4);
    if (block) {
      return notRouted(`${block.name} (${block.prefix}, ${block.rfc}): never routed`, {
        specialPurpose: block,
      });
    }
  } else if (parseIPv6(target, words)) {
    const verdict = specialPurposeIPv6(words);
    if (verdict.kind === 'special') {
      const block = verdict.block;
      return notRouted(`${block.name} (${block.prefix}, ${block.rfc}): never routed`, {
        specialPurpose: block,
      });
    }
    if (verdict.kind === 'embedded-ipv4') {
      const inner = routeAddress(lookups, verdict.ipv4);
      return {
        ...inner,
        subject: base.subject,
        routedAddress: verdict.ipv4,
        flags: ['embedded-ipv4', ...inner.flags],
      };
    }
  } else {
    return notRouted('not an IP address');
  }
  const country = lookups.country.lookup(target);
  const asn = lookups.asn(target) ?? null;
  if (country.countries.length === 0) {
    return notRouted('neither dataset knows a country for this address', { country, asn });
  }
  let reason = `${country.countries[0]} by both datasets`;
  if (country.disagreement) {
    flags.push('country-disagreement');
    reason = `datasets disagree (geo-whois-asn-country: ${country.primary}, iptoasn-country: ${country.secondary}): routed to both`;
  } else if (country.primary === null || country.secondary === null) {
    flags.push('single-source');
    reason = `${country.countries[0]} by ${country.primary === null ? 'iptoasn-country' : 'geo-whois-asn-country'} only`;
  }
  return { ...base, outcome: 'routed', countries: country.countries, reason, flags, country, asn };
}

/** A domain with no known address: its ccTLD's country, or why there is none. */
export function routeDomain(lookups: Pick<RoutingLookups, 'versions'>, domain: string): RoutingDecision {
  const base = { subject: { kind: 'domain' as const, value: domain }, data: lookups.versions };
  const result = countryOfDomain(domain);
  if (!result.ok) {
    const tld = domain.trim().replace(/\.$/, '').split('.').pop()?.toLowerCase() ?? '';
    const detail = result.details?.[0]?.reason ?? result.reason;
    return {
      ...base,
      outcome: 'not-routed',
      countries: [],
      reason: detail,
      flags: [],
      cctld: { tld, country: null },
    };
  }
  const { tld, country } = result.value;
  return {
    ...base,
    outcome: 'routed',
    countries: [country],
    reason: `.${tld} is the ccTLD of ${country} (no address known)`,
    flags: ['by-cctld'],
    cctld: { tld, country },
  };
}
