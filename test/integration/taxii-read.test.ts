// The TAXII 2.1 server's read side over real HTTP semantics (inject): discovery, auth, content
// negotiation, collection rights, TLP on every endpoint, filters, keyset paging across concurrent inserts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/platform/http/app.ts';
import type { Services } from '../../src/platform/services.ts';
import { inTransaction } from '../../src/platform/db/pool.ts';
import { createApiToken } from '../../src/platform/identity/tokens.ts';
import { actorOf } from '../../src/platform/identity/present.ts';
import { findMemberships, findUserById } from '../../src/platform/identity/store.ts';
import type { Tlp } from '../../src/platform/access/tlp-policy.ts';
import { insertObjectVersion } from '../../src/intel/store.ts';
import { addToCollection } from '../../src/intel/taxii/taxii-store.ts';
import { createCollection } from '../../src/intel/collections.ts';
import { createTestServices } from '../support/services.ts';
import { buildOrganisation, buildUser } from '../support/factories.ts';

const ACCEPT = { accept: 'application/taxii+json;version=2.1' };
let services: Services;
let app: FastifyInstance;
let producerToken: string;
let readerToken: string;
let outsiderToken: string;
let collectionId: string;
let producerOrg: string;
let counter = 0;

async function tokenFor(userId: string) {
  const user = (await findUserById(services.ctx.db, userId))!;
  const actor = actorOf(user, await findMemberships(services.ctx.db, userId), 'session');
  return { token: (await createApiToken(services.ctx, actor, { name: 'taxii' })).token, actor };
}

async function addObjects(
  n: number,
  tlp: Tlp = 'green',
  modified = '2026-11-01T00:00:00.000Z',
  ids?: string[],
) {
  const pks: number[] = [];
  await inTransaction(services.ctx.db, async (tx) => {
    for (let i = 0; i < n; i += 1) {
      counter += 1;
      const stixId =
        ids?.[i] ?? `indicator--${`00000000-0000-4000-8000-${String(counter).padStart(12, '0')}`}`;
      const raw = JSON.stringify({
        type: 'indicator',
        spec_version: '2.1',
        id: stixId,
        created: '2026-11-01T00:00:00.000Z',
        modified,
        pattern: `[ipv4-addr:value = '203.0.113.${counter % 250}']`,
        pattern_type: 'stix',
        valid_from: '2026-11-01T00:00:00Z',
      });
      const { pk } = await insertObjectVersion(tx, {
        stixId,
        type: 'indicator',
        specVersion: '2.1',
        created: '2026-11-01T00:00:00.000Z',
        modified,
        revoked: false,
        validFrom: null,
        validUntil: null,
        createdByRef: null,
        producerOrganisationId: producerOrg,
        authorUserId: null,
        tlp,
        audienceOrganisationIds: [],
        audienceUserIds: [],
        name: null,
        labels: [],
        dedupeKey: null,
        raw,
      });
      pks.push(pk!);
    }
    await addToCollection(tx, collectionId, pks);
  });
  return pks;
}

beforeAll(async () => {
  services = await createTestServices();
  app = await buildApp(services);
  producerOrg = (await buildOrganisation(services)).id;
  const readerOrg = (await buildOrganisation(services, { country: 'KE' })).id;
  const outsiderOrg = (await buildOrganisation(services, { country: 'JP' })).id;
  const producer = await tokenFor(
    (await buildUser(services, { organisationId: producerOrg, role: 'org-admin' })).id,
  );
  producerToken = producer.token;
  readerToken = (
    await tokenFor((await buildUser(services, { organisationId: readerOrg, role: 'reader' })).id)
  ).token;
  outsiderToken = (await tokenFor((await buildUser(services, { organisationId: outsiderOrg })).id)).token;
  collectionId = (
    await createCollection(services.ctx, producer.actor, {
      title: 'Botnet C2',
      ownerOrganisationId: producerOrg,
      readerOrganisationIds: [readerOrg],
    })
  ).id;
});
afterAll(async () => {
  await app.close();
  await services.close();
});

const get = (url: string, token = readerToken, headers: Record<string, string> = ACCEPT) =>
  app.inject({ method: 'GET', url, headers: { ...headers, authorization: `Bearer ${token}` } });
const objectsUrl = () => `/taxii2/accord/collections/${collectionId}/objects/`;

describe('TAXII discovery and negotiation', () => {
  it('answers discovery and the API root with the TAXII media type', async () => {
    const res = await get('/taxii2/');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/taxii+json;version=2.1');
    const discovery = res.json<{ default: string; api_roots: string[] }>();
    expect(discovery.default).toMatch(/\/taxii2\/accord\/$/);
    expect(discovery.api_roots).toEqual([discovery.default]);
    expect((await get('/taxii2/accord/')).json()).toMatchObject({
      versions: ['application/taxii+json;version=2.1'],
    });
    expect((await get('/taxii2/nope/')).statusCode).toBe(404);
  });

  it('refuses a wrong Accept with 406 and unauthenticated calls with 401, as TAXII error bodies', async () => {
    const notAcceptable = await get('/taxii2/', readerToken, { accept: 'text/html' });
    expect(notAcceptable.statusCode).toBe(406);
    expect(notAcceptable.json()).toMatchObject({ title: 'Not Acceptable', http_status: '406' });
    const anonymous = await app.inject({ method: 'GET', url: '/taxii2/', headers: ACCEPT });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.headers['content-type']).toBe('application/taxii+json;version=2.1');
    const basic = await app.inject({
      method: 'GET',
      url: '/taxii2/',
      headers: { ...ACCEPT, authorization: `Basic ${Buffer.from(`me:${readerToken}`).toString('base64')}` },
    });
    expect(basic.statusCode).toBe(200);
  });
});

describe('TAXII collections and objects', () => {
  it('lists a collection only to organisations with rights', async () => {
    expect((await get('/taxii2/accord/collections/')).json()).toMatchObject({
      collections: [{ id: collectionId, can_read: true, can_write: false }],
    });
    expect((await get('/taxii2/accord/collections/', outsiderToken)).json()).toEqual({});
    expect((await get(`/taxii2/accord/collections/${collectionId}/`, outsiderToken)).statusCode).toBe(404);
    expect((await get(objectsUrl(), outsiderToken)).statusCode).toBe(404);
  });

  it('pages through every object exactly once while new objects arrive, with date-added headers', async () => {
    await addObjects(25);
    const seen: string[] = [];
    let url = `${objectsUrl()}?limit=10`;
    for (let page = 0; page < 20; page += 1) {
      const res = await get(url);
      expect(res.statusCode).toBe(200);
      const body = res.json<{ more: boolean; next?: string; objects?: { id: string }[] }>();
      seen.push(...(body.objects ?? []).map((o) => o.id));
      if (page === 0) {
        expect(res.headers['x-taxii-date-added-first']).toBeDefined();
        await addObjects(7);
      }
      if (!body.more) {
        break;
      }
      url = `${objectsUrl()}?limit=10&next=${encodeURIComponent(body.next!)}`;
    }
    expect(seen).toHaveLength(32);
    expect(new Set(seen).size).toBe(32);
  });

  it('hides objects the reader may not see under TLP, on objects, manifest and by id', async () => {
    const [amberPk] = await addObjects(1, 'amber');
    const row = await services.ctx.db.query<{ stix_id: string }>(
      'SELECT stix_id FROM intel_objects WHERE pk = $1',
      [amberPk],
    );
    const amberId = row.rows[0]!.stix_id;
    const readerObjects = (await get(`${objectsUrl()}?limit=10000`))
      .json<{ objects: { id: string }[] }>()
      .objects.map((o) => o.id);
    const producerObjects = (await get(`${objectsUrl()}?limit=10000`, producerToken))
      .json<{ objects: { id: string }[] }>()
      .objects.map((o) => o.id);
    expect(readerObjects).not.toContain(amberId);
    expect(producerObjects).toContain(amberId);
    const manifest = (await get(`/taxii2/accord/collections/${collectionId}/manifest/?limit=10000`)).json<{
      objects: { id: string }[];
    }>();
    expect(manifest.objects.map((o) => o.id)).not.toContain(amberId);
    expect((await get(`${objectsUrl()}${amberId}/`)).statusCode).toBe(404);
    expect((await get(`${objectsUrl()}${amberId}/`, producerToken)).statusCode).toBe(200);
  });

  it('filters by type, id and version, and lists versions', async () => {
    const id = 'indicator--11111111-1111-4111-8111-111111111111';
    await addObjects(1, 'green', '2026-11-01T00:00:00.000Z', [id]);
    await addObjects(1, 'green', '2026-11-05T00:00:00.000Z', [id]);
    const last = (await get(`${objectsUrl()}?match[id]=${id}`)).json<{ objects: { modified: string }[] }>();
    expect(last.objects.map((o) => o.modified)).toEqual(['2026-11-05T00:00:00.000Z']);
    const all = (await get(`${objectsUrl()}?match[id]=${id}&match[version]=all`)).json<{
      objects: unknown[];
    }>();
    expect(all.objects).toHaveLength(2);
    const first = (await get(`${objectsUrl()}?match[id]=${id}&match[version]=first`)).json<{
      objects: { modified: string }[];
    }>();
    expect(first.objects[0]?.modified).toBe('2026-11-01T00:00:00.000Z');
    const versions = (await get(`${objectsUrl()}${id}/versions/`)).json<{ versions: string[] }>();
    expect(versions.versions).toHaveLength(2);
    expect((await get(`${objectsUrl()}?match[type]=malware`)).json()).toEqual({ more: false });
  });

  it('rejects bad filters and foreign cursors with TAXII 400 bodies', async () => {
    for (const query of [
      'added_after=yesterday',
      'limit=0',
      'match[version]=newest',
      'match[id]=not-an-id',
      'next=garbage',
    ]) {
      const res = await get(`${objectsUrl()}?${query}`);
      expect(res.statusCode, query).toBe(400);
      expect(res.headers['content-type']).toBe('application/taxii+json;version=2.1');
    }
    const page = (await get(`${objectsUrl()}?limit=2`)).json<{ next: string }>();
    const reused = await get(
      `${objectsUrl()}?limit=2&match[type]=indicator&next=${encodeURIComponent(page.next)}`,
    );
    expect(reused.json()).toMatchObject({ error_code: 'TAXII_BAD_CURSOR' });
  });

  it('lets only writers delete, and audits it', async () => {
    const [pk] = await addObjects(1);
    const id = (
      await services.ctx.db.query<{ stix_id: string }>('SELECT stix_id FROM intel_objects WHERE pk = $1', [
        pk,
      ])
    ).rows[0]!.stix_id;
    const denied = await app.inject({
      method: 'DELETE',
      url: `${objectsUrl()}${id}/`,
      headers: { ...ACCEPT, authorization: `Bearer ${readerToken}` },
    });
    expect(denied.statusCode).toBe(403);
    const deleted = await app.inject({
      method: 'DELETE',
      url: `${objectsUrl()}${id}/`,
      headers: { ...ACCEPT, authorization: `Bearer ${producerToken}` },
    });
    expect(deleted.statusCode).toBe(200);
    expect((await get(`${objectsUrl()}${id}/`)).statusCode).toBe(404);
    const audit = await services.ctx.db.query("SELECT 1 FROM audit_log WHERE action = 'taxii.object-delete'");
    expect(audit.rowCount).toBe(1);
  });
});
