// Routing what an import stored: a CSV blocklist imported through the real import job is routed to the
// country CIRTs, one notification each with the import's TLP; AMBER is withheld outside the audience
// as for the other sources; a user who may not see the import is refused; an unfinished import is
// refused; a feed imported again (all duplicates) still routes today's list; pages are keyset by pk.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/platform/http/app.ts';
import type { Services } from '../../src/platform/services.ts';
import type { Actor } from '../../src/platform/access/policy.ts';
import type { Tlp } from '../../src/platform/access/tlp-policy.ts';
import { saveCirt } from '../../src/intel/cirts/directory.ts';
import { registerImport, type ImportInput } from '../../src/intel/ingest/imports.ts';
import { runImportNow } from '../../src/intel/ingest/run-import-now.ts';
import { createRoutingRun } from '../../src/intel/routing/routing-run.ts';
import { getRoutingMap } from '../../src/intel/routing/routing-map.ts';
import { ROUTING_RUN_JOB } from '../../src/intel/routing/routing-job.ts';
import { countImportObjects, pageVisibleObjectsOfImport } from '../../src/intel/routing/routing-store.ts';
import { JobRunner } from '../../src/platform/jobs/runner.ts';
import { createTestServices } from '../support/services.ts';
import { rawIndicator, storeRawIndicator } from '../support/intel-objects.ts';
import { asSession, buildOrganisation, buildUser, loginAs } from '../support/factories.ts';

const dir = mkdtempSync(join(tmpdir(), 'accord-route-import-'));
let services: Services;
let app: FastifyInstance;
const org: Record<string, string> = {};
const team: Record<string, string> = {};
let keUser: { id: string; email: string };
let ke: Actor;
let outsider: Actor;

// 8.8.8.8 → US, 193.0.6.139 → NL, 41.203.64.1 → NG, 41.90.12.34 → KE; 192.0.2.44 is documentation.
const BLOCKLIST = '# test botnet C2 blocklist\n8.8.8.8\n193.0.6.139\n41.203.64.1\n41.90.12.34\n192.0.2.44\n';

const actorIn = (userId: string, organisationId: string, country: string): Actor => ({
  userId,
  isAdmin: false,
  via: 'cli',
  memberships: [{ organisationId, role: 'analyst', country }],
});

async function importFile(
  text: string,
  fileName: string,
  input: Partial<ImportInput>,
  run = true,
): Promise<string> {
  const path = join(dir, randomUUID());
  writeFileSync(path, text);
  const view = await registerImport(
    services.ctx,
    ke,
    { id: randomUUID(), path, bytes: Buffer.byteLength(text) },
    { organisationId: org.ke, fileName, ...input },
  );
  if (run) {
    await runImportNow(services.ctx, view);
  }
  return view.id;
}

const importList = (text: string, tlp: Tlp, run = true) =>
  importFile(text, 'c2-blocklist.csv', { format: 'csv', preset: 'ip', tlp }, run);

beforeAll(async () => {
  services = await createTestServices();
  app = await buildApp(services);
  for (const [key, country] of [
    ['ke', 'KE'],
    ['kecirt', 'KE'],
    ['us', 'US'],
    ['nl', 'NL'],
    ['ng', 'NG'],
  ] as const) {
    org[key] = (await buildOrganisation(services, { country, kind: 'cirt' })).id;
  }
  const admin = await buildUser(services, { organisationId: org.us!, isAdmin: true });
  const adminActor = { ...actorIn(admin.id, org.us!, 'US'), isAdmin: true };
  for (const [key, country, organisationId] of [
    ['us', 'US', org.us],
    ['nl', 'NL', org.nl],
    ['ng', 'NG', org.ng],
    ['ke', 'KE', org.kecirt],
  ] as const) {
    team[key] = (
      await saveCirt(services.ctx, adminActor, {
        officialName: `Route-import test ${key.toUpperCase()}-CERT`,
        country,
        organisationId,
        countries: [country],
        asns: [],
        ranges: [],
      })
    ).id;
  }
  keUser = await buildUser(services, { organisationId: org.ke! });
  ke = actorIn(keUser.id, org.ke!, 'KE');
  const other = await buildUser(services, { organisationId: org.us! });
  outsider = actorIn(other.id, org.us!, 'US');
});
afterAll(async () => {
  await app.close();
  await services.close();
});

describe('routing an import', () => {
  it('routes a CSV blocklist to each country CIRT, one notification each with the import TLP', async () => {
    const importId = await importList(BLOCKLIST, 'green');
    const run = await createRoutingRun(services.ctx, ke, { source: { kind: 'import', importId } });
    expect(run.source).toEqual({ kind: 'import', ref: 'c2-blocklist.csv' });
    expect(run.counts).toMatchObject({ values: 5, routed: 4, notRouted: 1, notifications: 4, withheld: 0 });
    const map = await getRoutingMap(services.ctx, ke, run.id);
    const byTeam = Object.fromEntries(map.notifications.map((n) => [n.cirt.id, n]));
    for (const key of ['us', 'nl', 'ng', 'ke']) {
      expect(byTeam[team[key]!]).toMatchObject({ tlp: 'green', itemCount: 1 });
    }
    expect(map.countries.map((c) => c.country).sort()).toEqual(['KE', 'NG', 'NL', 'US']);
    // Each value names the object the import stored.
    const decisions = await services.ctx.db.query<{ value: string; object_stix_id: string | null }>(
      'SELECT value, object_stix_id FROM routing_decisions WHERE run_id = $1 ORDER BY seq',
      [run.id],
    );
    expect(decisions.rows.map((d) => d.value)).toEqual([
      '8.8.8.8',
      '193.0.6.139',
      '41.203.64.1',
      '41.90.12.34',
      '192.0.2.44',
    ]);
    expect(decisions.rows.every((d) => d.object_stix_id?.startsWith('indicator--'))).toBe(true);
  });

  it('withholds AMBER values from teams outside the audience and RED from all, as for the other sources', async () => {
    // Another CIRT's AMBER indicator shared with the KE organisation; KE's bundle carries the same
    // version, so the import matched it (a duplicate) and routing it routes the stored object, its TLP
    // and audience included.
    const raw = rawIndicator("[ipv4-addr:value = '105.112.40.9'] OR [ipv4-addr:value = '105.160.3.4']");
    await storeRawIndicator(services, raw, {
      producerOrganisationId: org.nl!,
      tlp: 'amber',
      audienceOrganisationIds: [org.ke!],
    });
    const bundle = JSON.stringify({ type: 'bundle', id: `bundle--${randomUUID()}`, objects: [raw] });
    const importId = await importFile(bundle, 'bundle.json', { format: 'stix' });
    const run = await createRoutingRun(services.ctx, ke, { source: { kind: 'import', importId } });
    expect(run.counts).toMatchObject({ values: 2, routed: 2, notifications: 1, withheld: 1 });
    const map = await getRoutingMap(services.ctx, ke, run.id);
    // The KE team is in the router's country (AMBER may be shared there); the NG team is not.
    expect(map.notifications.map((n) => [n.cirt.id, n.tlp])).toEqual([[team.ke, 'amber']]);
    expect(map.countries.find((c) => c.country === 'NG')).toMatchObject({ notified: 0, withheld: 1 });

    const red = await importList('105.112.10.77\n', 'red');
    await expect(
      createRoutingRun(services.ctx, ke, { source: { kind: 'import', importId: red } }),
    ).resolves.toMatchObject({ counts: { values: 1, notifications: 0, withheld: 1 } });
  });

  it('refuses a user who may not see the import, and an import that has not finished', async () => {
    const importId = await importList('8.8.8.8\n', 'green');
    await expect(
      createRoutingRun(services.ctx, outsider, { source: { kind: 'import', importId } }),
    ).rejects.toMatchObject({ code: 'INTEL_IMPORT_NOT_FOUND' });
    await expect(
      createRoutingRun(services.ctx, ke, { source: { kind: 'import', importId: randomUUID() } }),
    ).rejects.toMatchObject({ code: 'INTEL_IMPORT_NOT_FOUND' });
    const queued = await importList('8.8.8.8\n', 'green', false);
    await expect(
      createRoutingRun(services.ctx, ke, { source: { kind: 'import', importId: queued } }),
    ).rejects.toMatchObject({
      code: 'INTEL_ROUTING_IMPORT_UNFINISHED',
      details: [expect.objectContaining({ path: 'source.importId' })],
    });
    const runs = await services.ctx.db.query('SELECT 1 FROM routing_runs WHERE created_by = $1', [
      outsider.userId,
    ]);
    expect(runs.rows).toHaveLength(0);
  });

  it('routes a feed imported again: its duplicates route the stored objects they matched', async () => {
    const text = '# same feed, next day\n105.112.10.5\n90.12.34.56\n';
    const first = await importList(text, 'green');
    const again = await importList(text, 'green');
    const added = await services.ctx.db.query<{ added: string; duplicate: string }>(
      'SELECT added, duplicate FROM intel_imports WHERE id = $1',
      [again],
    );
    expect(added.rows[0]).toMatchObject({ added: 0, duplicate: 2 });
    expect(await countImportObjects(services.ctx.db, again)).toBe(2);
    const a = await createRoutingRun(services.ctx, ke, { source: { kind: 'import', importId: first } });
    const b = await createRoutingRun(services.ctx, ke, { source: { kind: 'import', importId: again } });
    expect(b.counts).toMatchObject({ values: 2, routed: 2 });
    const objectsOf = async (runId: string) =>
      (
        await services.ctx.db.query<{ o: string }>(
          'SELECT object_stix_id AS o FROM routing_decisions WHERE run_id = $1 ORDER BY seq',
          [runId],
        )
      ).rows.map((r) => r.o);
    expect(await objectsOf(b.id)).toEqual(await objectsOf(a.id));
  });

  it('pages an import by pk, each object once, whatever the page size', async () => {
    const importId = await importList(
      '8.8.4.4\n1.0.0.1\n9.9.9.9\n149.112.112.112\n208.67.222.222\n',
      'green',
    );
    const seen: string[] = [];
    let after = 0;
    for (;;) {
      const rows = await pageVisibleObjectsOfImport(services.ctx.db, ke, importId, after, 2);
      if (rows.length === 0) {
        break;
      }
      expect(rows.length).toBeLessThanOrEqual(2);
      seen.push(...rows.map((r) => r.stix_id));
      after = Number(rows.at(-1)?.pk);
    }
    expect(seen).toHaveLength(5);
    expect(new Set(seen).size).toBe(5);

    // Duplicates of an earlier import interleaved with new rows: several ranges, walked in pk order.
    await importList('8.8.8.1\n8.8.8.2\n8.8.8.3\n', 'green');
    const mixed = await importList('8.8.8.9\n8.8.8.1\n8.8.8.10\n8.8.8.3\n', 'green');
    const pks: number[] = [];
    for (let at = 0; ;) {
      const [row, ...rest] = await pageVisibleObjectsOfImport(services.ctx.db, ke, mixed, at, 1);
      if (!row) {
        break;
      }
      expect(rest).toHaveLength(0);
      at = Number(row.pk);
      pks.push(at);
    }
    expect(pks).toHaveLength(4);
    expect([...pks].sort((a, b) => a - b)).toEqual(pks);
    expect(new Set(pks).size).toBe(4);
    // The TLP filter applies page by page: a user of another organisation sees GREEN too, but an
    // import's AMBER objects only where the policy allows.
    const amber = await importList('8.8.4.5\n', 'amber');
    expect(await pageVisibleObjectsOfImport(services.ctx.db, outsider, amber, 0, 10)).toHaveLength(0);
    expect(await pageVisibleObjectsOfImport(services.ctx.db, ke, amber, 0, 10)).toHaveLength(1);
  });

  it('starts the run over HTTP, as a job when asked, and refuses an outsider before queueing', async () => {
    const importId = await importList(BLOCKLIST, 'green');
    const session = await loginAs(app, keUser.email);
    const queued = await app.inject({
      method: 'POST',
      url: '/api/v1/intel/routing/runs?async=true',
      ...asSession(session),
      payload: { source: { kind: 'import', importId } },
    });
    expect(queued.statusCode).toBe(202);
    const runner = new JobRunner(services.ctx, { [ROUTING_RUN_JOB]: services.jobHandlers[ROUTING_RUN_JOB]! });
    expect(await runner.runOnce()).toBe(true);
    const jobId = queued.json<{ job: { id: string } }>().job.id;
    const job = await app.inject({
      method: 'GET',
      url: `/api/v1/jobs/${jobId}`,
      ...asSession(session, false),
    });
    expect(job.json()).toMatchObject({
      status: 'succeeded',
      progress: { done: 5, total: 5 },
      result: { counts: { values: 5, notifications: 4 } },
    });

    const other = await buildUser(services, { organisationId: org.nl! });
    const otherSession = await loginAs(app, other.email);
    const refused = await app.inject({
      method: 'POST',
      url: '/api/v1/intel/routing/runs?async=true',
      ...asSession(otherSession),
      payload: { source: { kind: 'import', importId } },
    });
    expect(refused.statusCode).toBe(404);
    expect(refused.json()).toMatchObject({ error: { code: 'INTEL_IMPORT_NOT_FOUND' } });
    const bad = await app.inject({
      method: 'POST',
      url: '/api/v1/intel/routing/runs',
      ...asSession(session),
      payload: { source: { kind: 'import', importId: 'not-a-uuid' } },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ error: { details: { path: string }[] } }>().error.details[0]?.path).toMatch(
      /source\.importId$/,
    );
  });
});
