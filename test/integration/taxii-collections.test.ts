// Collections as sharing scopes through the REST API (create, update, list, audited, denials) and the
// TAXII server's Basic authentication with a password (cached briefly) or an API token.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/platform/http/app.ts';
import type { Services } from '../../src/platform/services.ts';
import { createApiToken } from '../../src/platform/identity/tokens.ts';
import { actorOf } from '../../src/platform/identity/present.ts';
import { findMemberships, findUserById } from '../../src/platform/identity/store.ts';
import { createTestServices } from '../support/services.ts';
import { buildOrganisation, buildUser, TEST_PASSWORD } from '../support/factories.ts';

const ACCEPT = { accept: 'application/taxii+json;version=2.1' };
let services: Services;
let app: FastifyInstance;
let ownerOrg: string;
let partnerOrg: string;
let adminToken: string;
let analystToken: string;
let partnerToken: string;
let partnerEmail: string;

async function tokenFor(userId: string) {
  const user = (await findUserById(services.ctx.db, userId))!;
  const actor = actorOf(user, await findMemberships(services.ctx.db, userId), 'session');
  return (await createApiToken(services.ctx, actor, { name: 'taxii' })).token;
}
const basic = (user: string, secret: string) =>
  `Basic ${Buffer.from(`${user}:${secret}`).toString('base64')}`;
const api = (method: 'GET' | 'POST' | 'PATCH', url: string, token: string, payload?: object) =>
  app.inject({ method, url, headers: { authorization: `Bearer ${token}` }, ...(payload ? { payload } : {}) });

beforeAll(async () => {
  services = await createTestServices();
  app = await buildApp(services);
  ownerOrg = (await buildOrganisation(services)).id;
  partnerOrg = (await buildOrganisation(services, { country: 'SN' })).id;
  adminToken = await tokenFor(
    (await buildUser(services, { organisationId: ownerOrg, role: 'org-admin' })).id,
  );
  analystToken = await tokenFor(
    (await buildUser(services, { organisationId: ownerOrg, role: 'analyst' })).id,
  );
  const partner = await buildUser(services, { organisationId: partnerOrg, role: 'analyst' });
  partnerEmail = partner.email;
  partnerToken = await tokenFor(partner.id);
});
afterAll(async () => {
  await app.close();
  await services.close();
});

describe('collection administration', () => {
  it('creates, lists and updates a collection, auditing the change with before and after', async () => {
    const created = await api('POST', '/api/v1/intel/collections', adminToken, {
      title: 'West Africa botnet',
      ownerOrganisationId: ownerOrg,
      defaultTlp: 'green',
    });
    expect(created.statusCode).toBe(201);
    const id = created.json<{ id: string }>().id;
    expect((await api('GET', '/api/v1/intel/collections', partnerToken)).json()).toEqual({ collections: [] });

    const updated = await api('PATCH', `/api/v1/intel/collections/${id}`, adminToken, {
      readerOrganisationIds: [partnerOrg],
      writerOrganisationIds: [partnerOrg],
      defaultTlp: 'amber',
      defaultAudienceOrganisationIds: [partnerOrg],
    });
    expect(updated.statusCode).toBe(200);
    expect(updated.json()).toMatchObject({
      collection: { defaultTlp: 'amber', readerOrganisationIds: [partnerOrg], canManage: true },
    });
    expect((await api('GET', '/api/v1/intel/collections', partnerToken)).json()).toMatchObject({
      collections: [{ id, canRead: true, canWrite: true }],
    });
    expect((await api('GET', `/api/v1/intel/collections/${id}`, partnerToken)).json()).toMatchObject({
      collection: { id, defaultAudienceOrganisationIds: [partnerOrg], canManage: false },
    });
    const audit = await services.ctx.db.query<{
      summary: { before: { defaultTlp: string }; after: { defaultTlp: string } };
    }>("SELECT summary FROM audit_log WHERE action = 'taxii.collection-update' AND resource_id = $1", [id]);
    expect(audit.rows[0]?.summary.before.defaultTlp).toBe('green');
    expect(audit.rows[0]?.summary.after.defaultTlp).toBe('amber');
  });

  it('refuses changes from anyone but the owner organisation administrators, and unknown organisations', async () => {
    const id = (
      await api('POST', '/api/v1/intel/collections', adminToken, {
        title: 'Phishing',
        ownerOrganisationId: ownerOrg,
      })
    ).json<{ id: string }>().id;
    expect(
      (await api('PATCH', `/api/v1/intel/collections/${id}`, analystToken, { defaultTlp: 'red' })).statusCode,
    ).toBe(404);
    expect(
      (await api('PATCH', `/api/v1/intel/collections/${id}`, partnerToken, { defaultTlp: 'red' })).statusCode,
    ).toBe(404);
    const denied = await api('POST', '/api/v1/intel/collections', partnerToken, {
      title: 'Mine',
      ownerOrganisationId: ownerOrg,
    });
    expect(denied.statusCode).toBe(403);
    const unknownOrg = await api('PATCH', `/api/v1/intel/collections/${id}`, adminToken, {
      readerOrganisationIds: ['00000000-0000-4000-8000-000000000000'],
    });
    expect(unknownOrg.statusCode).toBe(400);
    expect(unknownOrg.json()).toMatchObject({ error: { details: [{ path: 'readerOrganisationIds' }] } });
    const badTlp = await api('PATCH', `/api/v1/intel/collections/${id}`, adminToken, {
      defaultTlp: 'purple',
    });
    expect(badTlp.statusCode).toBe(400);
    expect((await api('GET', `/api/v1/intel/collections/${id}`, adminToken)).json()).toMatchObject({
      collection: { defaultTlp: 'amber', readerOrganisationIds: [] },
    });
  });
});

describe('TAXII authentication', () => {
  it('accepts Basic with an e-mail and password, and with any user name and an API token', async () => {
    const withPassword = await app.inject({
      method: 'GET',
      url: '/taxii2/',
      headers: { ...ACCEPT, authorization: basic(partnerEmail, TEST_PASSWORD) },
    });
    expect(withPassword.statusCode).toBe(200);
    const withToken = await app.inject({
      method: 'GET',
      url: '/taxii2/',
      headers: { ...ACCEPT, authorization: basic('anyone', partnerToken) },
    });
    expect(withToken.statusCode).toBe(200);
  });

  it('refuses a wrong password, a wrong token and a bad scheme with a TAXII 401 body', async () => {
    for (const authorization of [
      basic(partnerEmail, 'not the password at all'),
      basic('nobody@example.org', TEST_PASSWORD),
      `Bearer ${partnerToken.slice(0, -2)}xx`,
      basic('x', ''),
      'Digest abc',
    ]) {
      const res = await app.inject({ method: 'GET', url: '/taxii2/', headers: { ...ACCEPT, authorization } });
      expect(res.statusCode, authorization).toBe(401);
      expect(res.headers['content-type']).toBe('application/taxii+json;version=2.1');
      expect(res.json()).toMatchObject({ http_status: '401' });
    }
    // The cached success of a right password never vouches for a wrong one.
    const wrongAfterRight = await app.inject({
      method: 'GET',
      url: '/taxii2/',
      headers: { ...ACCEPT, authorization: basic(partnerEmail, `${TEST_PASSWORD}!`) },
    });
    expect(wrongAfterRight.statusCode).toBe(401);
  });

  it('stops trusting a cached password once the password changes', async () => {
    const user = await buildUser(services, { organisationId: partnerOrg });
    const headers = { ...ACCEPT, authorization: basic(user.email, TEST_PASSWORD) };
    expect((await app.inject({ method: 'GET', url: '/taxii2/', headers })).statusCode).toBe(200);
    await services.ctx.db.query(
      "UPDATE users SET password_hash = '$argon2id$v=19$m=65536,t=3,p=4$c2FsdHNhbHQ$aGFzaA' WHERE id = $1",
      [user.id],
    );
    expect((await app.inject({ method: 'GET', url: '/taxii2/', headers })).statusCode).toBe(401);
  });
});
