// TAXII feeds end to end: added through the API (secret encrypted, never shown), queued once by the
// scheduler when due, run as a job against another Accord node on loopback, outcome visible.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/platform/http/app.ts';
import type { Services } from '../../src/platform/services.ts';
import type { Actor } from '../../src/platform/access/policy.ts';
import { createApiToken } from '../../src/platform/identity/tokens.ts';
import { actorOf } from '../../src/platform/identity/present.ts';
import { findMemberships, findUserById } from '../../src/platform/identity/store.ts';
import { JobRunner } from '../../src/platform/jobs/runner.ts';
import { createCollection } from '../../src/intel/collections.ts';
import { FEED_PULL_JOB } from '../../src/intel/feeds/feeds.ts';
import { createFeedPullHandler } from '../../src/intel/feeds/feed-job.ts';
import { queueDueFeeds } from '../../src/intel/feeds/feed-scheduler.ts';
import { createTestServices, testClock } from '../support/services.ts';
import { buildOrganisation, buildUser } from '../support/factories.ts';

const GREEN = 'marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb';
let remote: { services: Services; app: FastifyInstance; url: string; collectionId: string; token: string };
let local: Services;
let localApp: FastifyInstance;
let adminToken: string;
let readerToken: string;
let outsiderToken: string;
let orgId: string;
let targetCollectionId: string;
const clock = testClock('2026-11-30T08:00:00.000Z');

async function actorFor(services: Services, userId: string): Promise<Actor> {
  const user = (await findUserById(services.ctx.db, userId))!;
  return actorOf(user, await findMemberships(services.ctx.db, userId), 'session');
}
const tokenOf = async (services: Services, actor: Actor) =>
  (await createApiToken(services.ctx, actor, { name: 'feeds' })).token;
const api = (method: 'GET' | 'POST' | 'PATCH', url: string, token: string, payload?: object) =>
  localApp.inject({
    method,
    url,
    headers: { authorization: `Bearer ${token}` },
    ...(payload ? { payload } : {}),
  });

beforeAll(async () => {
  const services = await createTestServices();
  const app = await buildApp(services);
  await app.listen({ host: '127.0.0.1', port: 0 });
  const org = (await buildOrganisation(services)).id;
  const owner = await actorFor(
    services,
    (await buildUser(services, { organisationId: org, role: 'org-admin' })).id,
  );
  const collectionId = (
    await createCollection(services.ctx, owner, {
      title: 'Feodo C2',
      ownerOrganisationId: org,
      readersAllMembers: true,
    })
  ).id;
  const ownerToken = await tokenOf(services, owner);
  const objects = [1, 2, 3].map((n) => ({
    type: 'indicator',
    spec_version: '2.1',
    id: `indicator--c0000000-0000-4000-8000-00000000000${n}`,
    created: '2026-11-20T10:00:00.000Z',
    modified: '2026-11-20T10:00:00.000Z',
    name: `Feodo C2 ${n}`,
    pattern: `[ipv4-addr:value = '203.0.113.${n}']`,
    pattern_type: 'stix',
    valid_from: '2026-11-20T10:00:00Z',
    object_marking_refs: [GREEN],
  }));
  await app.inject({
    method: 'POST',
    url: `/taxii2/accord/collections/${collectionId}/objects/`,
    headers: {
      accept: 'application/taxii+json;version=2.1',
      'content-type': 'application/taxii+json;version=2.1',
      authorization: `Bearer ${ownerToken}`,
    },
    payload: JSON.stringify({ objects }),
  });
  remote = {
    services,
    app,
    url: `http://127.0.0.1:${(app.server.address() as { port: number }).port}/taxii2/`,
    collectionId,
    token: ownerToken,
  };

  local = await createTestServices({
    now: clock.now,
    // The remote node listens on loopback, which the outbound guard refuses unless allowed.
    config: { dataDir: mkdtempSync(join(tmpdir(), 'accord-feeds-')), outboundAllow: ['127.0.0.1/32'] },
  });
  localApp = await buildApp(local);
  orgId = (await buildOrganisation(local, { country: 'NG' })).id;
  const admin = await actorFor(
    local,
    (await buildUser(local, { organisationId: orgId, role: 'org-admin' })).id,
  );
  adminToken = await tokenOf(local, admin);
  readerToken = await tokenOf(
    local,
    await actorFor(local, (await buildUser(local, { organisationId: orgId, role: 'reader' })).id),
  );
  outsiderToken = await tokenOf(
    local,
    await actorFor(
      local,
      (await buildUser(local, { organisationId: (await buildOrganisation(local)).id })).id,
    ),
  );
  targetCollectionId = (
    await createCollection(local.ctx, admin, { title: 'From partners', ownerOrganisationId: orgId })
  ).id;
});
afterAll(async () => {
  await localApp.close();
  await local.close();
  await remote.app.close();
  await remote.services.close();
});

async function runJobs() {
  const runner = new JobRunner(local.ctx, { [FEED_PULL_JOB]: createFeedPullHandler(local.ctx) });
  while (await runner.runOnce()) {
    // drain
  }
}

describe('TAXII feeds', () => {
  it('adds a feed with an encrypted token, runs it when due, once, and shows the outcome', async () => {
    const created = await api('POST', '/api/v1/intel/feeds', adminToken, {
      name: 'Partner C2',
      organisationId: orgId,
      url: remote.url,
      remoteCollectionId: remote.collectionId,
      auth: { kind: 'token', token: remote.token },
      intervalMinutes: 30,
      tlp: 'green',
      targetCollectionId,
    });
    expect(created.statusCode).toBe(201);
    expect(created.body).not.toContain(remote.token);
    const feedId = created.json<{ feed: { id: string } }>().feed.id;
    const stored = await local.ctx.db.query<{ secret_ciphertext: string }>(
      'SELECT secret_ciphertext FROM taxii_feeds WHERE id = $1',
      [feedId],
    );
    expect(stored.rows[0]?.secret_ciphertext).not.toContain(remote.token);
    const audit = await local.ctx.db.query<{ summary: unknown }>(
      "SELECT summary FROM audit_log WHERE action = 'taxii.feed-create'",
    );
    expect(JSON.stringify(audit.rows)).not.toContain(remote.token);

    expect(await queueDueFeeds(local.ctx)).toBe(1);
    expect(await queueDueFeeds(local.ctx)).toBe(0);
    await runJobs();
    const feed = (await api('GET', `/api/v1/intel/feeds/${feedId}`, readerToken)).json<{
      feed: {
        lastRun: { status: string; counts: { added: number }; error: string | null };
        resumesAfter: string;
      };
    }>().feed;
    expect(feed.lastRun).toMatchObject({ status: 'succeeded', counts: { added: 3 }, error: null });
    expect(feed.resumesAfter).toMatch(/Z$/);
    const members = await local.ctx.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM taxii_collection_objects WHERE collection_id = $1',
      [targetCollectionId],
    );
    expect(members.rows[0]?.n).toBe(3);

    clock.advance(31 * 60_000);
    expect(await queueDueFeeds(local.ctx)).toBe(1);
    await runJobs();
    const again = (await api('GET', '/api/v1/intel/feeds', adminToken)).json<{
      feeds: { lastRun: { counts: { added: number; duplicate: number } } }[];
    }>();
    // Resumed after the last date added: nothing new, nothing fetched again.
    expect(again.feeds[0]?.lastRun.counts).toMatchObject({ added: 0, duplicate: 0 });
  });

  it('records a failed run with the remote error, and the next run is the retry', async () => {
    const created = await api('POST', '/api/v1/intel/feeds', adminToken, {
      name: 'Wrong token',
      organisationId: orgId,
      url: remote.url,
      remoteCollectionId: remote.collectionId,
      auth: { kind: 'token', token: 'acc_nottoken_wrong' },
    });
    const feedId = created.json<{ feed: { id: string } }>().feed.id;
    expect((await api('POST', `/api/v1/intel/feeds/${feedId}/run`, adminToken)).statusCode).toBe(202);
    await runJobs();
    const feed = (await api('GET', `/api/v1/intel/feeds/${feedId}`, adminToken)).json<{
      feed: { lastRun: { status: string; error: string } };
    }>().feed;
    expect(feed.lastRun.status).toBe('failed');
    expect(feed.lastRun.error).toMatch(/401/);
  });

  it('refuses feeds from readers and strangers, bad input naming the field, and hides feeds of others', async () => {
    const body = {
      name: 'X feed',
      organisationId: orgId,
      url: remote.url,
      remoteCollectionId: remote.collectionId,
    };
    expect((await api('POST', '/api/v1/intel/feeds', readerToken, body)).statusCode).toBe(403);
    expect((await api('POST', '/api/v1/intel/feeds', outsiderToken, body)).statusCode).toBe(403);
    const badUrl = await api('POST', '/api/v1/intel/feeds', adminToken, {
      ...body,
      url: 'ftp://example.org/',
    });
    expect(badUrl.statusCode).toBe(400);
    expect(badUrl.body).toContain('url');
    const badInterval = await api('POST', '/api/v1/intel/feeds', adminToken, { ...body, intervalMinutes: 0 });
    expect(badInterval.statusCode).toBe(400);
    const notWritable = await api('POST', '/api/v1/intel/feeds', adminToken, {
      ...body,
      targetCollectionId: '00000000-0000-4000-8000-000000000000',
    });
    expect(notWritable.json()).toMatchObject({ error: { details: [{ path: 'targetCollectionId' }] } });
    expect((await api('GET', '/api/v1/intel/feeds', outsiderToken)).json()).toEqual({ feeds: [] });
    const someFeed = (await api('GET', '/api/v1/intel/feeds', adminToken)).json<{ feeds: { id: string }[] }>()
      .feeds[0]!;
    expect((await api('GET', `/api/v1/intel/feeds/${someFeed.id}`, outsiderToken)).statusCode).toBe(404);
    expect((await api('POST', `/api/v1/intel/feeds/${someFeed.id}/run`, readerToken)).statusCode).toBe(403);
  });

  it('lets administrators disable a feed and replace its secret, audited; readers may not', async () => {
    const feed = (await api('GET', '/api/v1/intel/feeds', adminToken)).json<{ feeds: { id: string }[] }>()
      .feeds[0]!;
    expect(
      (await api('PATCH', `/api/v1/intel/feeds/${feed.id}`, readerToken, { enabled: false })).statusCode,
    ).toBe(403);
    expect(
      (await api('PATCH', `/api/v1/intel/feeds/${feed.id}`, outsiderToken, { enabled: false })).statusCode,
    ).toBe(404);
    const bad = await api('PATCH', `/api/v1/intel/feeds/${feed.id}`, adminToken, { intervalMinutes: 0 });
    expect(bad.statusCode).toBe(400);
    const disabled = await api('PATCH', `/api/v1/intel/feeds/${feed.id}`, adminToken, {
      enabled: false,
      auth: { kind: 'token', token: 'acc_replaced_secret_value' },
    });
    expect(disabled.statusCode).toBe(200);
    expect(disabled.json()).toMatchObject({ feed: { enabled: false, auth: { kind: 'token' } } });
    expect(disabled.body).not.toContain('acc_replaced_secret_value');
    clock.advance(24 * 60 * 60_000);
    expect(await queueDueFeeds(local.ctx)).toBe(1);
    const audit = await local.ctx.db.query<{ summary: unknown }>(
      "SELECT summary FROM audit_log WHERE action = 'taxii.feed-update' AND resource_id = $1",
      [feed.id],
    );
    expect(audit.rows).toHaveLength(1);
    expect(JSON.stringify(audit.rows)).not.toContain('acc_replaced_secret_value');
  });
});
