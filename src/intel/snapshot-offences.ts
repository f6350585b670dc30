// Which offence of the taxonomy (src/legal/taxonomy.ts) a STIX object points to, from what classifies
// it: its labels (free text, MISP tags and galaxies end up there), its malware_types (STIX 2.1 §10.12
// malware-type-ov) and its indicator_types (§10.11 indicator-type-ov).
//
// How: labels are cut into words and matched against keywords, first; they are the most specific
// (an analyst wrote "phishing" or "csam"). Then malware_types, by what the malware does to a computer
// system under the Budapest Convention arts 2-6 (a keylogger intercepts: art. 3; ransomware and wipers
// interfere with data: art. 4; bots and DDoS tools hinder systems: art. 5; backdoors, RATs and
// webshells give illegal access: art. 2; droppers and exploit kits are devices: art. 6). Then
// indicator_types, which say little: "compromised" and "malicious-activity" mean illegal access at
// least; "anonymization" points to misuse of devices. Nothing matches: "unclassified" (benign,
// attribution and unknown indicators stay there on purpose).
import { OFFENCE_INFO, type Category, type Offence } from '../legal/taxonomy.ts';

export type OffenceOrNone = Offence | 'unclassified';

// Order matters inside the table: the first keyword found in the labels wins.
const LABEL_KEYWORDS: [RegExp, Offence][] = [
  [/\b(csam|csem|child[- ]?(sexual|abuse|exploitation))\b/, 'csam'],
  [/\bgrooming\b/, 'grooming'],
  [/\b(ncii|sextortion|revenge[- ]porn)\b/, 'non-consensual-intimate-images'],
  [/\b(piracy|copyright|counterfeit|warez)\b/, 'copyright-infringement'],
  [/\b(money[- ]laundering|laundering|money[- ]mule|mule)\b/, 'laundering-of-proceeds'],
  [
    /\b(credential[- ]theft|credential[- ]harvesting|identity[- ]theft|stealer|infostealer)\b/,
    'identity-theft',
  ],
  [/\b(phishing|fraud|scam|carding|bec|business[- ]email[- ]compromise|fake[- ]shop)\b/, 'computer-fraud'],
  [/\b(forgery|spoofing)\b/, 'computer-forgery'],
  [/\b(ddos|dos|booter|stresser|botnet|bot)\b/, 'system-interference'],
  [/\b(ransomware|wiper|defacement|destructive)\b/, 'data-interference'],
  [/\b(keylogger|spyware|sniffer|interception|mitm)\b/, 'illegal-interception'],
  [
    /\b(exploit[- ]?kit|exploit|dropper|downloader|loader|c2|c&c|command[- ]and[- ]control)\b/,
    'misuse-of-devices',
  ],
  [/\b(brute[- ]?force|scanner|scanning|intrusion|backdoor|rat|webshell|apt)\b/, 'illegal-access'],
  [/\b(gambling|casino)\b/, 'online-gambling'],
  [/\b(xenophob\w*|racis\w*|hate[- ]speech)\b/, 'xenophobic-content'],
];

const MALWARE_TYPES: Record<string, Offence> = {
  adware: 'data-interference',
  backdoor: 'illegal-access',
  bot: 'system-interference',
  bootkit: 'data-interference',
  ddos: 'system-interference',
  downloader: 'misuse-of-devices',
  dropper: 'misuse-of-devices',
  'exploit-kit': 'misuse-of-devices',
  keylogger: 'illegal-interception',
  ransomware: 'data-interference',
  'remote-access-trojan': 'illegal-access',
  'resource-exploitation': 'system-interference',
  'rogue-security-software': 'computer-fraud',
  rootkit: 'illegal-access',
  'screen-capture': 'illegal-interception',
  spyware: 'illegal-interception',
  trojan: 'illegal-access',
  virus: 'data-interference',
  webshell: 'illegal-access',
  wiper: 'data-interference',
  worm: 'data-interference',
};

const INDICATOR_TYPES: Record<string, Offence> = {
  compromised: 'illegal-access',
  'malicious-activity': 'illegal-access',
  'anomalous-activity': 'illegal-access',
  anonymization: 'misuse-of-devices',
};

/** The offence one label points to on its own, if any. */
export function labelOffence(label: string): Offence | undefined {
  const text = label.toLowerCase().replace(/[_:="]+/g, ' ');
  return LABEL_KEYWORDS.find(([pattern]) => pattern.test(text))?.[1];
}

export function offenceOf(c: {
  labels: string[];
  malwareTypes: string[];
  indicatorTypes: string[];
}): OffenceOrNone {
  const text = c.labels
    .join(' ')
    .toLowerCase()
    .replace(/[_:="]+/g, ' ');
  for (const [pattern, offence] of LABEL_KEYWORDS) {
    if (pattern.test(text)) {
      return offence;
    }
  }
  for (const type of c.malwareTypes) {
    const offence = MALWARE_TYPES[type.toLowerCase()];
    if (offence) {
      return offence;
    }
  }
  for (const type of c.indicatorTypes) {
    const offence = INDICATOR_TYPES[type.toLowerCase()];
    if (offence) {
      return offence;
    }
  }
  return 'unclassified';
}

export type OffenceCount = { offence: OffenceOrNone; category: Category | 'unclassified'; objects: number };

/** Counts per offence (largest first) from counts per combination of classifiers. */
export function countByOffence(
  rows: { labels: string[]; malwareTypes: string[]; indicatorTypes: string[]; objects: number }[],
): OffenceCount[] {
  const counts = new Map<OffenceOrNone, number>();
  for (const row of rows) {
    const offence = offenceOf(row);
    counts.set(offence, (counts.get(offence) ?? 0) + row.objects);
  }
  return [...counts]
    .map(([offence, objects]) => ({
      offence,
      category: offence === 'unclassified' ? ('unclassified' as const) : OFFENCE_INFO[offence].category,
      objects,
    }))
    .sort((a, b) => b.objects - a.objects || a.offence.localeCompare(b.offence));
}
