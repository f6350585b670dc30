// Builders for organisations and users straight in the store (no audit noise), and HTTP login helpers.
import type { FastifyInstance } from 'fastify';
import type { Services } from '../../src/platform/services.ts';
import { hashPassword } from '../../src/platform/identity/passwords.ts';
import { insertMembership, insertOrganisation, insertUser } from '../../src/platform/identity/store.ts';
import type { CreateOrganisationInput } from '../../src/platform/identity/schemas.ts';
import type { Role } from '../../src/platform/access/policy.ts';

export const TEST_PASSWORD = 'correct horse battery staple';
let counter = 0;

export async function buildOrganisation(s: Services, overrides: Partial<CreateOrganisationInput> = {}) {
  counter += 1;
  return insertOrganisation(s.ctx.db, {
    name: `Org ${counter} ${Math.random().toString(36).slice(2, 7)}`,
    country: 'FR',
    kind: 'cirt',
    mfaRequired: false,
    ...overrides,
  });
}

export async function buildUser(
  s: Services,
  overrides: {
    organisationId: string;
    role?: Role;
    isAdmin?: boolean;
    email?: string;
    mustChangePassword?: boolean;
    password?: string;
  },
) {
  counter += 1;
  const email = overrides.email ?? `user${counter}.${Math.random().toString(36).slice(2, 7)}@example.org`;
  const id = await insertUser(s.ctx.db, {
    email,
    displayName: `User ${counter}`,
    languages: ['en'],
    isAdmin: overrides.isAdmin ?? false,
    passwordHash: await hashPassword(overrides.password ?? TEST_PASSWORD),
    mustChangePassword: overrides.mustChangePassword ?? false,
  });
  await insertMembership(s.ctx.db, id, overrides.organisationId, overrides.role ?? 'analyst');
  return { id, email, password: overrides.password ?? TEST_PASSWORD };
}

export type Session = { cookie: string; csrf: string };

export async function loginAs(
  app: FastifyInstance,
  email: string,
  password = TEST_PASSWORD,
  totp?: string,
): Promise<Session> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { email, password, ...(totp ? { totp } : {}) },
  });
  if (res.statusCode !== 200) {
    throw new Error(`login failed: ${res.statusCode} ${res.body}`);
  }
  const cookie = res.cookies.find((c) => c.name === 'accord_session');
  const me = await app.inject({
    method: 'GET',
    url: '/api/v1/auth/me',
    cookies: { accord_session: cookie?.value ?? '' },
  });
  return { cookie: cookie?.value ?? '', csrf: me.json<{ csrfToken: string }>().csrfToken };
}

export function asSession(session: Session, write = true) {
  return {
    cookies: { accord_session: session.cookie },
    headers: write ? { 'x-csrf-token': session.csrf } : {},
  };
}
