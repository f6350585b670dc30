import { describe, expect, it } from 'vitest';
import { countByOffence, labelOffence, offenceOf } from './snapshot-offences.ts';
import { OFFENCES } from '../legal/taxonomy.ts';

const classify = (labels: string[], malwareTypes: string[] = [], indicatorTypes: string[] = []) =>
  offenceOf({ labels, malwareTypes, indicatorTypes });

describe('offence of a STIX object', () => {
  it('reads labels first, including MISP tags and galaxies', () => {
    expect(classify(['phishing'])).toBe('computer-fraud');
    expect(classify(['misp-galaxy:mitre-attack-pattern="Phishing"'])).toBe('computer-fraud');
    expect(classify(['Botnet', 'c2'])).toBe('system-interference');
    expect(classify(['child-abuse-material'])).toBe('csam');
    expect(classify(['money-mule'])).toBe('laundering-of-proceeds');
    expect(classify(['ransomware'], ['trojan'])).toBe('data-interference');
  });

  it('falls back to malware_types, then indicator_types', () => {
    expect(classify([], ['keylogger'])).toBe('illegal-interception');
    expect(classify(['tlp:amber'], ['remote-access-trojan'])).toBe('illegal-access');
    expect(classify([], [], ['anonymization'])).toBe('misuse-of-devices');
    expect(classify([], [], ['benign'])).toBe('unclassified');
  });

  it('classifies a single label the way it classifies a set holding it', () => {
    for (const label of ['phishing', 'botnet-c2', 'tlp:amber', 'misp-galaxy:ransomware="LockBit"', 'demo']) {
      expect(labelOffence(label) ?? 'unclassified').toBe(classify([label]));
    }
  });

  it('does not take a word inside another word', () => {
    expect(classify(['robotics', 'separate', 'doser'])).toBe('unclassified');
  });

  it('sums per offence, largest first, every offence from the taxonomy', () => {
    const counts = countByOffence([
      { labels: ['phishing'], malwareTypes: [], indicatorTypes: [], objects: 3 },
      { labels: ['scam'], malwareTypes: [], indicatorTypes: [], objects: 2 },
      { labels: [], malwareTypes: ['wiper'], indicatorTypes: [], objects: 4 },
      { labels: [], malwareTypes: [], indicatorTypes: [], objects: 1 },
    ]);
    expect(counts).toEqual([
      { offence: 'computer-fraud', category: 'computer-related', objects: 5 },
      { offence: 'data-interference', category: 'confidentiality-integrity', objects: 4 },
      { offence: 'unclassified', category: 'unclassified', objects: 1 },
    ]);
    counts.forEach((c) => expect([...OFFENCES, 'unclassified']).toContain(c.offence));
  });
});
