// The [Demo] threat picture behind the global snapshot: which demo CIRT reports which value, when
// (days before the demo day), under which TLP, and where values were sighted, week by week. Every
// value comes from the ranges reserved for documentation (RFC 5737) or the .example domain.

export type DemoReport = {
  /** A demo organisation's name (src/platform/cli/demo-world.ts). */
  by: string;
  daysAgo: number;
  tlp: 'clear' | 'green' | 'amber';
};
export type DemoThreat = {
  key: string;
  name: string;
  pattern: string;
  indicatorTypes: string[];
  labels: string[];
  reports: DemoReport[];
  /** Sightings: country, organisation that saw it, first day (days ago) and a daily count that grows by `growth`. */
  sightings?: { country: string; by: string; fromDaysAgo: number; perDay: number; growth: number }[];
};

const FR = '[Demo] CERT-FR';
const NG = '[Demo] ngCERT';
const BR = '[Demo] CERT.br';
const JP = '[Demo] JPCERT/CC';
const KE = '[Demo] KE-CIRT/CC';
const ID = '[Demo] ID-SIRTII/CC';
const NL = '[Demo] Lowlands Broadband B.V. (ISP)';

export const DEMO_THREATS: DemoThreat[] = [
  {
    key: 'c2-a',
    name: '[Demo] Emotet-like botnet C2 203.0.113.7',
    pattern: "[ipv4-addr:value = '203.0.113.7']",
    indicatorTypes: ['malicious-activity'],
    labels: ['botnet', 'c2'],
    reports: [
      { by: FR, daysAgo: 40, tlp: 'green' },
      { by: NG, daysAgo: 33, tlp: 'green' },
      { by: BR, daysAgo: 26, tlp: 'green' },
      { by: JP, daysAgo: 19, tlp: 'clear' },
      { by: KE, daysAgo: 12, tlp: 'green' },
    ],
    sightings: [
      { country: 'NL', by: NL, fromDaysAgo: 20, perDay: 3, growth: 1.12 },
      { country: 'KE', by: KE, fromDaysAgo: 14, perDay: 2, growth: 1.1 },
      { country: 'ID', by: ID, fromDaysAgo: 9, perDay: 1, growth: 1.2 },
    ],
  },
  {
    key: 'c2-b',
    name: '[Demo] Emotet-like botnet C2 198.51.100.23',
    pattern: "[ipv4-addr:value = '198.51.100.23']",
    indicatorTypes: ['malicious-activity'],
    labels: ['botnet', 'c2'],
    reports: [
      { by: FR, daysAgo: 38, tlp: 'green' },
      { by: JP, daysAgo: 30, tlp: 'green' },
      { by: ID, daysAgo: 8, tlp: 'green' },
    ],
    sightings: [{ country: 'FR', by: FR, fromDaysAgo: 35, perDay: 6, growth: 0.93 }],
  },
  {
    key: 'c2-c',
    name: '[Demo] DDoS booter panel 203.0.113.140',
    pattern: "[ipv4-addr:value = '203.0.113.140']",
    indicatorTypes: ['malicious-activity'],
    labels: ['ddos', 'booter'],
    reports: [
      { by: KE, daysAgo: 6, tlp: 'green' },
      { by: NG, daysAgo: 4, tlp: 'green' },
      { by: BR, daysAgo: 2, tlp: 'green' },
    ],
    sightings: [
      { country: 'NG', by: NG, fromDaysAgo: 5, perDay: 4, growth: 1.5 },
      { country: 'BR', by: BR, fromDaysAgo: 3, perDay: 5, growth: 1.6 },
    ],
  },
  {
    key: 'phish-a',
    name: '[Demo] Bank phishing kit paypa1-secure-login.example',
    pattern: "[domain-name:value = 'paypa1-secure-login.example']",
    indicatorTypes: ['malicious-activity'],
    labels: ['phishing'],
    reports: [
      { by: BR, daysAgo: 15, tlp: 'green' },
      { by: NG, daysAgo: 11, tlp: 'green' },
      { by: KE, daysAgo: 10, tlp: 'green' },
      { by: ID, daysAgo: 3, tlp: 'green' },
    ],
    sightings: [{ country: 'NL', by: NL, fromDaysAgo: 12, perDay: 8, growth: 1.05 }],
  },
  {
    key: 'phish-b',
    name: '[Demo] Mobile money scam m-pesa-bonus.example',
    pattern: "[url:value = 'http://m-pesa-bonus.example/claim']",
    indicatorTypes: ['malicious-activity'],
    labels: ['fraud', 'scam'],
    reports: [{ by: KE, daysAgo: 5, tlp: 'green' }],
    sightings: [{ country: 'KE', by: KE, fromDaysAgo: 5, perDay: 12, growth: 1.3 }],
  },
  {
    key: 'ransom-a',
    name: '[Demo] Ransomware loader (SHA-256)',
    pattern: "[file:hashes.'SHA-256' = '5d41402abc4b2a76b9719d911017c5925d41402abc4b2a76b9719d911017c592']",
    indicatorTypes: ['malicious-activity'],
    labels: ['ransomware'],
    reports: [
      { by: FR, daysAgo: 24, tlp: 'green' },
      { by: JP, daysAgo: 21, tlp: 'green' },
    ],
  },
  {
    key: 'scan-a',
    name: '[Demo] SSH brute-force scanner 198.51.100.200',
    pattern: "[ipv4-addr:value = '198.51.100.200']",
    indicatorTypes: ['anomalous-activity'],
    labels: ['brute-force', 'scanner'],
    reports: [
      { by: NG, daysAgo: 28, tlp: 'clear' },
      { by: JP, daysAgo: 27, tlp: 'clear' },
    ],
    sightings: [{ country: 'JP', by: JP, fromDaysAgo: 28, perDay: 20, growth: 0.9 }],
  },
  {
    key: 'lead-a',
    name: '[Demo] Investigation lead 198.51.100.61 (France only)',
    pattern: "[ipv4-addr:value = '198.51.100.61']",
    indicatorTypes: ['compromised'],
    labels: ['apt'],
    reports: [{ by: FR, daysAgo: 3, tlp: 'amber' }],
  },
];
