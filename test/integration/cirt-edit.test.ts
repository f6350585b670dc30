// Editing a team in the CIRT directory: only platform administrators or the team's own organisation
// administrators may, every edit is audited, and delivery settings (a webhook URL may carry a
// credential) and the webhook secret are shown to editors only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/platform/http/app.ts';
import type { Services } from '../../src/platform/services.ts';
import { createTestServices } from '../support/services.ts';
import { asSession, buildOrganisation, buildUser, loginAs, type Session } from '../support/factories.ts';

let services: Services;
let app: FastifyInstance;
let admin: Session;
let teamAdmin: Session;
let outsider: Session;
let teamOrg: string;

beforeAll(async () => {
  services = await createTestServices();
  app = await buildApp(services);
  const grc = await buildOrganisation(services, { country: 'CH', kind: 'coordinator' });
  teamOrg = (await buildOrganisation(services, { country: 'KE' })).id;
  const other = await buildOrganisation(services, { country: 'KE' });
  admin = await loginAs(app, (await buildUser(services, { organisationId: grc.id, isAdmin: true })).email);
  teamAdmin = await loginAs(
    app,
    (await buildUser(services, { organisationId: teamOrg, role: 'org-admin' })).email,
  );
  outsider = await loginAs(
    app,
    (await buildUser(services, { organisationId: other.id, role: 'org-admin' })).email,
  );
});
afterAll(async () => {
  await app.close();
  await services.close();
});

const team = (over: Record<string, unknown> = {}) => ({
  officialName: 'Edit test KE-CIRT',
  country: 'KE',
  organisationId: teamOrg,
  countries: ['KE'],
  notifyWebhook: 'https://hooks.example.ke/accord?token=s3cret',
  ...over,
});

describe('CIRT directory editing', () => {
  it('lets the team administrator edit, hides delivery settings from others, and audits', async () => {
    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/intel/cirts',
      ...asSession(admin),
      payload: team(),
    });
    expect(created.statusCode).toBe(201);
    const { id } = created.json<{ id: string }>();

    const byOutsider = await app.inject({
      method: 'GET',
      url: `/api/v1/intel/cirts/${id}`,
      ...asSession(outsider, false),
    });
    expect(byOutsider.json<{ cirt: Record<string, unknown> }>().cirt).toMatchObject({
      notifyWebhook: null,
      webhookSecret: null,
      canEdit: false,
      delivery: { webhook: true, email: false },
    });
    const denied = await app.inject({
      method: 'PATCH',
      url: `/api/v1/intel/cirts/${id}`,
      ...asSession(outsider),
      payload: team({ officialName: 'Hijacked' }),
    });
    expect(denied.statusCode).toBe(403);

    const mine = await app.inject({
      method: 'GET',
      url: `/api/v1/intel/cirts/${id}`,
      ...asSession(teamAdmin, false),
    });
    const secret = mine.json<{ cirt: { webhookSecret: string } }>().cirt.webhookSecret;
    expect(secret).toMatch(/^[0-9a-f]{64}$/);
    const edited = await app.inject({
      method: 'PATCH',
      url: `/api/v1/intel/cirts/${id}`,
      ...asSession(teamAdmin),
      payload: team({
        officialName: 'Edit test KE-CIRT/CC',
        notifyWebhook: undefined,
        asns: [64500],
        available24x7: true,
      }),
    });
    expect(edited.statusCode).toBe(200);
    expect(edited.json<{ cirt: Record<string, unknown> }>().cirt).toMatchObject({
      officialName: 'Edit test KE-CIRT/CC',
      notifyWebhook: null,
      webhookSecret: null,
      asns: [64500],
      available24x7: true,
    });
    const bad = await app.inject({
      method: 'PATCH',
      url: `/api/v1/intel/cirts/${id}`,
      ...asSession(teamAdmin),
      payload: team({ ranges: ['300.1.1.0/24'] }),
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ error: { details: { path: string }[] } }>().error.details[0]?.path).toMatch(/ranges/);
    const missing = await app.inject({
      method: 'GET',
      url: '/api/v1/intel/cirts/00000000-0000-4000-8000-000000000000',
      ...asSession(teamAdmin, false),
    });
    expect(missing.statusCode).toBe(404);
    const audit = await services.ctx.db.query<{ action: string }>(
      "SELECT action FROM audit_log WHERE resource_type = 'cirt' AND resource_id = $1 ORDER BY seq",
      [id],
    );
    expect(audit.rows.map((r) => r.action)).toEqual(['cirt.create', 'cirt.update']);
  });
});
