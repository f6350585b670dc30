// The global snapshot over HTTP: values by reporting countries, the country activity for the map, new
// and rising values, offences; filters; and, above all, counts that never reveal what TLP hides.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/platform/http/app.ts';
import type { Services } from '../../src/platform/services.ts';
import type { Snapshot } from '../../src/intel/snapshot.ts';
import { createTestServices, testClock } from '../support/services.ts';
import { asSession, buildOrganisation, buildUser, loginAs, type Session } from '../support/factories.ts';
import { buildIntelObject, buildValueSighting } from '../support/intel-objects.ts';

type Member = { org: string; userId: string; session: Session };
let services: Services;
let app: FastifyInstance;
let fr: Member, ng: Member, jp: Member, de: Member;

async function member(country: string): Promise<Member> {
  const org = (await buildOrganisation(services, { country })).id;
  const user = await buildUser(services, { organisationId: org });
  return { org, userId: user.id, session: await loginAs(app, user.email) };
}
const by = (m: Member) => ({ organisationId: m.org, userId: m.userId });
const ip = (value: string) => [{ kind: 'ipv4', value }];

async function snapshot(who: Member, query = ''): Promise<Snapshot> {
  const days = query.includes('days=') ? '' : 'days=30';
  const res = await app.inject({
    method: 'GET',
    url: `/api/v1/intel/snapshot?${days}${query}`,
    ...asSession(who.session, false),
  });
  expect(res.statusCode).toBe(200);
  return res.json<Snapshot>();
}

// Test clock: 2026-11-22T09:00Z, so the default 30-day period starts on 2026-10-23T09:00Z.
beforeAll(async () => {
  services = await createTestServices({ now: testClock().now });
  app = await buildApp(services);
  [fr, ng, jp, de] = [await member('FR'), await member('NG'), await member('JP'), await member('DE')];
  // A C2 address reported by France and Japan openly, and by Nigeria under AMBER (only Nigeria sees it).
  await buildIntelObject(services, fr.org, 'green', {
    values: ip('203.0.113.7'),
    labels: ['botnet', 'c2'],
    created: '2026-11-01T08:00:00Z',
  });
  await buildIntelObject(services, jp.org, 'clear', {
    values: ip('203.0.113.7'),
    labels: ['botnet'],
    created: '2026-11-18T08:00:00Z',
  });
  await buildIntelObject(services, ng.org, 'amber', {
    values: ip('203.0.113.7'),
    labels: ['botnet'],
    created: '2026-11-19T08:00:00Z',
  });
  // A value only Nigeria reports, under AMBER, with an AMBER ransomware object: invisible to others.
  await buildIntelObject(services, ng.org, 'amber', {
    values: ip('198.51.100.66'),
    created: '2026-11-20T08:00:00Z',
  });
  await buildIntelObject(services, ng.org, 'amber', {
    type: 'malware',
    name: 'LockBit',
    fields: { malware_types: ['ransomware'], is_family: true },
  });
  // A phishing indicator from France, and one from last year (outside the period).
  await buildIntelObject(services, fr.org, 'green', {
    values: [{ kind: 'domain', value: 'login-secure.example' }],
    labels: ['phishing'],
    created: '2026-11-21T08:00:00Z',
  });
  await buildIntelObject(services, fr.org, 'green', {
    values: ip('192.0.2.200'),
    created: '2025-11-01T08:00:00Z',
  });
  // Sightings: Germany saw the C2 openly many times lately; Nigeria's AMBER sighting stays Nigerian.
  await buildValueSighting(services, by(de), {
    kind: 'ipv4',
    value: '203.0.113.7',
    country: 'DE',
    tlp: 'green',
    count: 40,
    lastSeen: '2026-11-21T12:00:00Z',
  });
  await buildValueSighting(services, by(ng), {
    kind: 'ipv4',
    value: '203.0.113.7',
    country: 'NG',
    tlp: 'amber',
    count: 500,
    lastSeen: '2026-11-21T12:00:00Z',
  });
});
afterAll(async () => {
  await app.close();
  await services.close();
});

describe('global snapshot', () => {
  it('ranks values by reporting countries, counting objects and sightings the reader may see', async () => {
    const asDe = await snapshot(de);
    const c2 = asDe.sharedValues.find((v) => v.value === '203.0.113.7');
    expect(c2).toMatchObject({ countries: ['DE', 'FR', 'JP'], objects: 2, sightings: 40 });
    expect(c2?.objectId).toMatch(/^indicator--/);
    const asNg = await snapshot(ng);
    expect(asNg.sharedValues.find((v) => v.value === '203.0.113.7')).toMatchObject({
      countries: ['DE', 'FR', 'JP', 'NG'],
      objects: 3,
      sightings: 540,
    });
  });

  it('never reveals AMBER objects, sightings or their counts to an organisation outside the audience', async () => {
    const asDe = await snapshot(de, '&minCountries=1');
    const asNg = await snapshot(ng, '&minCountries=1');
    const values = (s: Snapshot) => s.sharedValues.map((v) => v.value);
    expect(values(asNg)).toContain('198.51.100.66');
    expect(values(asDe)).not.toContain('198.51.100.66');
    expect(asDe.countries.map((c) => c.country)).not.toContain('NG');
    expect(asNg.countries.find((c) => c.country === 'NG')).toMatchObject({ sightings: 500 });
    // Totals and the histogram count only visible reports: Nigeria's two AMBER indicators and 500
    // sightings appear for Nigeria and nowhere else.
    expect(asNg.totals.objects - asDe.totals.objects).toBe(2);
    expect(asNg.totals.sightings - asDe.totals.sightings).toBe(500);
    expect(asDe.totals).toEqual({ values: 2, objects: 3, sightings: 40, countries: 3 });
    expect(asDe.countryHistogram).toEqual([
      { countries: 1, values: 1 },
      { countries: 3, values: 1 },
    ]);
    expect(asDe.offences.map((o) => o.offence)).not.toContain('data-interference');
    expect(asNg.offences).toContainEqual({
      offence: 'data-interference',
      category: 'confidentiality-integrity',
      objects: 1,
    });
    expect(asDe.producers.map((p) => p.country)).not.toContain('NG');
    expect(asDe.rising.map((r) => r.value)).not.toContain('198.51.100.66');
    const newValues = (s: Snapshot) => s.timeline.reduce((sum, p) => sum + p.newValues, 0);
    expect(newValues(asNg) - newValues(asDe)).toBe(1);
  });

  it('maps labels, malware types and indicator types to offences', async () => {
    const asFr = await snapshot(fr);
    expect(asFr.offences).toEqual(
      expect.arrayContaining([
        { offence: 'system-interference', category: 'confidentiality-integrity', objects: 2 },
        { offence: 'computer-fraud', category: 'computer-related', objects: 1 },
      ]),
    );
  });

  it('shows new values per day and the values rising in the second half of the period', async () => {
    const asDe = await snapshot(de, '&days=10');
    expect(asDe.bucket).toBe('day');
    expect(asDe.timeline.find((p) => p.bucket === '2026-11-21')).toMatchObject({
      newValues: 1,
      sightings: 40,
    });
    // 203.0.113.7 was first reported on 1 November, before this 10-day period: reported, but not new.
    expect(asDe.timeline.find((p) => p.bucket === '2026-11-18')).toMatchObject({ newValues: 0, objects: 1 });
    expect(asDe.rising[0]).toMatchObject({ value: '203.0.113.7', recent: 41, previous: 0 });
    expect((await snapshot(de, '&days=90')).bucket).toBe('week');
  });

  it('filters by TLP, country, kind and type on the server', async () => {
    const clearOnly = await snapshot(ng, '&minCountries=1&tlp=clear');
    expect(clearOnly.sharedValues.map((v) => [v.value, v.countries])).toEqual([['203.0.113.7', ['JP']]]);
    const japan = await snapshot(ng, '&minCountries=1&country=JP');
    expect(japan.countries.map((c) => c.country)).toEqual(['JP']);
    const domains = await snapshot(fr, '&minCountries=1&kind=domain');
    expect(domains.sharedValues.map((v) => v.value)).toEqual(['login-secure.example']);
    const malware = await snapshot(ng, '&minCountries=1&type=malware');
    expect(malware.sharedValues).toEqual([]);
    expect(malware.offences).toEqual([
      { offence: 'data-interference', category: 'confidentiality-integrity', objects: 1 },
    ]);
    const lastYear = await snapshot(fr, '&minCountries=1&until=2025-11-15T00:00:00Z');
    expect(lastYear.sharedValues.map((v) => v.value)).toEqual(['192.0.2.200']);
  });

  it('names bad filters', async () => {
    const res = await app.inject({
      method: 'GET',
      url: '/api/v1/intel/snapshot?tlp=purple&country=fr&days=0',
      ...asSession(de.session, false),
    });
    expect(res.statusCode).toBe(400);
    const paths = res.json<{ error: { details: { path: string }[] } }>().error.details.map((d) => d.path);
    expect(paths).toEqual(
      expect.arrayContaining(['querystring.tlp', 'querystring.country', 'querystring.days']),
    );
  });
});

describe('snapshot API document', () => {
  it('publishes the snapshot and search filters in the OpenAPI document', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json<{
      paths: Record<string, { get?: { parameters?: { name: string }[] } }>;
    }>();
    const names = (path: string) => doc.paths[path]?.get?.parameters?.map((p) => p.name) ?? [];
    expect(names('/api/v1/intel/snapshot')).toEqual(
      expect.arrayContaining(['days', 'tlp', 'type', 'kind', 'country', 'minCountries']),
    );
    expect(names('/api/v1/intel/objects')).toEqual(expect.arrayContaining(['value', 'since', 'until']));
  });
});
