// TAXII POST objects: envelope validation, media types, size limit, writer rights, the status resource
// (successes and failures per object), the collection's default TLP and audience, membership.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/platform/http/app.ts';
import type { Services } from '../../src/platform/services.ts';
import { createApiToken } from '../../src/platform/identity/tokens.ts';
import { actorOf } from '../../src/platform/identity/present.ts';
import { findMemberships, findUserById } from '../../src/platform/identity/store.ts';
import { createCollection } from '../../src/intel/collections.ts';
import { createTestServices } from '../support/services.ts';
import { buildOrganisation, buildUser } from '../support/factories.ts';

const TAXII = 'application/taxii+json;version=2.1';
let services: Services;
let app: FastifyInstance;
let writerToken: string;
let readerToken: string;
let audienceToken: string;
let collectionId: string;
let counter = 0;

async function tokenFor(userId: string) {
  const user = (await findUserById(services.ctx.db, userId))!;
  const actor = actorOf(user, await findMemberships(services.ctx.db, userId), 'session');
  return { token: (await createApiToken(services.ctx, actor, { name: 'taxii' })).token, actor };
}

function indicator(overrides: Record<string, unknown> = {}) {
  counter += 1;
  return {
    type: 'indicator',
    spec_version: '2.1',
    id: `indicator--${`a0000000-0000-4000-8000-${String(counter).padStart(12, '0')}`}`,
    created: '2026-11-20T10:00:00.000Z',
    modified: '2026-11-20T10:00:00.000Z',
    name: `C2 ${counter}`,
    pattern: `[ipv4-addr:value = '198.51.100.${counter % 250}']`,
    pattern_type: 'stix',
    valid_from: '2026-11-20T10:00:00Z',
    ...overrides,
  };
}

const post = (body: unknown, token = writerToken, contentType = TAXII, id = collectionId) =>
  app.inject({
    method: 'POST',
    url: `/taxii2/accord/collections/${id}/objects/`,
    headers: { accept: TAXII, 'content-type': contentType, authorization: `Bearer ${token}` },
    payload: typeof body === 'string' ? body : JSON.stringify(body),
  });
const get = (url: string, token = readerToken) =>
  app.inject({ method: 'GET', url, headers: { accept: TAXII, authorization: `Bearer ${token}` } });

beforeAll(async () => {
  services = await createTestServices();
  app = await buildApp(services);
  const ownerOrg = (await buildOrganisation(services)).id;
  const readerOrg = (await buildOrganisation(services, { country: 'BR' })).id;
  const audienceOrg = (await buildOrganisation(services, { country: 'GH' })).id;
  const owner = await tokenFor(
    (await buildUser(services, { organisationId: ownerOrg, role: 'org-admin' })).id,
  );
  writerToken = owner.token;
  readerToken = (
    await tokenFor((await buildUser(services, { organisationId: readerOrg, role: 'analyst' })).id)
  ).token;
  audienceToken = (
    await tokenFor((await buildUser(services, { organisationId: audienceOrg, role: 'analyst' })).id)
  ).token;
  collectionId = (
    await createCollection(services.ctx, owner.actor, {
      title: 'Shared C2',
      ownerOrganisationId: ownerOrg,
      readerOrganisationIds: [readerOrg, audienceOrg],
      defaultTlp: 'amber',
      defaultAudienceOrganisationIds: [audienceOrg],
    })
  ).id;
});
afterAll(async () => {
  await app.close();
  await services.close();
});

describe('TAXII POST objects', () => {
  it('stores valid objects, rejects invalid ones, and answers a complete status per object', async () => {
    const good = indicator();
    const bad = { ...indicator(), pattern: "[ipv4-addr:value = '1.2.3.4'" };
    const res = await post({ objects: [good, bad] });
    expect(res.statusCode).toBe(202);
    expect(res.headers['content-type']).toBe(TAXII);
    const status = res.json<{
      id: string;
      status: string;
      total_count: number;
      success_count: number;
      failure_count: number;
      pending_count: number;
      successes: { id: string }[];
      failures: { id: string; message: string }[];
    }>();
    expect(status).toMatchObject({
      status: 'complete',
      total_count: 2,
      success_count: 1,
      failure_count: 1,
      pending_count: 0,
    });
    expect(status.successes[0]?.id).toBe(good.id);
    expect(status.failures[0]?.id).toBe(bad.id);
    expect(status.failures[0]?.message).toMatch(/pattern/i);
    const again = await get(`/taxii2/accord/status/${status.id}/`, writerToken);
    expect(again.json()).toMatchObject({ id: status.id, status: 'complete', success_count: 1 });
    expect((await get(`/taxii2/accord/status/${status.id}/`, readerToken)).statusCode).toBe(404);
  });

  it('applies the collection default TLP and audience to unmarked objects and adds them to the collection', async () => {
    const unmarked = indicator();
    expect((await post({ objects: [unmarked] })).statusCode).toBe(202);
    const row = await services.ctx.db.query<{ tlp: string }>(
      'SELECT tlp FROM intel_objects WHERE stix_id = $1',
      [unmarked.id],
    );
    expect(row.rows[0]?.tlp).toBe('amber');
    const url = `/taxii2/accord/collections/${collectionId}/objects/${unmarked.id}/`;
    expect((await get(url, audienceToken)).statusCode).toBe(200);
    // A reader outside the AMBER audience has collection rights but not TLP rights.
    expect((await get(url, readerToken)).statusCode).toBe(404);
    expect((await get(`${url}versions/`, readerToken)).statusCode).toBe(404);
    expect((await get(`${url}versions/`, audienceToken)).statusCode).toBe(200);
    const manifest = await get(
      `/taxii2/accord/collections/${collectionId}/manifest/?match[id]=${unmarked.id}`,
      readerToken,
    );
    expect(manifest.json()).toEqual({ more: false });
    const green = indicator({
      object_marking_refs: ['marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb'],
    });
    expect((await post({ objects: [green] })).statusCode).toBe(202);
    expect(
      (await get(`/taxii2/accord/collections/${collectionId}/objects/${green.id}/`, readerToken)).statusCode,
    ).toBe(200);
  });

  it('keeps ids and versions: a re-post is a duplicate, a newer version is listed under versions', async () => {
    const first = indicator({
      object_marking_refs: ['marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb'],
    });
    await post({ objects: [first] });
    const dup = (await post({ objects: [first] })).json<{ successes: { message?: string }[] }>();
    expect(dup.successes[0]?.message).toBe('duplicate');
    await post({ objects: [{ ...first, modified: '2026-11-21T10:00:00.000Z' }] });
    const versions = await get(`/taxii2/accord/collections/${collectionId}/objects/${first.id}/versions/`);
    expect(versions.json<{ versions: string[] }>().versions).toEqual([
      '2026-11-20T10:00:00.000Z',
      '2026-11-21T10:00:00.000Z',
    ]);
  });

  it('refuses wrong media types, bad envelopes and bodies over max_content_length, storing nothing', async () => {
    const before = await services.ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM intel_objects');
    const asJson = await post({ objects: [indicator()] }, writerToken, 'application/json');
    expect(asJson.statusCode).toBe(415);
    expect(asJson.json()).toMatchObject({ http_status: '415', error_code: 'TAXII_UNSUPPORTED_MEDIA_TYPE' });
    expect(
      (await post({ objects: [indicator()] }, writerToken, 'application/taxii+json;version=2.0')).statusCode,
    ).toBe(415);
    for (const body of ['{"objects": [', '[]', '{"objects": []}', '{"objects": {"a": 1}}', '"x"']) {
      const res = await post(body);
      expect(res.statusCode, body).toBe(400);
      expect(res.json()).toMatchObject({ http_status: '400', error_code: 'TAXII_ENVELOPE_INVALID' });
    }
    const huge = { objects: [indicator({ description: 'x'.repeat(11 * 1024 * 1024) })] };
    const tooLarge = await post(huge);
    expect(tooLarge.statusCode).toBe(413);
    expect(tooLarge.json()).toMatchObject({ http_status: '413' });
    const notAcceptable = await app.inject({
      method: 'POST',
      url: `/taxii2/accord/collections/${collectionId}/objects/`,
      headers: { accept: 'text/html', 'content-type': TAXII, authorization: `Bearer ${writerToken}` },
      payload: JSON.stringify({ objects: [indicator()] }),
    });
    expect(notAcceptable.statusCode).toBe(406);
    const after = await services.ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM intel_objects');
    expect(after.rows[0]?.n).toBe(before.rows[0]?.n);
  });

  it('refuses writers without rights: readers get 403, strangers 404', async () => {
    const res = await post({ objects: [indicator()] }, readerToken);
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ error_code: 'TAXII_FORBIDDEN' });
    const stranger = (
      await tokenFor(
        (await buildUser(services, { organisationId: (await buildOrganisation(services)).id })).id,
      )
    ).token;
    expect((await post({ objects: [indicator()] }, stranger)).statusCode).toBe(404);
    expect(
      (await post({ objects: [indicator()] }, writerToken, TAXII, '00000000-0000-4000-8000-000000000000'))
        .statusCode,
    ).toBe(404);
  });
});
