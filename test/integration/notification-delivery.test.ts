// Delivery of notifications by the job runner: e-mail to a local SMTP server (smtp-server) and a
// signed webhook that fails once (HTTP 500) and succeeds on the retry after the back-off, without
// sending the e-mail twice.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Services } from '../../src/platform/services.ts';
import type { Actor } from '../../src/platform/access/policy.ts';
import { JobRunner } from '../../src/platform/jobs/runner.ts';
import { saveCirt } from '../../src/intel/cirts/directory.ts';
import { createRoutingRun } from '../../src/intel/routing/routing-run.ts';
import { getRoutingMap } from '../../src/intel/routing/routing-map.ts';
import { signWebhook } from '../../src/intel/notifications/webhook-delivery.ts';
import { createTestServices, testClock } from '../support/services.ts';
import { buildOrganisation, buildUser } from '../support/factories.ts';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.ts';

const clock = testClock('2026-12-01T09:00:00.000Z');
let services: Services;
let smtp: SmtpSink;
let hook: Server;
const calls: { headers: Record<string, string | string[] | undefined>; body: string }[] = [];
const answers = [500, 200];
let coordinator: Actor;

beforeAll(async () => {
  smtp = await startSmtpSink();
  hook = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      calls.push({ headers: req.headers, body });
      res.statusCode = answers.shift() ?? 200;
      res.end();
    });
  });
  await new Promise<void>((done) => hook.listen(0, '127.0.0.1', done));
  services = await createTestServices({
    now: clock.now,
    // The webhook sink listens on loopback, which the outbound guard refuses unless allowed.
    config: {
      smtpUrl: smtp.url,
      mailFrom: 'accord@test.example',
      outboundAllow: ['127.0.0.1/32'],
    },
  });
  const grc = await buildOrganisation(services, { country: 'CH', kind: 'coordinator' });
  const nl = await buildOrganisation(services, { country: 'NL' });
  const admin = await buildUser(services, { organisationId: grc.id, isAdmin: true });
  await saveCirt(
    services.ctx,
    { userId: admin.id, isAdmin: true, via: 'cli', memberships: [] },
    {
      officialName: 'Delivery test team',
      country: 'NL',
      organisationId: nl.id,
      countries: ['NL'],
      notifyEmail: 'soc@team.example',
      notifyWebhook: `http://127.0.0.1:${(hook.address() as AddressInfo).port}/hook`,
    },
  );
  const user = await buildUser(services, { organisationId: grc.id });
  coordinator = {
    userId: user.id,
    isAdmin: false,
    via: 'cli',
    memberships: [{ organisationId: grc.id, role: 'analyst', country: 'CH' }],
  };
});
afterAll(async () => {
  await services.close();
  await smtp.close();
  await new Promise<void>((done) => hook.close(() => done()));
});

describe('notification delivery', () => {
  it('mails the team, retries the webhook after HTTP 500 with back-off, and signs every POST', async () => {
    const run = await createRoutingRun(services.ctx, coordinator, {
      name: 'Delivery test',
      source: { kind: 'list', text: '193.0.6.139\n', tlp: 'amber' },
    });
    const runner = new JobRunner(services.ctx, services.jobHandlers);
    expect(await runner.runOnce()).toBe(true);
    let map = await getRoutingMap(services.ctx, coordinator, run.id);
    expect(map.notifications[0]?.delivery).toMatchObject({ status: 'retrying', attempts: 1 });
    expect(map.notifications[0]?.delivery.error).toMatch(/webhook: webhook answered HTTP 500/);
    expect(smtp.mails).toHaveLength(1);
    expect(smtp.mails[0]?.to).toBe('soc@team.example');
    expect(smtp.mails[0]?.raw).toMatch(/Subject: \[TLP:AMBER\] Accord: 1 value/);
    expect(smtp.mails[0]?.raw).toMatch(/193\.0\.6\.139/);

    // Not yet due: the back-off holds the retry.
    expect(await runner.runOnce()).toBe(false);
    clock.advance(61_000);
    expect(await runner.runOnce()).toBe(true);
    map = await getRoutingMap(services.ctx, coordinator, run.id);
    // The team has no PGP key and does not require one: the e-mail went in clear, as recorded.
    expect(map.notifications[0]?.delivery).toMatchObject({
      status: 'delivered',
      attempts: 2,
      error: null,
      email: 'plain',
    });
    expect(smtp.mails).toHaveLength(1);
    expect(calls).toHaveLength(2);

    const secret = (
      await services.ctx.db.query<{ webhook_secret: string }>('SELECT webhook_secret FROM cirts')
    ).rows[0]!.webhook_secret;
    const last = calls[1]!;
    const timestamp = String(last.headers['x-accord-timestamp']);
    expect(last.headers['x-accord-signature']).toBe(signWebhook(secret, timestamp, last.body));
    expect(last.headers['x-accord-signature']).not.toBe(signWebhook('another secret', timestamp, last.body));
    const payload = JSON.parse(last.body) as { notification: { tlp: string; items: { value: string }[] } };
    expect(payload.notification.tlp).toBe('amber');
    expect(payload.notification.items.map((i) => i.value)).toEqual(['193.0.6.139']);

    const audit = await services.ctx.db.query<{ action: string }>(
      "SELECT action FROM audit_log WHERE action LIKE 'notification.delivery.%' ORDER BY seq",
    );
    expect(audit.rows.map((r) => r.action)).toEqual([
      'notification.delivery.retrying',
      'notification.delivery.delivered',
    ]);
  });
});
