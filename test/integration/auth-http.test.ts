// The authentication surface over HTTP (Fastify inject), with every denial path of the foundation issue.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/platform/http/app.ts';
import type { Services } from '../../src/platform/services.ts';
import { totpCode } from '../../src/platform/identity/totp.ts';
import { createTestServices, testClock } from '../support/services.ts';
import { asSession, buildOrganisation, buildUser, loginAs, TEST_PASSWORD } from '../support/factories.ts';

const clock = testClock();
let services: Services;
let app: FastifyInstance;

beforeAll(async () => {
  services = await createTestServices({ now: clock.now });
  app = await buildApp(services);
});
afterAll(async () => {
  await app.close();
  await services.close();
});

const login = (email: string, password: string, totp?: string) =>
  app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { email, password, ...(totp ? { totp } : {}) },
  });
const errorCode = (res: { json: <T>() => T }) => res.json<{ error: { code: string } }>().error.code;

describe('login', () => {
  it('logs in with the right password and sets an HttpOnly SameSite cookie', async () => {
    const org = await buildOrganisation(services);
    const user = await buildUser(services, { organisationId: org.id });
    const res = await login(user.email, TEST_PASSWORD);
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'accord_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    expect(res.json()).toMatchObject({
      user: { email: user.email, memberships: [{ role: 'analyst', organisation: { id: org.id } }] },
    });
  });

  it('refuses a wrong password and an unknown e-mail with the same answer', async () => {
    const org = await buildOrganisation(services);
    const user = await buildUser(services, { organisationId: org.id });
    const wrong = await login(user.email, 'not the password at all');
    const unknown = await login('nobody@example.org', 'not the password at all');
    expect([wrong.statusCode, unknown.statusCode]).toEqual([401, 401]);
    expect(errorCode(wrong)).toBe('AUTH_INVALID_CREDENTIALS');
    expect(wrong.json()).toEqual(unknown.json());
  });

  it('names each invalid field', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'not-an-email', password: 3 },
    });
    expect(res.statusCode).toBe(400);
    const paths = res.json<{ error: { details: { path: string }[] } }>().error.details.map((d) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['body.email', 'body.password']));
  });

  it('locks an account after repeated failures, even for the right password', async () => {
    const org = await buildOrganisation(services);
    const user = await buildUser(services, { organisationId: org.id });
    for (let i = 0; i < 10; i += 1) {
      await login(user.email, `wrong password ${i}`);
    }
    const res = await login(user.email, TEST_PASSWORD);
    expect(res.statusCode).toBe(429);
    expect(errorCode(res)).toBe('AUTH_LOCKED');
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(14 * 60);
    clock.advance(16 * 60_000);
    expect((await login(user.email, TEST_PASSWORD)).statusCode).toBe(200);
  });
});

describe('one-time passwords', () => {
  it('blocks everything but the password change until the password is changed', async () => {
    const org = await buildOrganisation(services);
    const user = await buildUser(services, { organisationId: org.id, mustChangePassword: true });
    const session = await loginAs(app, user.email);
    const blocked = await app.inject({
      method: 'GET',
      url: '/api/v1/organisations',
      ...asSession(session, false),
    });
    expect(blocked.statusCode).toBe(403);
    expect(errorCode(blocked)).toBe('AUTH_PASSWORD_CHANGE_REQUIRED');
    const weak = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/password',
      ...asSession(session),
      payload: { currentPassword: TEST_PASSWORD, newPassword: 'short' },
    });
    expect(errorCode(weak)).toBe('AUTH_PASSWORD_WEAK');
    const changed = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/password',
      ...asSession(session),
      payload: { currentPassword: TEST_PASSWORD, newPassword: 'a fresh long passphrase' },
    });
    expect(changed.statusCode).toBe(200);
    expect(
      (await app.inject({ method: 'GET', url: '/api/v1/organisations', ...asSession(session, false) }))
        .statusCode,
    ).toBe(200);
  });
});

describe('sessions and CSRF', () => {
  it('refuses a cookie write without or with a wrong CSRF token', async () => {
    const org = await buildOrganisation(services);
    const user = await buildUser(services, { organisationId: org.id });
    const session = await loginAs(app, user.email);
    const payload = { name: 'my token' };
    const none = await app.inject({
      method: 'POST',
      url: '/api/v1/tokens',
      cookies: { accord_session: session.cookie },
      payload,
    });
    const wrong = await app.inject({
      method: 'POST',
      url: '/api/v1/tokens',
      cookies: { accord_session: session.cookie },
      headers: { 'x-csrf-token': 'nope' },
      payload,
    });
    expect([none.statusCode, wrong.statusCode]).toEqual([403, 403]);
    expect(errorCode(none)).toBe('CSRF_INVALID');
    expect(
      (await app.inject({ method: 'POST', url: '/api/v1/tokens', ...asSession(session), payload }))
        .statusCode,
    ).toBe(201);
  });

  it('expires an idle session', async () => {
    const org = await buildOrganisation(services);
    const user = await buildUser(services, { organisationId: org.id });
    const session = await loginAs(app, user.email);
    clock.advance(3 * 60 * 60_000);
    const res = await app.inject({ method: 'GET', url: '/api/v1/auth/me', ...asSession(session, false) });
    expect(res.statusCode).toBe(401);
    expect(errorCode(res)).toBe('AUTH_SESSION_EXPIRED');
  });

  it('ends the session at logout', async () => {
    const org = await buildOrganisation(services);
    const user = await buildUser(services, { organisationId: org.id });
    const session = await loginAs(app, user.email);
    expect(
      (await app.inject({ method: 'POST', url: '/api/v1/auth/logout', ...asSession(session) })).statusCode,
    ).toBe(204);
    expect(
      (await app.inject({ method: 'GET', url: '/api/v1/auth/me', ...asSession(session, false) })).statusCode,
    ).toBe(401);
  });
});

describe('two-factor authentication', () => {
  it('enrols with a QR code, then requires the code, refuses a wrong one, and accepts a recovery code once', async () => {
    const org = await buildOrganisation(services);
    const user = await buildUser(services, { organisationId: org.id });
    const session = await loginAs(app, user.email);
    const setup = await app.inject({ method: 'POST', url: '/api/v1/auth/mfa/setup', ...asSession(session) });
    const { secret, qrSvg, otpauthUrl } = setup.json<{ secret: string; qrSvg: string; otpauthUrl: string }>();
    expect(qrSvg).toContain('<svg');
    expect(otpauthUrl).toContain('otpauth://totp/Accord');
    const bad = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/mfa/enable',
      ...asSession(session),
      payload: { code: '000000' },
    });
    expect(errorCode(bad)).toBe('AUTH_MFA_INVALID');
    const enabled = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/mfa/enable',
      ...asSession(session),
      payload: { code: totpCode(secret, clock.now()) },
    });
    const { recoveryCodes } = enabled.json<{ recoveryCodes: string[] }>();
    expect(recoveryCodes).toHaveLength(10);

    expect(errorCode(await login(user.email, TEST_PASSWORD))).toBe('AUTH_MFA_REQUIRED');
    expect(errorCode(await login(user.email, TEST_PASSWORD, '123456'))).toBe('AUTH_MFA_INVALID');
    clock.advance(30_000);
    expect((await login(user.email, TEST_PASSWORD, totpCode(secret, clock.now()))).statusCode).toBe(200);
    expect((await login(user.email, TEST_PASSWORD, recoveryCodes[0])).statusCode).toBe(200);
    expect(errorCode(await login(user.email, TEST_PASSWORD, recoveryCodes[0]))).toBe('AUTH_MFA_INVALID');
  });

  it('forces enrolment when the organisation requires it', async () => {
    const org = await buildOrganisation(services, { mfaRequired: true });
    const user = await buildUser(services, { organisationId: org.id });
    const session = await loginAs(app, user.email);
    const me = await app.inject({ method: 'GET', url: '/api/v1/auth/me', ...asSession(session, false) });
    expect(me.json()).toMatchObject({ user: { mfaEnrolmentRequired: true } });
    const blocked = await app.inject({
      method: 'GET',
      url: '/api/v1/organisations',
      ...asSession(session, false),
    });
    expect(errorCode(blocked)).toBe('AUTH_MFA_ENROLMENT_REQUIRED');
  });
});

describe('API tokens', () => {
  it('calls the API with a bearer token, shown once; a revoked token is refused', async () => {
    const org = await buildOrganisation(services);
    const user = await buildUser(services, { organisationId: org.id });
    const session = await loginAs(app, user.email);
    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/tokens',
      ...asSession(session),
      payload: { name: 'feed puller' },
    });
    const { token, tokenInfo } = created.json<{ token: string; tokenInfo: { id: string; prefix: string } }>();
    const bearer = { authorization: `Bearer ${token}` };
    const ok = await app.inject({ method: 'GET', url: '/api/v1/organisations', headers: bearer });
    expect(ok.statusCode).toBe(200);
    const list = await app.inject({ method: 'GET', url: '/api/v1/tokens', headers: bearer });
    expect(JSON.stringify(list.json())).not.toContain(token);
    expect(list.json()).toMatchObject({ tokens: [{ id: tokenInfo.id, prefix: tokenInfo.prefix }] });
    // Token writes need no CSRF token: there is no ambient credential to ride on.
    expect(
      (await app.inject({ method: 'DELETE', url: `/api/v1/tokens/${tokenInfo.id}`, headers: bearer }))
        .statusCode,
    ).toBe(204);
    const revoked = await app.inject({ method: 'GET', url: '/api/v1/organisations', headers: bearer });
    expect(revoked.statusCode).toBe(401);
    expect(errorCode(revoked)).toBe('AUTH_TOKEN_INVALID');
  });

  it('refuses malformed and unknown tokens and other schemes', async () => {
    for (const authorization of [
      'Bearer junk',
      `Bearer acc_AAAAAAAA_${'x'.repeat(43)}`,
      'Basic Zm9vOmJhcg==',
    ]) {
      const res = await app.inject({
        method: 'GET',
        url: '/api/v1/organisations',
        headers: { authorization },
      });
      expect(res.statusCode).toBe(401);
    }
  });
});

describe('access policy over HTTP', () => {
  it("refuses to show another organisation's members", async () => {
    const mine = await buildOrganisation(services);
    const theirs = await buildOrganisation(services, { country: 'NG' });
    const user = await buildUser(services, { organisationId: mine.id, role: 'org-admin' });
    await buildUser(services, { organisationId: theirs.id });
    const session = await loginAs(app, user.email);
    const res = await app.inject({
      method: 'GET',
      url: `/api/v1/organisations/${theirs.id}/members`,
      ...asSession(session, false),
    });
    expect(res.statusCode).toBe(403);
    expect(errorCode(res)).toBe('FORBIDDEN');
    expect(
      (
        await app.inject({
          method: 'GET',
          url: `/api/v1/organisations/${mine.id}/members`,
          ...asSession(session, false),
        })
      ).statusCode,
    ).toBe(200);
  });

  it('refuses a reader adding users, and an unknown organisation is a 404 for an admin', async () => {
    const org = await buildOrganisation(services);
    const reader = await buildUser(services, { organisationId: org.id, role: 'reader' });
    const session = await loginAs(app, reader.email);
    const payload = { email: 'new.person@example.org', displayName: 'New Person', role: 'analyst' };
    const res = await app.inject({
      method: 'POST',
      url: `/api/v1/organisations/${org.id}/users`,
      ...asSession(session),
      payload,
    });
    expect(res.statusCode).toBe(403);

    const admin = await buildUser(services, { organisationId: org.id, role: 'org-admin', isAdmin: true });
    const adminSession = await loginAs(app, admin.email);
    const unknown = await app.inject({
      method: 'POST',
      url: '/api/v1/organisations/00000000-0000-4000-8000-000000000000/users',
      ...asSession(adminSession),
      payload,
    });
    expect(unknown.statusCode).toBe(404);
    expect(errorCode(unknown)).toBe('PLATFORM_UNKNOWN_ORGANISATION');
  });
});

describe('bad input never becomes a 500', () => {
  it('answers malformed JSON, oversized bodies, wrong content types and unknown routes with coded errors', async () => {
    const org = await buildOrganisation(services);
    const user = await buildUser(services, { organisationId: org.id, isAdmin: true });
    const session = await loginAs(app, user.email);
    const post = (payload: string, type = 'application/json') =>
      app.inject({
        method: 'POST',
        url: '/api/v1/organisations',
        ...asSession(session),
        headers: { 'x-csrf-token': session.csrf, 'content-type': type },
        payload,
      });
    const cases: [Awaited<ReturnType<typeof app.inject>>, number, string][] = [
      [await post('{"name": '), 400, 'BAD_JSON'],
      [await post(JSON.stringify({ name: 'x'.repeat(2_000_000) })), 413, 'PAYLOAD_TOO_LARGE'],
      [await post('name=x', 'application/x-www-form-urlencoded'), 415, 'UNSUPPORTED_MEDIA_TYPE'],
      [
        await post(JSON.stringify({ name: 'Valid Name', country: 'FRA', kind: 'cirt' })),
        400,
        'VALIDATION_FAILED',
      ],
      [await app.inject({ method: 'GET', url: '/api/v1/nothing-here' }), 404, 'NOT_FOUND'],
    ];
    for (const [res, status, code] of cases) {
      expect([res.statusCode, errorCode(res)]).toEqual([status, code]);
    }
  });

  it('publishes the OpenAPI document and the health check', async () => {
    const doc = await app.inject({ method: 'GET', url: '/api/openapi.json' });
    const openapi = doc.json<{ openapi: string; paths: Record<string, unknown> }>();
    expect(openapi.openapi).toMatch(/^3/);
    expect(Object.keys(openapi.paths)).toContain('/api/v1/auth/login');
    expect((await app.inject({ method: 'GET', url: '/api/v1/health' })).json()).toMatchObject({
      status: 'ok',
      database: 'external',
    });
  });
});
