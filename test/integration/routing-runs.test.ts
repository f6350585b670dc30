// Routing runs end to end on the pinned IP data: route decisions, the most specific constituency,
// one notification per team with TLP kept (AMBER outside the audience and RED withheld, with the
// reason recorded), special-purpose addresses never routed, inbox access, the map figures, the audit.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/platform/http/app.ts';
import type { Services } from '../../src/platform/services.ts';
import type { Actor } from '../../src/platform/access/policy.ts';
import type { Tlp } from '../../src/platform/access/tlp-policy.ts';
import { saveCirt } from '../../src/intel/cirts/directory.ts';
import { createRoutingRun } from '../../src/intel/routing/routing-run.ts';
import { getRoutingMap } from '../../src/intel/routing/routing-map.ts';
import { ROUTING_RUN_JOB } from '../../src/intel/routing/routing-job.ts';
import { JobRunner } from '../../src/platform/jobs/runner.ts';
import { createTestServices } from '../support/services.ts';
import { rawIndicator, storeRawIndicator } from '../support/intel-objects.ts';
import { asSession, buildOrganisation, buildUser, loginAs } from '../support/factories.ts';

let services: Services;
let app: FastifyInstance;
const org: Record<string, { id: string }> = {};
const team: Record<string, string> = {};
let coordinator: Actor;
let coordinatorUser: { id: string; email: string };

const actorOf = (userId: string, organisationId: string, country: string, isAdmin = false): Actor => ({
  userId,
  isAdmin,
  via: 'cli',
  memberships: [{ organisationId, role: 'analyst', country }],
});

function storeIndicator(
  pattern: string,
  tlp: Tlp,
  producer: string,
  extra: { audienceOrganisationIds?: string[]; authorUserId?: string } = {},
): Promise<string> {
  return storeRawIndicator(services, rawIndicator(pattern), {
    producerOrganisationId: producer,
    tlp,
    ...extra,
  });
}

beforeAll(async () => {
  services = await createTestServices();
  app = await buildApp(services);
  for (const [key, country, kind] of [
    ['grc', 'CH', 'coordinator'],
    ['us', 'US', 'cirt'],
    ['nl', 'NL', 'cirt'],
    ['ng', 'NG', 'cirt'],
    ['google', 'US', 'isp'],
    ['other', 'DE', 'cirt'],
  ] as const) {
    org[key] = await buildOrganisation(services, { country, kind });
  }
  const admin = await buildUser(services, { organisationId: org.grc!.id, isAdmin: true });
  const adminActor = actorOf(admin.id, org.grc!.id, 'CH', true);
  const teams = [
    { key: 'us', officialName: 'Test US-CERT', country: 'US', countries: ['US'] },
    { key: 'nl', officialName: 'Test NCSC-NL', country: 'NL', countries: ['NL'] },
    { key: 'ripe', officialName: 'Test RIPE NCC CSIRT', country: 'NL', asns: [3333], org: 'nl' },
    { key: 'ng', officialName: 'Test ngCERT', country: 'NG', countries: ['NG'] },
    { key: 'google', officialName: 'Test Google range team', country: 'US', ranges: ['8.8.8.0/24'] },
    { key: 'doc', officialName: 'Test documentation-range team', country: 'US', ranges: ['198.51.100.0/24'] },
    { key: 'au', officialName: 'Test AusCERT', country: 'AU', countries: ['AU'], org: null },
  ];
  for (const t of teams) {
    const organisationId = t.org === null ? undefined : org[t.org ?? t.key]?.id;
    const saved = await saveCirt(services.ctx, adminActor, {
      officialName: t.officialName,
      country: t.country,
      ...(organisationId ? { organisationId } : {}),
      countries: t.countries ?? [],
      asns: t.asns ?? [],
      ranges: t.ranges ?? [],
    });
    team[t.key] = saved.id;
  }
  coordinatorUser = await buildUser(services, { organisationId: org.grc!.id });
  coordinator = actorOf(coordinatorUser.id, org.grc!.id, 'CH');
});
afterAll(async () => {
  await app.close();
  await services.close();
});

describe('routing runs', () => {
  let runId: string;
  const ids: Record<string, string> = {};

  it('routes each value to the most specific team and keeps TLP per team', async () => {
    const grc = org.grc!.id;
    ids.google = await storeIndicator("[ipv4-addr:value = '8.8.8.8']", 'green', grc);
    ids.ripe = await storeIndicator("[ipv4-addr:value = '193.0.6.139']", 'amber', grc, {
      audienceOrganisationIds: [org.nl!.id],
    });
    // AMBER from another producer, shared with the coordinator only: the NG team is outside it.
    ids.ng = await storeIndicator("[ipv4-addr:value = '41.203.64.1']", 'amber', org.other!.id, {
      audienceOrganisationIds: [grc],
    });
    ids.red = await storeIndicator("[ipv4-addr:value = '193.0.6.140']", 'red', grc, {
      authorUserId: coordinatorUser.id,
    });
    ids.special = await storeIndicator(
      "[ipv4-addr:value = '10.0.0.1' OR ipv4-addr:value = '198.51.100.7' OR ipv6-addr:value = '2001:db8::1']",
      'green',
      grc,
    );
    ids.disagree = await storeIndicator("[ipv4-addr:value = '1.1.1.1']", 'clear', grc);
    ids.domain = await storeIndicator("[domain-name:value = 'login.example.nl']", 'green', grc);
    const run = await createRoutingRun(services.ctx, coordinator, {
      name: 'Test botnet',
      source: { kind: 'objects', ids: [...Object.values(ids), `indicator--${randomUUID()}`] },
    });
    runId = run.id;
    expect(run.counts).toMatchObject({
      values: 9,
      routed: 6,
      notRouted: 3,
      notFound: 1,
      notifications: 5,
      withheld: 2,
    });
    expect(Object.values(run.dataVersions)).toHaveLength(3);

    const map = await getRoutingMap(services.ctx, coordinator, run.id);
    const byTeam = Object.fromEntries(map.notifications.map((n) => [n.cirt.id, n]));
    // 8.8.8.8: the /24 range beats the US country constituency.
    expect(byTeam[team.google!]).toMatchObject({ tlp: 'green', itemCount: 1 });
    // 193.0.6.139: AS3333 beats the NL country team; the RED value never goes anywhere.
    expect(byTeam[team.ripe!]).toMatchObject({ tlp: 'amber', itemCount: 1 });
    // login.example.nl by ccTLD: NL country team.
    expect(byTeam[team.nl!]).toMatchObject({ tlp: 'green', itemCount: 1 });
    // 1.1.1.1: datasets disagree (AU, US): both countries' teams, the AU team outside Accord gets CLEAR.
    expect(byTeam[team.au!]).toMatchObject({ tlp: 'clear', itemCount: 1 });
    expect(byTeam[team.us!]).toMatchObject({ tlp: 'clear', itemCount: 1 });
    // AMBER outside the audience: the NG team gets nothing; the documentation-range team neither.
    expect(byTeam[team.ng!]).toBeUndefined();
    expect(byTeam[team.doc!]).toBeUndefined();

    const ng = map.countries.find((c) => c.country === 'NG');
    expect(ng).toMatchObject({ values: 1, notified: 0, withheld: 1 });
    const nl = map.countries.find((c) => c.country === 'NL');
    expect(nl).toMatchObject({ values: 3, notified: 2, withheld: 1 });
  });

  it('records why each value was withheld and never routes special-purpose addresses', async () => {
    const rows = await services.ctx.db.query<{
      value: string;
      outcome: string;
      cirt_ids: string[];
      withheld: { cirtId: string; reason: string }[];
    }>('SELECT value, outcome, cirt_ids, withheld FROM routing_decisions WHERE run_id = $1 ORDER BY seq', [
      runId,
    ]);
    const byValue = Object.fromEntries(rows.rows.map((r) => [r.value, r]));
    for (const v of ['10.0.0.1', '198.51.100.7', '2001:db8::1']) {
      expect(byValue[v]).toMatchObject({ outcome: 'not-routed', cirt_ids: [] });
    }
    expect(byValue['41.203.64.1']?.withheld.map((w) => w.cirtId)).toEqual([team.ng]);
    expect(byValue['41.203.64.1']?.withheld[0]?.reason).toMatch(/not in the audience/);
    expect(byValue['193.0.6.140']?.withheld[0]?.reason).toMatch(/never routed/);
    const audit = await services.ctx.db.query<{
      action: string;
      summary: { chain?: string[]; withheld?: string[] };
    }>(
      "SELECT action, summary FROM audit_log WHERE action IN ('notification.create', 'notification.withhold') ORDER BY seq",
    );
    const chains = audit.rows.flatMap((r) => r.summary.chain ?? []);
    expect(chains).toContainEqual(
      expect.stringMatching(/^8\.8\.8\.8 → US AS15169 → range 8\.8\.8\.0\/24 → TLP:GREEN/),
    );
    expect(audit.rows.flatMap((r) => r.summary.withheld ?? [])).toContainEqual(
      expect.stringMatching(/^#\d+ \(TLP:AMBER\) ✗ Test ngCERT: TLP:AMBER/),
    );
  });

  it('shows a team only its own notifications and the map only to the campaign organisation', async () => {
    const nlUser = await buildUser(services, { organisationId: org.nl!.id });
    const usUser = await buildUser(services, { organisationId: org.us!.id });
    const nl = await loginAs(app, nlUser.email);
    const us = await loginAs(app, usUser.email);
    const coord = await loginAs(app, coordinatorUser.email);
    const inbox = await app.inject({
      method: 'GET',
      url: '/api/v1/intel/notifications',
      ...asSession(nl, false),
    });
    const list = inbox.json<{ notifications: { id: string; cirt: { id: string } }[] }>().notifications;
    expect(list.map((n) => n.cirt.id).sort()).toEqual([team.nl, team.ripe].sort());
    const ripe = list.find((n) => n.cirt.id === team.ripe)!;
    const detail = await app.inject({
      method: 'GET',
      url: `/api/v1/intel/notifications/${ripe.id}`,
      ...asSession(nl, false),
    });
    expect(
      detail.json<{ notification: { items: { value: string }[] } }>().notification.items.map((i) => i.value),
    ).toEqual(['193.0.6.139']);
    const foreign = await app.inject({
      method: 'GET',
      url: `/api/v1/intel/notifications/${ripe.id}`,
      ...asSession(us, false),
    });
    expect(foreign.statusCode).toBe(404);
    const usAck = await app.inject({
      method: 'POST',
      url: `/api/v1/intel/notifications/${ripe.id}/acknowledge`,
      ...asSession(us),
    });
    expect(usAck.statusCode).toBe(404);
    const mapByTeam = await app.inject({
      method: 'GET',
      url: `/api/v1/intel/routing/runs/${runId}`,
      ...asSession(nl, false),
    });
    expect(mapByTeam.statusCode).toBe(404);

    const ack = await app.inject({
      method: 'POST',
      url: `/api/v1/intel/notifications/${ripe.id}/acknowledge`,
      ...asSession(nl),
    });
    expect(
      ack.json<{ notification: { acknowledgedAt: string | null } }>().notification.acknowledgedAt,
    ).not.toBeNull();
    const csv = await app.inject({
      method: 'GET',
      url: `/api/v1/intel/notifications/${ripe.id}/export.csv`,
      ...asSession(nl, false),
    });
    expect(csv.headers['content-disposition']).toMatch(/TLP-AMBER\.csv/);
    expect(csv.body.split('\r\n').slice(0, 3)).toEqual([
      '# TLP:AMBER',
      'value,kind,countries,asn,matched_by,constituency,tlp,stix_id',
      `193.0.6.139,ip,NL,AS3333,asn,AS3333,amber,${ids.ripe}`,
    ]);

    const map = await app.inject({
      method: 'GET',
      url: `/api/v1/intel/routing/runs/${runId}`,
      ...asSession(coord, false),
    });
    expect(map.statusCode).toBe(200);
    const nlFigures = map
      .json<{ countries: { country: string; acknowledged: number }[] }>()
      .countries.find((c) => c.country === 'NL');
    expect(nlFigures?.acknowledged).toBe(1);
  });

  it('shows a RED value of a run only to the router who could see it, and keeps it out of the audit log', async () => {
    const colleague = await buildUser(services, { organisationId: org.grc!.id });
    const asColleague = await loginAs(app, colleague.email);
    const asRouter = await loginAs(app, coordinatorUser.email);
    const url = `/api/v1/intel/routing/runs/${runId}/decisions?limit=1000`;
    type Page = { decisions: { value: string; tlp: string; objectId: string | null }[] };
    const seen = (await app.inject({ method: 'GET', url, ...asSession(asColleague, false) })).json<Page>();
    const red = seen.decisions.filter((d) => d.tlp === 'red');
    expect(red).toEqual([expect.objectContaining({ value: '(TLP:RED)', objectId: null })]);
    const mine = (await app.inject({ method: 'GET', url, ...asSession(asRouter, false) })).json<Page>();
    expect(mine.decisions.find((d) => d.tlp === 'red')?.value).toBe('193.0.6.140');
    const audit = await services.ctx.db.query<{ summary: unknown }>('SELECT summary FROM audit_log');
    expect(JSON.stringify(audit.rows)).not.toContain('193.0.6.140');
    expect(JSON.stringify(audit.rows)).not.toContain('41.203.64.1');
  });

  it("runs a long routing as a job with the requester's rights, and refuses bad input before queueing", async () => {
    const coord = await loginAs(app, coordinatorUser.email);
    const queued = await app.inject({
      method: 'POST',
      url: '/api/v1/intel/routing/runs?async=true',
      ...asSession(coord),
      payload: {
        name: 'Queued run',
        source: { kind: 'list', text: '8.8.8.8\n41.203.64.17\n', tlp: 'green' },
      },
    });
    expect(queued.statusCode).toBe(202);
    const jobId = queued.json<{ job: { id: string; kind: string } }>().job.id;
    const runner = new JobRunner(services.ctx, { [ROUTING_RUN_JOB]: services.jobHandlers[ROUTING_RUN_JOB]! });
    expect(await runner.runOnce()).toBe(true);
    const job = await app.inject({ method: 'GET', url: `/api/v1/jobs/${jobId}`, ...asSession(coord, false) });
    const result = job.json<{ status: string; result: { runId: string; counts: Record<string, number> } }>();
    expect(result).toMatchObject({ status: 'succeeded', result: { counts: { values: 2, routed: 2 } } });
    const map = await getRoutingMap(services.ctx, coordinator, result.result.runId);
    expect(map.run.name).toBe('Queued run');
    expect(map.run.createdBy).toBe(coordinatorUser.id);

    const bad = await app.inject({
      method: 'POST',
      url: '/api/v1/intel/routing/runs?async=true',
      ...asSession(coord),
      payload: { source: { kind: 'list', text: '' } },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ error: { details: { path: string }[] } }>().error.details[0]?.path).toMatch(
      /source\.text/,
    );
  });

  it('routes an uploaded list and rejects bad input with the field named', async () => {
    const run = await createRoutingRun(services.ctx, coordinator, {
      source: {
        kind: 'list',
        text: 'ip,first_seen\n8.8.8.8,2026-11-01\nnot-an-ip!\n192.168.1.1\n',
        tlp: 'green',
        fileName: 'feed.csv',
      },
    });
    expect(run.counts).toMatchObject({ values: 2, routed: 1, notRouted: 1, invalidLines: 1 });
    expect(run.invalidLines).toEqual([{ line: 3, text: 'not-an-ip!' }]);
    await expect(
      createRoutingRun(services.ctx, coordinator, { source: { kind: 'list', text: '# nothing\n' } }),
    ).rejects.toMatchObject({ code: 'INTEL_ROUTING_NOTHING_TO_ROUTE' });
    await expect(
      createRoutingRun(services.ctx, coordinator, { source: { kind: 'objects', ids: ['nope'] } }),
    ).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      details: [expect.objectContaining({ path: 'source.ids.0' })],
    });
    const reader = await buildUser(services, { organisationId: org.grc!.id, role: 'reader' });
    await expect(
      createRoutingRun(
        services.ctx,
        {
          ...actorOf(reader.id, org.grc!.id, 'CH'),
          memberships: [{ organisationId: org.grc!.id, role: 'reader', country: 'CH' }],
        },
        {
          organisationId: org.grc!.id,
          source: { kind: 'list', text: '8.8.8.8' },
        },
      ),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});
