// Addresses that belong to no country's network and are never routed to a CIRT: the IANA IPv4 and
// IPv6 Special-Purpose Address Registries, multicast, and IPv6 space IANA has not allocated. Checked
// first because the geolocation data answers real countries for some of them (192.168.0.0/16 → AU).
// Anycast entries that the registries mark globally reachable (AS112, AMT, PCP, TURN) are dropped too:
// anycast has no single country. IPv4-mapped and NAT64 well-known-prefix addresses carry an IPv4 to
// route instead.
// @see https://www.iana.org/assignments/iana-ipv4-special-registry/
// @see https://www.iana.org/assignments/iana-ipv6-special-registry/
import { ipv4Mask, maskIPv6, parseCidr, parseIPv4, parseIPv6, formatIPv4 } from './ip-parse.ts';

export type SpecialPurpose = { prefix: string; name: string; rfc: string };
export type SpecialPurposeVerdict =
  | { kind: 'ordinary' }
  | { kind: 'special'; block: SpecialPurpose }
  /** The address embeds an IPv4 address (::ffff:a.b.c.d, 64:ff9b::a.b.c.d), which is what to route. */
  | { kind: 'embedded-ipv4'; ipv4: string; block: SpecialPurpose };

const IPV4_REGISTRY = `
0.0.0.0/8|This network|RFC 791 §3.2
0.0.0.0/32|This host on this network|RFC 1122 §3.2.1.3
10.0.0.0/8|Private-Use|RFC 1918
100.64.0.0/10|Shared Address Space (carrier-grade NAT)|RFC 6598
127.0.0.0/8|Loopback|RFC 1122 §3.2.1.3
169.254.0.0/16|Link Local|RFC 3927
172.16.0.0/12|Private-Use|RFC 1918
192.0.0.0/24|IETF Protocol Assignments|RFC 6890 §2.1
192.0.0.0/29|IPv4 Service Continuity Prefix (DS-Lite)|RFC 7335
192.0.0.8/32|IPv4 dummy address|RFC 7600
192.0.0.9/32|Port Control Protocol Anycast|RFC 7723
192.0.0.10/32|Traversal Using Relays around NAT Anycast|RFC 8155
192.0.0.170/32|NAT64/DNS64 Discovery|RFC 8880
192.0.0.171/32|NAT64/DNS64 Discovery|RFC 8880
192.0.2.0/24|Documentation (TEST-NET-1)|RFC 5737
192.31.196.0/24|AS112-v4 (anycast)|RFC 7535
192.52.193.0/24|AMT (anycast)|RFC 7450
192.88.99.0/24|Deprecated (6to4 Relay Anycast)|RFC 7526
192.168.0.0/16|Private-Use|RFC 1918
192.175.48.0/24|Direct Delegation AS112 Service (anycast)|RFC 7534
198.18.0.0/15|Benchmarking|RFC 2544
198.51.100.0/24|Documentation (TEST-NET-2)|RFC 5737
203.0.113.0/24|Documentation (TEST-NET-3)|RFC 5737
224.0.0.0/4|Multicast|RFC 5771
240.0.0.0/4|Reserved|RFC 1112 §4
255.255.255.255/32|Limited Broadcast|RFC 8190, RFC 919 §7`;

// The last three rows are not in the special-purpose registry but in the IPv6 address architecture
// and the IANA IPv6 Address Space registry: everything outside 2000::/3 and the listed blocks is
// reserved by the IETF, so no CIRT owns it.
const IPV6_REGISTRY = `
::/128|Unspecified Address|RFC 4291
::1/128|Loopback Address|RFC 4291
::ffff:0:0/96|IPv4-mapped Address|RFC 4291
64:ff9b::/96|IPv4-IPv6 Translation (well-known prefix)|RFC 6052
64:ff9b:1::/48|IPv4-IPv6 Translation (local use)|RFC 8215
100::/64|Discard-Only Address Block|RFC 6666
100:0:0:1::/64|Dummy IPv6 Prefix|RFC 9780
2001::/23|IETF Protocol Assignments|RFC 2928
2001::/32|TEREDO|RFC 4380, RFC 8190
2001:1::1/128|Port Control Protocol Anycast|RFC 7723
2001:1::2/128|Traversal Using Relays around NAT Anycast|RFC 8155
2001:1::3/128|DNS-SD Service Registration Protocol Anycast|RFC 9665
2001:2::/48|Benchmarking|RFC 5180
2001:3::/32|AMT (anycast)|RFC 7450
2001:4:112::/48|AS112-v6 (anycast)|RFC 7535
2001:10::/28|Deprecated (previously ORCHID)|RFC 4843
2001:20::/28|ORCHIDv2|RFC 7343
2001:30::/28|Drone Remote ID Protocol Entity Tags|RFC 9374
2001:db8::/32|Documentation|RFC 3849
2002::/16|6to4|RFC 3056
2620:4f:8000::/48|Direct Delegation AS112 Service (anycast)|RFC 7534
3fff::/20|Documentation|RFC 9637
5f00::/16|Segment Routing (SRv6) SIDs|RFC 9602
fc00::/7|Unique-Local|RFC 4193
fe80::/10|Link-Local Unicast|RFC 4291
fec0::/10|Site-Local (deprecated)|RFC 3879
ff00::/8|Multicast|RFC 4291 §2.7
::/0|Reserved by IETF (outside 2000::/3)|RFC 4291 §2.4
2000::/3|Global Unicast|RFC 4291 §2.4`;

type Row = SpecialPurpose & { net: Uint32Array; len: number };

function parseRegistry(text: string): Row[] {
  return text
    .trim()
    .split('\n')
    .map((line) => {
      const [prefix = '', name = '', rfc = ''] = line.split('|');
      const cidr = parseCidr(prefix);
      if (!cidr.ok) {
        throw new Error(`special-purpose registry: bad prefix ${prefix}`);
      }
      const v = cidr.value;
      const net =
        v.family === 4 ? Uint32Array.of((v.address & ipv4Mask(v.prefix)) >>> 0) : maskIPv6(v.words, v.prefix);
      return { prefix, name, rfc, net, len: v.prefix };
    })
    .sort((a, b) => b.len - a.len);
}

// Longest prefix first: a linear pass over ~30 rows is cheaper than any index at this size.
const IPV4_ROWS = parseRegistry(IPV4_REGISTRY);
const IPV6_ROWS = parseRegistry(IPV6_REGISTRY);

function covering(rows: Row[], words: ArrayLike<number>): Row | undefined {
  return rows.find((row) => {
    for (let w = 0; w < row.net.length; w += 1) {
      const bits = Math.min(32, Math.max(0, row.len - 32 * w));
      if ((words[w]! & ipv4Mask(bits)) >>> 0 !== row.net[w]) {
        return false;
      }
    }
    return true;
  });
}

const strip = ({ prefix, name, rfc }: Row): SpecialPurpose => ({ prefix, name, rfc });

/** The special-purpose block holding an IPv4 address (uint32), if any. */
export function specialPurposeIPv4(address: number): SpecialPurpose | undefined {
  const row = covering(IPV4_ROWS, [address]);
  return row ? strip(row) : undefined;
}

/** The verdict on an IPv6 address (four words): special, ordinary, or carrying an IPv4 to route. */
export function specialPurposeIPv6(words: Uint32Array): SpecialPurposeVerdict {
  const row = covering(IPV6_ROWS, words);
  if (!row || row.prefix === '2000::/3') {
    return { kind: 'ordinary' };
  }
  if (row.prefix === '::ffff:0:0/96' || row.prefix === '64:ff9b::/96') {
    return { kind: 'embedded-ipv4', ipv4: formatIPv4(words[3]!), block: strip(row) };
  }
  return { kind: 'special', block: strip(row) };
}

/** The verdict on an address in text; undefined if it is not an IP address. */
export function classifySpecialPurpose(address: string): SpecialPurposeVerdict | undefined {
  const v4 = parseIPv4(address);
  if (v4 >= 0) {
    const block = specialPurposeIPv4(v4);
    return block ? { kind: 'special', block } : { kind: 'ordinary' };
  }
  const words = new Uint32Array(4);
  return parseIPv6(address, words) ? specialPurposeIPv6(words) : undefined;
}
