// The CIRT directory: import with per-team rejection reasons, precedence (range > domain > ASN >
// country) in resolution, access rules, and the CLI.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/platform/http/app.ts';
import type { Services } from '../../src/platform/services.ts';
import { runCli } from '../../src/cli.ts';
import { bufferIO } from '../../src/platform/cli/io.ts';
import { createTestServices } from '../support/services.ts';
import { asSession, buildOrganisation, buildUser, loginAs, type Session } from '../support/factories.ts';

const fixture = resolve(import.meta.dirname, 'fixtures/trusted-introducer-teams.json');
let services: Services;
let app: FastifyInstance;
let admin: Session;
let analyst: Session;

beforeAll(async () => {
  services = await createTestServices();
  app = await buildApp(services);
  const org = await buildOrganisation(services, { country: 'KE' });
  admin = await loginAs(app, (await buildUser(services, { organisationId: org.id, isAdmin: true })).email);
  analyst = await loginAs(app, (await buildUser(services, { organisationId: org.id })).email);
});
afterAll(async () => {
  await app.close();
  await services.close();
});

const teams = JSON.parse(readFileSync(fixture, 'utf8')) as unknown[];
const resolveQuery = async (query: string) =>
  (
    await app.inject({
      method: 'GET',
      url: `/api/v1/intel/cirts/resolve?${query}`,
      ...asSession(analyst, false),
    })
  ).json<{ cirts: { officialName: string }[]; matches: { via: string; detail: string }[] }>();

describe('CIRT directory', () => {
  it('refuses an import by a non-administrator', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/intel/cirts/import',
      ...asSession(analyst),
      payload: teams,
    });
    expect(res.statusCode).toBe(403);
  });

  it('imports valid teams and reports each rejected one with its reasons; a re-import updates', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/intel/cirts/import',
      ...asSession(admin),
      payload: teams,
    });
    const report = res.json<{
      imported: number;
      updated: number;
      rejected: { index: number; name: string; problems: { path: string }[] }[];
    }>();
    expect(report).toMatchObject({ imported: 3, updated: 0 });
    expect(report.rejected).toHaveLength(1);
    expect(report.rejected[0]).toMatchObject({ index: 3, name: '[Fixture] Broken Team' });
    expect(report.rejected[0]?.problems.map((p) => p.path)).toEqual(
      expect.arrayContaining(['[3].country', '[3].ranges.0']),
    );
    const again: unknown = (
      await app.inject({
        method: 'POST',
        url: '/api/v1/intel/cirts/import',
        ...asSession(admin),
        payload: teams,
      })
    ).json();
    expect(again).toMatchObject({ imported: 0, updated: 3 });
  });

  it('resolves the most specific constituency: range, then domain, ASN, country', async () => {
    expect(
      (await resolveQuery('ip=198.18.70.1&asn=64500&country=KE')).cirts.map((c) => c.officialName),
    ).toEqual(['[Fixture] University Campus CSIRT']);
    expect(
      (await resolveQuery('ip=198.18.1.1&asn=64500&country=KE')).cirts.map((c) => c.officialName),
    ).toEqual(['[Fixture] Kenyan Research and Education CSIRT']);
    expect((await resolveQuery('ip=2001:db8:40::5')).cirts.map((c) => c.officialName)).toEqual([
      '[Fixture] University Campus CSIRT',
    ]);
    expect((await resolveQuery('domain=www.campus.ac.ke')).cirts.map((c) => c.officialName)).toEqual([
      '[Fixture] Kenyan Research and Education CSIRT',
    ]);
    expect((await resolveQuery('domain=campus.ac.ke')).cirts.map((c) => c.officialName)).toEqual([
      '[Fixture] University Campus CSIRT',
    ]);
    expect((await resolveQuery('ip=203.0.113.9&country=KE')).matches).toEqual([
      expect.objectContaining({ via: 'country', detail: 'KE' }),
    ]);
    expect((await resolveQuery('ip=203.0.113.9&country=JP')).cirts).toEqual([]);
    const bad = await app.inject({
      method: 'GET',
      url: '/api/v1/intel/cirts/resolve?ip=999.1.1.1',
      ...asSession(analyst, false),
    });
    expect(bad.statusCode).toBe(400);
  });

  it('imports and resolves from the CLI', async () => {
    process.env.DATABASE_URL = services.ctx.config.databaseUrl;
    const io = bufferIO();
    expect(await runCli(['intel', 'cirts', 'resolve', '--ip', '198.18.70.1', '--json'], io)).toBe(0);
    expect(JSON.parse(io.out.join(''))).toMatchObject({
      cirts: [{ officialName: '[Fixture] University Campus CSIRT' }],
    });
  });
});
