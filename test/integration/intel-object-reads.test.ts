// Search and object pages over HTTP: every filter, keyset pages, and an object's relationships,
// sightings and correlations, each shown only where TLP lets the reader see both ends.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/platform/http/app.ts';
import type { Services } from '../../src/platform/services.ts';
import type { ObjectSummary, ObjectView } from '../../src/intel/objects.ts';
import { createTestServices, testClock } from '../support/services.ts';
import { asSession, buildOrganisation, buildUser, loginAs, type Session } from '../support/factories.ts';
import { buildIntelObject, buildValueSighting } from '../support/intel-objects.ts';

type Member = { org: string; userId: string; session: Session };
let services: Services;
let app: FastifyInstance;
let fr: Member, ng: Member, jp: Member;

async function member(country: string): Promise<Member> {
  const org = (await buildOrganisation(services, { country })).id;
  const user = await buildUser(services, { organisationId: org });
  return { org, userId: user.id, session: await loginAs(app, user.email) };
}
const get = (who: Member, url: string) =>
  app.inject({ method: 'GET', url, ...asSession(who.session, false) });
async function search(who: Member, query: string) {
  const res = await get(who, `/api/v1/intel/objects?${query}`);
  expect(res.statusCode).toBe(200);
  return res.json<{ objects: ObjectSummary[]; next: number | null }>();
}
const ids = (page: { objects: ObjectSummary[] }) => page.objects.map((o) => o.id);

let frReport: string;
let frC2: string, ngC2: string, jpC2: string, ngMalware: string, jpMalware: string, frDomain: string;

beforeAll(async () => {
  services = await createTestServices({ now: testClock().now });
  app = await buildApp(services);
  [fr, ng, jp] = [await member('FR'), await member('NG'), await member('JP')];
  const c2 = [{ kind: 'ipv4', value: '203.0.113.77' }];
  frC2 = await buildIntelObject(services, fr.org, 'green', {
    name: 'Qakbot C2',
    values: c2,
    created: '2026-11-02T00:00:00Z',
  });
  ngC2 = await buildIntelObject(services, ng.org, 'amber', {
    name: 'Qakbot C2 (NG)',
    values: c2,
    created: '2026-11-10T00:00:00Z',
  });
  jpC2 = await buildIntelObject(services, jp.org, 'green', {
    name: 'Qakbot C2 (JP)',
    values: c2,
    created: '2026-11-15T00:00:00Z',
  });
  frDomain = await buildIntelObject(services, fr.org, 'green', {
    name: 'Phishing landing',
    values: [{ kind: 'domain', value: 'paypa1-login.example' }],
    created: '2026-11-20T00:00:00Z',
  });
  ngMalware = await buildIntelObject(services, ng.org, 'amber', {
    type: 'malware',
    name: 'Qakbot (NG notes)',
    fields: { malware_types: ['trojan'], is_family: true },
  });
  jpMalware = await buildIntelObject(services, jp.org, 'green', {
    type: 'malware',
    name: 'Qakbot',
    fields: { malware_types: ['trojan'], is_family: true },
  });
  for (const [target, tlp] of [
    [ngMalware, 'green'],
    [jpMalware, 'green'],
  ] as const) {
    await buildIntelObject(services, fr.org, tlp, {
      type: 'relationship',
      fields: { relationship_type: 'indicates', source_ref: frC2, target_ref: target },
    });
  }
  frReport = await buildIntelObject(services, fr.org, 'green', {
    type: 'report',
    name: 'Qakbot campaign, November',
    fields: { report_types: ['campaign'], published: '2026-11-21T00:00:00Z', object_refs: [frC2, jpMalware] },
  });
  await buildIntelObject(services, ng.org, 'amber', {
    type: 'report',
    name: 'Qakbot, Nigerian casework',
    fields: { report_types: ['threat-report'], published: '2026-11-21T00:00:00Z', object_refs: [frC2] },
  });
  await buildValueSighting(
    services,
    { organisationId: jp.org, userId: jp.userId },
    { kind: 'ipv4', value: '203.0.113.77', country: 'JP', tlp: 'green', count: 12 },
  );
  await buildValueSighting(
    services,
    { organisationId: ng.org, userId: ng.userId },
    { kind: 'ipv4', value: '203.0.113.77', country: 'NG', tlp: 'amber', count: 99 },
  );
});
afterAll(async () => {
  await app.close();
  await services.close();
});

describe('intel search', () => {
  it('finds by exact value in any written form, and never another country’s AMBER object', async () => {
    expect(ids(await search(jp, 'value=203.0.113.77')).sort()).toEqual([frC2, jpC2].sort());
    expect(ids(await search(ng, 'value=203.0.113.77')).sort()).toEqual([frC2, ngC2, jpC2].sort());
    expect(ids(await search(jp, 'value=PAYPA1-LOGIN.EXAMPLE.'))).toEqual([frDomain]);
    expect(ids(await search(jp, 'q=paypa1'))).toEqual([frDomain]);
  });

  it('filters by producer country, type, TLP and period, and says where each object comes from', async () => {
    const japan = await search(ng, 'country=JP&type=indicator');
    expect(ids(japan)).toEqual([jpC2]);
    expect(japan.objects[0]).toMatchObject({ producerCountry: 'JP', tlp: 'green' });
    expect(ids(await search(ng, 'tlp=amber&type=indicator'))).toEqual([ngC2]);
    expect(ids(await search(fr, 'type=indicator&since=2026-11-10&until=2026-11-15')).sort()).toEqual(
      [jpC2].sort(),
    );
    expect(ids(await search(fr, 'type=indicator&until=2026-11-02'))).toEqual([frC2]);
  });

  it('pages with a keyset cursor: no object twice, none missed', async () => {
    const seen: string[] = [];
    let next: number | null = null;
    do {
      const page = await search(ng, `limit=2${next ? `&after=${next}` : ''}`);
      seen.push(...ids(page));
      next = page.next;
    } while (next !== null);
    const all = ids(await search(ng, 'limit=500'));
    expect(seen).toEqual(all);
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('names bad filters', async () => {
    const res = await get(fr, '/api/v1/intel/objects?since=yesterday&value=');
    expect(res.statusCode).toBe(400);
    const paths = res.json<{ error: { details: { path: string }[] } }>().error.details.map((d) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['querystring.since', 'querystring.value']));
  });
});

describe('object page', () => {
  async function view(who: Member, id: string) {
    const res = await get(who, `/api/v1/intel/objects/${id}`);
    expect(res.statusCode).toBe(200);
    return res.json<ObjectView>();
  }

  it('shows the producer, the raw object, and relationships only to objects the reader may see', async () => {
    const asJp = await view(jp, frC2);
    expect(asJp.summary).toMatchObject({ producerCountry: 'FR', name: 'Qakbot C2' });
    expect(asJp.object).toMatchObject({ id: frC2, type: 'indicator' });
    const indicatesFor = (v: ObjectView) => v.relationships.filter((r) => r.relationshipType === 'indicates');
    expect(indicatesFor(asJp).map((r) => r.other.id)).toEqual([jpMalware]);
    const asNg = await view(ng, frC2);
    expect(
      indicatesFor(asNg)
        .map((r) => r.other.id)
        .sort(),
    ).toEqual([jpMalware, ngMalware].sort());
    expect(indicatesFor(asNg)[0]).toMatchObject({ direction: 'out' });
    const fromMalware = await view(jp, jpMalware);
    expect(fromMalware.relationships.map((r) => r.other.id).sort()).toEqual([frC2, frReport].sort());
  });

  it('lists the reports containing the object, only those the reader may see', async () => {
    const reports = (v: ObjectView) =>
      v.relationships.filter((r) => r.relationshipType === 'contains').map((r) => r.other.name);
    expect(reports(await view(jp, frC2))).toEqual(['Qakbot campaign, November']);
    expect(reports(await view(ng, frC2)).sort()).toEqual([
      'Qakbot campaign, November',
      'Qakbot, Nigerian casework',
    ]);
  });

  it('lists sightings of its values and correlations only where the reader may see both sides', async () => {
    const asJp = await view(jp, frC2);
    expect(asJp.sightings.map((s) => [s.country, s.count])).toEqual([['JP', 12]]);
    expect(asJp.correlations.map((c) => c.id)).toEqual([jpC2]);
    const asNg = await view(ng, frC2);
    expect(asNg.sightings.map((s) => s.count).sort((a, b) => a - b)).toEqual([12, 99]);
    expect(asNg.correlations.map((c) => c.id).sort()).toEqual([jpC2, ngC2].sort());
    expect((await get(jp, `/api/v1/intel/objects/${ngC2}`)).statusCode).toBe(404);
  });
});
