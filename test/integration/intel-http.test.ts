// The intel REST read path: search and object view filtered by TLP, correlations across countries
// shown only where the reader may see both sides, over-correlating values flagged instead of listed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/platform/http/app.ts';
import type { Services } from '../../src/platform/services.ts';
import { inTransaction } from '../../src/platform/db/pool.ts';
import type { Tlp } from '../../src/platform/access/tlp-policy.ts';
import { CORRELATION_CAP, insertObjectVersion, linkValues } from '../../src/intel/store.ts';
import { createTestServices } from '../support/services.ts';
import { asSession, buildOrganisation, buildUser, loginAs, type Session } from '../support/factories.ts';

let services: Services;
let app: FastifyInstance;
let fr: { org: string; session: Session };
let ng: { org: string; session: Session };
let jp: { org: string; session: Session };
let n = 0;

async function addIndicator(org: string, tlp: Tlp, value: string, name = `Indicator ${value}`) {
  n += 1;
  const stixId = `indicator--00000000-0000-4000-9000-${String(n).padStart(12, '0')}`;
  await inTransaction(services.ctx.db, async (tx) => {
    const { pk } = await insertObjectVersion(tx, {
      stixId,
      type: 'indicator',
      specVersion: '2.1',
      created: '2026-11-01T00:00:00Z',
      modified: '2026-11-01T00:00:00Z',
      revoked: false,
      validFrom: null,
      validUntil: null,
      createdByRef: null,
      producerOrganisationId: org,
      authorUserId: null,
      tlp,
      audienceOrganisationIds: [],
      audienceUserIds: [],
      name,
      labels: ['botnet'],
      dedupeKey: null,
      raw: JSON.stringify({ type: 'indicator', id: stixId, pattern: `[ipv4-addr:value = '${value}']` }),
    });
    await linkValues(tx, pk!, [{ kind: 'ipv4-addr', value }]);
  });
  return stixId;
}

async function member(country: string) {
  const org = (await buildOrganisation(services, { country })).id;
  const user = await buildUser(services, { organisationId: org });
  return { org, session: await loginAs(app, user.email) };
}

beforeAll(async () => {
  services = await createTestServices();
  app = await buildApp(services);
  fr = await member('FR');
  ng = await member('NG');
  jp = await member('JP');
});
afterAll(async () => {
  await app.close();
  await services.close();
});

const get = (url: string, who: { session: Session }) =>
  app.inject({ method: 'GET', url, ...asSession(who.session, false) });

describe('intel search and object view', () => {
  it('finds GREEN objects for everyone and AMBER only for the producer', async () => {
    const green = await addIndicator(fr.org, 'green', '198.51.100.10', 'Emotet C2');
    const amber = await addIndicator(fr.org, 'amber', '198.51.100.11', 'Emotet C2 (sensitive)');
    const forNg = (await get('/api/v1/intel/objects?q=Emotet', ng))
      .json<{ objects: { id: string }[] }>()
      .objects.map((o) => o.id);
    const forFr = (await get('/api/v1/intel/objects?q=Emotet', fr))
      .json<{ objects: { id: string }[] }>()
      .objects.map((o) => o.id);
    expect(forNg).toEqual([green]);
    expect(forFr).toEqual(expect.arrayContaining([green, amber]));
    expect((await get(`/api/v1/intel/objects/${amber}`, ng)).statusCode).toBe(404);
    expect((await get(`/api/v1/intel/objects/${amber}`, fr)).json()).toMatchObject({
      summary: { tlp: 'amber' },
      object: { id: amber },
    });
  });

  it('shows a correlation across countries only when the reader may see the other side', async () => {
    const frObject = await addIndicator(fr.org, 'green', '203.0.113.50');
    const ngObject = await addIndicator(ng.org, 'amber', '203.0.113.50');
    const jpObject = await addIndicator(jp.org, 'green', '203.0.113.50');
    const asNg = (await get(`/api/v1/intel/objects/${frObject}`, ng)).json<{
      correlations: { id: string; country: string }[];
    }>();
    expect(asNg.correlations.map((c) => c.id).sort()).toEqual([jpObject, ngObject].sort());
    const asFr = (await get(`/api/v1/intel/objects/${frObject}`, fr)).json<{
      correlations: { id: string }[];
    }>();
    expect(asFr.correlations.map((c) => c.id)).toEqual([jpObject]);
  });

  it('stops listing a value once it is on more objects than the cap', async () => {
    const first = await addIndicator(fr.org, 'green', '192.0.2.99');
    for (let i = 0; i < CORRELATION_CAP; i += 1) {
      await addIndicator(ng.org, 'green', '192.0.2.99');
    }
    const view = (await get(`/api/v1/intel/objects/${first}`, fr)).json<{ correlations: unknown[] }>();
    expect(view.correlations).toEqual([]);
    const flagged = await services.ctx.db.query(
      "SELECT over_correlating FROM intel_values WHERE value = '192.0.2.99'",
    );
    expect(flagged.rows[0]).toEqual({ over_correlating: true });
  });

  it('names bad query parameters', async () => {
    const res = await get('/api/v1/intel/objects?tlp=purple&limit=0', fr);
    expect(res.statusCode).toBe(400);
    const paths = res.json<{ error: { details: { path: string }[] } }>().error.details.map((d) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['querystring.tlp', 'querystring.limit']));
  });
});

describe('intel exports', () => {
  it('exports exactly what the reader may see as a STIX bundle and as CSV, and audits it', async () => {
    const green = await addIndicator(fr.org, 'green', '198.51.100.77', '=cmd|calc export test');
    const amber = await addIndicator(fr.org, 'amber', '198.51.100.78', 'export test amber');
    const bundle = (await get('/api/v1/intel/export.stix?q=export%20test', ng)).json<{
      type: string;
      objects: { id: string }[];
    }>();
    expect(bundle.type).toBe('bundle');
    expect(bundle.objects.map((o) => o.id)).toEqual([green]);
    const forFr = (await get('/api/v1/intel/export.stix?q=export%20test', fr)).json<{
      objects: { id: string }[];
    }>();
    expect(forFr.objects.map((o) => o.id).sort()).toEqual([amber, green].sort());
    const csv = await get('/api/v1/intel/export.csv?q=export%20test', ng);
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.body.trim().split('\r\n');
    expect(lines[0]).toBe('id,type,name,tlp,modified,labels,pattern,value');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain("'=cmd|calc export test");
    const audited = await services.ctx.db.query(
      "SELECT count(*)::int AS n FROM audit_log WHERE action = 'intel.export'",
    );
    expect(audited.rows[0]).toEqual({ n: 3 });
  });
});

describe('sightings', () => {
  const post = (who: { session: Session }, payload: Record<string, unknown>) =>
    app.inject({ method: 'POST', url: '/api/v1/intel/sightings', ...asSession(who.session), payload });

  it('records sightings, normalises values, and shows each only to those its TLP allows', async () => {
    expect(
      (await post(fr, { kind: 'domain', value: 'C2.Example.NET.', count: 40, tlp: 'green' })).json(),
    ).toMatchObject({ value: 'c2.example.net' });
    expect(
      (await post(ng, { kind: 'domain', value: 'c2.example.net', count: 2, tlp: 'amber' })).statusCode,
    ).toBe(201);
    expect(
      (await post(jp, { kind: 'domain', value: 'c2.example.net', type: 'false-positive', tlp: 'green' }))
        .statusCode,
    ).toBe(201);
    const asFr = (await get('/api/v1/intel/sightings?kind=domain&value=c2.example.net', fr)).json<{
      byType: Record<string, number>;
      countries: string[];
    }>();
    expect(asFr).toMatchObject({
      byType: { sighting: 40, 'false-positive': 1, expiry: 0 },
      countries: ['FR', 'JP'],
    });
    const asNg = (await get('/api/v1/intel/sightings?kind=domain&value=c2.example.net', ng)).json<{
      byType: Record<string, number>;
    }>();
    expect(asNg.byType.sighting).toBe(42);
    const map = (await get('/api/v1/intel/sightings/by-country', fr)).json<{
      countries: { country: string; sightings: number }[];
    }>();
    expect(map.countries.find((c) => c.country === 'FR')?.sightings).toBe(40);
    expect(map.countries.find((c) => c.country === 'NG')).toBeUndefined();
  });

  it('names an invalid value and refuses readers', async () => {
    const bad = await post(fr, { kind: 'ipv4', value: '300.1.1.1' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ error: { details: { path: string }[] } }>().error.details[0]?.path).toBe('value');
    const org = (await buildOrganisation(services, { country: 'BR' })).id;
    const reader = await loginAs(
      app,
      (await buildUser(services, { organisationId: org, role: 'reader' })).email,
    );
    expect((await post({ session: reader }, { kind: 'ipv4', value: '198.51.100.1' })).statusCode).toBe(403);
  });
});

describe('global snapshot', () => {
  it('lists values reported from several countries, only from objects the reader may see', async () => {
    await addIndicator(fr.org, 'green', '203.0.113.201');
    await addIndicator(jp.org, 'green', '203.0.113.201');
    await addIndicator(ng.org, 'amber', '203.0.113.201');
    const asFr = (await get('/api/v1/intel/snapshot?days=365', fr)).json<{
      sharedValues: { value: string; countries: string[] }[];
      producers: { country: string }[];
    }>();
    expect(asFr.sharedValues.find((v) => v.value === '203.0.113.201')?.countries).toEqual(['FR', 'JP']);
    const asNg = (await get('/api/v1/intel/snapshot?days=365', ng)).json<{
      sharedValues: { value: string; countries: string[] }[];
    }>();
    expect(asNg.sharedValues.find((v) => v.value === '203.0.113.201')?.countries).toEqual(['FR', 'JP', 'NG']);
    expect(asFr.producers.map((p) => p.country)).toEqual(expect.arrayContaining(['FR', 'JP']));
  });
});
