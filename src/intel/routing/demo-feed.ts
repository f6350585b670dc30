// The demo's botnet feed, routed by `accord demo`. The demo CIRTs' documentation ranges are never
// routed (special-purpose), so the feed holds public addresses of large national ISPs instead, each
// checked against the pinned country and ASN data (both datasets agree), and the demo teams carry
// their country as constituency. Two special-purpose addresses show that such values are dropped,
// and 8.8.8.8 shows a value whose country has no team in the demo directory.
export const DEMO_RUN_NAME = '[Demo] Botnet feed: routing to national CIRTs';
export const DEMO_FEED_NAME = '[Demo] botnet-c2-feed.txt';

export const DEMO_FEED = `# [Demo] Synthetic botnet feed. These addresses are SYNTHETIC EXAMPLES picked from large national
# ISP blocks (per the ip-location-db data Accord pins) to demonstrate routing; they are NOT real reports
# of compromised hosts.
90.12.34.56
90.45.67.89
86.200.10.20
41.203.64.17
105.112.10.5
105.112.40.9
177.32.10.44
189.40.1.2
126.10.20.30
153.150.7.8
41.90.12.34
105.160.3.4
36.64.10.20
110.136.5.6
update-check.com.ng
8.8.8.8
10.0.0.5
198.51.100.23
`;
