// The outbound guard where analysts and team editors set URLs: a feed or a webhook aimed at loopback
// is refused when saved (the field named), a stored one is refused at each request (recorded on the
// feed's last run and the delivery's error, nothing reaches the server), and both work once an
// operator allows the range (ACCORD_OUTBOUND_ALLOW).
import { mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Services } from '../../src/platform/services.ts';
import type { Ctx } from '../../src/platform/context.ts';
import type { Actor } from '../../src/platform/access/policy.ts';
import { JobRunner } from '../../src/platform/jobs/runner.ts';
import { createFeed, FEED_PULL_JOB, getFeed, runFeedNow } from '../../src/intel/feeds/feeds.ts';
import { createFeedPullHandler } from '../../src/intel/feeds/feed-job.ts';
import { saveCirt } from '../../src/intel/cirts/directory.ts';
import { createRoutingRun } from '../../src/intel/routing/routing-run.ts';
import { getRoutingMap } from '../../src/intel/routing/routing-map.ts';
import { createDeliveryHandler } from '../../src/intel/notifications/deliver-notification.ts';
import { NOTIFICATION_DELIVERY_JOB } from '../../src/intel/notifications/delivery-channels.ts';
import { createTestServices, testClock } from '../support/services.ts';
import { buildOrganisation, buildUser } from '../support/factories.ts';

const clock = testClock('2026-12-01T09:00:00.000Z');
let services: Services;
let allowed: Ctx;
let server: Server;
let base: string;
const requests: string[] = [];
let admin: Actor;
let coordinator: Actor;
let orgId: string;
let nlOrgId: string;

beforeAll(async () => {
  // A minimal TAXII server (discovery, an empty collection) and a webhook sink on loopback.
  server = createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    req.resume();
    const json = (body: unknown) =>
      res.writeHead(200, { 'content-type': 'application/taxii+json;version=2.1' }).end(JSON.stringify(body));
    if (req.url === '/taxii2/') {
      json({ title: 'Loopback', api_roots: [`${base}/root/`], default: `${base}/root/` });
    } else if (req.url?.startsWith('/root/collections/c1/objects/')) {
      json({ more: false, objects: [] });
    } else {
      res.writeHead(204).end();
    }
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  services = await createTestServices({
    now: clock.now,
    config: { dataDir: mkdtempSync(join(tmpdir(), 'accord-outbound-')), smtpUrl: undefined },
  });
  // The same node after an operator set ACCORD_OUTBOUND_ALLOW=127.0.0.1/32.
  allowed = { ...services.ctx, config: { ...services.ctx.config, outboundAllow: ['127.0.0.1/32'] } };
  const grc = await buildOrganisation(services, { country: 'CH', kind: 'coordinator' });
  orgId = grc.id;
  nlOrgId = (await buildOrganisation(services, { country: 'NL' })).id;
  const user = await buildUser(services, { organisationId: grc.id, isAdmin: true });
  admin = { userId: user.id, isAdmin: true, via: 'cli', memberships: [] };
  const analyst = await buildUser(services, { organisationId: grc.id });
  coordinator = {
    userId: analyst.id,
    isAdmin: false,
    via: 'cli',
    memberships: [{ organisationId: grc.id, role: 'analyst', country: 'CH' }],
  };
});
afterAll(async () => {
  await services.close();
  await new Promise<void>((done) => server.close(() => done()));
});

const drain = async (runner: JobRunner) => {
  while (await runner.runOnce()) {
    // drain
  }
};

describe('outbound guard on feeds', () => {
  it('refuses a feed aimed at loopback when saved, in any spelling, naming the url field', async () => {
    for (const url of [`${base}/taxii2/`, 'http://2130706433/taxii2/', 'http://[::ffff:127.0.0.1]/']) {
      const error = await createFeed(services.ctx, admin, {
        name: `Loopback ${url.length}`,
        organisationId: orgId,
        url,
        remoteCollectionId: 'c1',
      }).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'OUTBOUND_REQUEST_REFUSED', details: [{ path: 'url' }] });
    }
    const rows = await services.ctx.db.query('SELECT 1 FROM taxii_feeds');
    expect(rows.rowCount).toBe(0);
  });

  it('records a refused run on the feed without any request, and pulls once loopback is allowed', async () => {
    const feed = await createFeed(allowed, admin, {
      name: 'Loopback partner',
      organisationId: orgId,
      url: `${base}/taxii2/`,
      remoteCollectionId: 'c1',
    });
    // The allowance is withdrawn (or the feed predates the guard): each request checks again.
    await runFeedNow(services.ctx, admin, feed.id);
    const before = requests.length;
    await drain(new JobRunner(services.ctx, { [FEED_PULL_JOB]: createFeedPullHandler(services.ctx) }));
    expect(requests.length).toBe(before);
    const refused = await getFeed(services.ctx, admin, feed.id);
    expect(refused.lastRun.status).toBe('failed');
    expect(refused.lastRun.error).toMatch(
      /refused to connect to http:\/\/127\.0\.0\.1:\d+\/taxii2\/: .*Loopback/,
    );

    await runFeedNow(allowed, admin, feed.id);
    await drain(new JobRunner(allowed, { [FEED_PULL_JOB]: createFeedPullHandler(allowed) }));
    const pulled = await getFeed(allowed, admin, feed.id);
    expect(pulled.lastRun).toMatchObject({ status: 'succeeded', error: null });
    expect(requests.slice(before)).toEqual([
      'GET /taxii2/',
      expect.stringMatching(/^GET \/root\/collections\/c1\/objects\/\?limit=/),
    ]);
  });
});

describe('outbound guard on webhooks', () => {
  it('refuses a webhook aimed at loopback or cloud metadata when set, naming notifyWebhook', async () => {
    for (const notifyWebhook of [`${base}/hook`, 'http://169.254.169.254/latest/meta-data/']) {
      const error = await saveCirt(services.ctx, admin, {
        officialName: 'Refused webhook team',
        country: 'NL',
        organisationId: nlOrgId,
        notifyWebhook,
      }).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'OUTBOUND_REQUEST_REFUSED', details: [{ path: 'notifyWebhook' }] });
    }
    const rows = await services.ctx.db.query(
      "SELECT 1 FROM cirts WHERE official_name = 'Refused webhook team'",
    );
    expect(rows.rowCount).toBe(0);
  });

  it('records a refused delivery as the job error, audited, and delivers once loopback is allowed', async () => {
    await saveCirt(allowed, admin, {
      officialName: 'Loopback webhook team',
      country: 'NL',
      organisationId: nlOrgId,
      countries: ['NL'],
      notifyWebhook: `${base}/hook`,
    });
    const saved = await services.ctx.db.query<{ summary: { webhookHost: string } }>(
      "SELECT summary FROM audit_log WHERE action = 'cirt.create' ORDER BY seq DESC LIMIT 1",
    );
    expect(saved.rows[0]?.summary.webhookHost).toBe(new URL(base).host);
    const run = await createRoutingRun(services.ctx, coordinator, {
      name: 'Outbound guard',
      source: { kind: 'list', text: '193.0.6.139\n', tlp: 'green' },
    });
    const before = requests.length;
    const refusing = new JobRunner(services.ctx, {
      [NOTIFICATION_DELIVERY_JOB]: createDeliveryHandler(services.ctx),
    });
    expect(await refusing.runOnce()).toBe(true);
    expect(requests.length).toBe(before);
    let map = await getRoutingMap(services.ctx, coordinator, run.id);
    expect(map.notifications[0]?.delivery).toMatchObject({ status: 'retrying' });
    expect(map.notifications[0]?.delivery.error).toMatch(/webhook: refused to connect to .*Loopback/);
    const audit = await services.ctx.db.query<{ summary: { errors: string[] } }>(
      "SELECT summary FROM audit_log WHERE action = 'notification.delivery.retrying'",
    );
    expect(audit.rows[0]?.summary.errors[0]).toMatch(/refused to connect/);

    clock.advance(61_000);
    await drain(new JobRunner(allowed, { [NOTIFICATION_DELIVERY_JOB]: createDeliveryHandler(allowed) }));
    map = await getRoutingMap(services.ctx, coordinator, run.id);
    expect(map.notifications[0]?.delivery).toMatchObject({ status: 'delivered', error: null });
    expect(requests.slice(before)).toEqual(['POST /hook']);
  });
});
