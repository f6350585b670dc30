// Data for the intel room's browser tests: CIRTs of eight countries sharing indicators over four weeks,
// a C2 address five of them report, sightings spread over the period, one AMBER object France keeps
// to itself, and a relationship; all dated relative to now so the default 30-day view shows them.
import type { Services } from '../../src/platform/services.ts';
import { buildOrganisation, buildUser } from '../support/factories.ts';
import { buildIntelObject, buildValueSighting } from '../support/intel-objects.ts';

const DAY = 86_400_000;
const COUNTRIES = ['FR', 'NG', 'BR', 'JP', 'KE', 'DE', 'IN', 'US'];

export type IntelSeed = {
  users: Record<string, { email: string; organisationId: string }>;
  c2Indicator: string;
  secretIndicator: string;
};

export async function seedIntel(services: Services): Promise<IntelSeed> {
  const ago = (days: number) => new Date(Date.now() - days * DAY).toISOString();
  const orgs: Record<string, { org: string; user: { id: string; email: string } }> = {};
  for (const country of COUNTRIES) {
    const org = (await buildOrganisation(services, { country })).id;
    orgs[country] = { org, user: await buildUser(services, { organisationId: org, role: 'analyst' }) };
  }
  const at = (c: string) => orgs[c]!;
  const ip = (value: string) => [{ kind: 'ipv4', value }];
  let c2Indicator = '';
  for (const [i, country] of ['FR', 'NG', 'BR', 'JP', 'KE'].entries()) {
    const id = await buildIntelObject(services, at(country).org, 'green', {
      name: `Emotet C2 203.0.113.7 (${country})`,
      values: ip('203.0.113.7'),
      labels: ['botnet', 'c2'],
      created: ago(20 - i * 4),
      fields: { indicator_types: ['malicious-activity'] },
    });
    c2Indicator ||= id;
  }
  const malware = await buildIntelObject(services, at('FR').org, 'green', {
    type: 'malware',
    name: 'Emotet',
    created: ago(21),
    fields: { malware_types: ['trojan', 'bot'], is_family: true },
  });
  await buildIntelObject(services, at('FR').org, 'green', {
    type: 'relationship',
    created: ago(19),
    fields: { relationship_type: 'indicates', source_ref: c2Indicator, target_ref: malware },
  });
  for (const [i, country] of ['DE', 'IN', 'US'].entries()) {
    await buildIntelObject(services, at(country).org, 'green', {
      name: `Phishing kit login-secure (${country})`,
      values: [{ kind: 'domain', value: 'login-secure.example' }],
      labels: ['phishing'],
      created: ago(6 - i),
    });
  }
  for (let d = 0; d < 28; d += 1) {
    const country = COUNTRIES[d % COUNTRIES.length]!;
    await buildIntelObject(services, at(country).org, d % 5 === 0 ? 'clear' : 'green', {
      name: `Scanner 192.0.2.${d + 10}`,
      values: ip(`192.0.2.${d + 10}`),
      labels: [d % 3 === 0 ? 'ransomware' : 'scanner'],
      created: ago(28 - d),
    });
  }
  // Sightings grow in the second half of the period: a rising threat.
  for (let d = 0; d < 28; d += 2) {
    for (const country of ['DE', 'US', 'IN', 'KE']) {
      await buildValueSighting(
        services,
        { organisationId: at(country).org, userId: at(country).user.id },
        {
          kind: 'ipv4',
          value: '203.0.113.7',
          country,
          tlp: 'green',
          count: 1 + Math.round((28 - d) ** 1.4 / 3),
          lastSeen: ago(d),
        },
      );
    }
  }
  const secretIndicator = await buildIntelObject(services, at('FR').org, 'amber', {
    name: 'FR-only lead 198.51.100.99',
    values: ip('198.51.100.99'),
    labels: ['apt'],
    created: ago(2),
  });
  return {
    users: Object.fromEntries(
      COUNTRIES.map((c) => [c, { email: at(c).user.email, organisationId: at(c).org }]),
    ),
    c2Indicator,
    secretIndicator,
  };
}
