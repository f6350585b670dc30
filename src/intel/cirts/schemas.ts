// The CIRT directory's contracts: a team as Accord stores it, and a team as the Trusted Introducer
// directory publishes it (the shape IntelMQ's trusted_introducer_lookup reads), for imports.
import { isIP } from 'node:net';
import { z } from 'zod';
import { isIsoCountry } from '../../platform/iso-countries.ts';
import { formatIPv4, formatIPv6, ipv4Mask, maskIPv6, parseCidr } from '../../platform/net/ip-parse.ts';

const cidr = z
  .string()
  .refine((value) => {
    const [address = '', prefix] = value.split('/');
    const family = isIP(address);
    const bits = prefix === undefined ? (family === 6 ? 128 : 32) : Number(prefix);
    return family !== 0 && Number.isInteger(bits) && bits >= 0 && bits <= (family === 6 ? 128 : 32);
  }, 'must be an IPv4 or IPv6 range like 192.0.2.0/24')
  // A range with host bits set ("10.2.0.0/8") is ambiguous, and PostgreSQL's cidr refuses it.
  .superRefine((value, ctx) => {
    const network = networkWithHostBits(value);
    if (network !== undefined) {
      ctx.addIssue({ code: 'custom', message: `has host bits set: the range is ${network}` });
    }
  });

/** The range's network ("10.0.0.0/8") when the value has host bits set, else undefined. */
function networkWithHostBits(value: string): string | undefined {
  const parsed = parseCidr(value);
  if (!parsed.ok) {
    return undefined;
  }
  const v = parsed.value;
  if (v.family === 4) {
    const network = (v.address & ipv4Mask(v.prefix)) >>> 0;
    return network === v.address ? undefined : `${formatIPv4(network)}/${v.prefix}`;
  }
  const network = maskIPv6(new Uint32Array(v.words), v.prefix);
  return network.every((w, i) => w === v.words[i]) ? undefined : `${formatIPv6(network)}/${v.prefix}`;
}
const domainPattern = z
  .string()
  .toLowerCase()
  .regex(/^(\*\.)?([a-z0-9-]+\.)*[a-z0-9-]+$/, 'must be a domain like example.org or *.example.org');
const country = z
  .string()
  .regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code')
  .refine(isIsoCountry, 'is not an ISO 3166-1 country code');

/** Longest armored public key accepted (a key with many signatures is tens of kilobytes). */
export const PGP_KEY_MAX_CHARS = 100_000;

export const cirtInput = z.object({
  officialName: z.string().trim().min(2).max(300),
  shortName: z.string().trim().max(100).optional(),
  country,
  organisationId: z.uuid().optional(),
  constituencyTypes: z.array(z.string().max(100)).max(20).default([]),
  ranges: z.array(cidr).max(10_000).default([]),
  asns: z.array(z.number().int().min(1).max(4_294_967_295)).max(10_000).default([]),
  countries: z.array(country).max(300).default([]),
  domains: z.array(domainPattern).max(10_000).default([]),
  emails: z
    .array(z.object({ address: z.email(), usage: z.array(z.string()).default([]) }))
    .max(50)
    .default([]),
  phones: z
    .array(z.object({ number: z.string().max(50), usage: z.array(z.string()).default([]) }))
    .max(50)
    .default([]),
  pgpKeys: z
    .array(
      z.object({
        fingerprint: z.string().regex(/^[0-9A-F ]{40,60}$/i, 'must be a PGP fingerprint'),
        expires: z.string().optional(),
      }),
    )
    .max(20)
    .default([]),
  /** The armored public key notification e-mail is encrypted to (checked by team-key.ts). */
  pgpPublicKey: z.string().trim().min(1).max(PGP_KEY_MAX_CHARS).optional(),
  /** Without a usable key: withhold e-mail (true) or send it in clear (false, the default). */
  requireEncryption: z.boolean().optional(),
  businessHours: z.string().max(300).optional(),
  businessHoursTimezone: z.string().max(100).optional(),
  available24x7: z.boolean().default(false),
  notifyEmail: z.email().optional(),
  notifyWebhook: z.url({ protocol: /^https?$/ }).optional(),
});
export type CirtInput = z.infer<typeof cirtInput>;

/** One team of a Trusted Introducer directory export. */
export const trustedIntroducerTeam = z.object({
  official_name: z.string(),
  short_name: z.string().optional(),
  country: z.object({ code: z.string() }),
  constituency: z
    .object({
      types: z.array(z.string()).default([]),
      asns: z.array(z.number()).default([]),
      domains: z.array(z.string()).default([]),
      ipranges: z.array(z.string()).default([]),
      countries: z.array(z.object({ code: z.string() })).default([]),
    })
    .default({ types: [], asns: [], domains: [], ipranges: [], countries: [] }),
  business_hours: z.string().optional(),
  business_hours_timezone: z.string().optional(),
  // `key` (the armored public key) is Accord's addition: the directory itself lists fingerprints.
  pgp_keys: z
    .array(z.object({ fingerprint: z.string(), expires: z.string().optional(), key: z.string().optional() }))
    .default([]),
  phones: z.array(z.object({ number: z.string(), usage: z.array(z.string()).default([]) })).default([]),
  emails: z.array(z.object({ address: z.string(), usage: z.array(z.string()).default([]) })).default([]),
});

/** Maps a Trusted Introducer team to Accord's shape (validated again by cirtInput). */
export function fromTrustedIntroducer(team: z.infer<typeof trustedIntroducerTeam>): unknown {
  const emergency = team.phones.some((p) => p.usage.includes('emergency'));
  return {
    officialName: team.official_name,
    shortName: team.short_name,
    country: team.country.code,
    constituencyTypes: team.constituency.types,
    ranges: team.constituency.ipranges,
    asns: team.constituency.asns,
    countries: team.constituency.countries.map((c) => c.code),
    domains: team.constituency.domains,
    emails: team.emails,
    phones: team.phones,
    pgpKeys: team.pgp_keys.map(({ fingerprint, expires }) => ({ fingerprint, expires })),
    pgpPublicKey: team.pgp_keys.find((k) => k.key !== undefined)?.key,
    businessHours: team.business_hours,
    businessHoursTimezone: team.business_hours_timezone,
    available24x7: emergency,
  };
}
