// `accord intel pull|push|feeds` in-process against a test database, talking to another Accord node on
// loopback: a pull resumes where it stopped, a feed runs and reports, push sends only what may leave,
// and bad options fail with the field named and exit code 2.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/platform/http/app.ts';
import type { Services } from '../../src/platform/services.ts';
import { createApiToken } from '../../src/platform/identity/tokens.ts';
import { actorOf } from '../../src/platform/identity/present.ts';
import { findMemberships, findUserById } from '../../src/platform/identity/store.ts';
import { createCollection } from '../../src/intel/collections.ts';
import { createTestDatabase, createTestServices } from '../support/services.ts';
import { buildOrganisation, buildUser } from '../support/factories.ts';
import { runAccord as run } from '../support/cli.ts';

const MARKING = {
  green: 'marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb',
  red: 'marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1',
};
let remote: Services;
let remoteApp: FastifyInstance;
let url: string;
let token: string;
let collectionId: string;
let orgId: string;

function indicator(n: number, tlp: keyof typeof MARKING) {
  return {
    type: 'indicator',
    spec_version: '2.1',
    id: `indicator--e0000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    created: '2026-11-20T10:00:00.000Z',
    modified: '2026-11-20T10:00:00.000Z',
    name: `CLI C2 ${n}`,
    pattern: `[ipv4-addr:value = '192.0.2.${n}']`,
    pattern_type: 'stix',
    valid_from: '2026-11-20T10:00:00Z',
    object_marking_refs: [MARKING[tlp]],
  };
}

beforeAll(async () => {
  process.env.DATABASE_URL = await createTestDatabase();
  process.env.ACCORD_FEED_KEY = Buffer.alloc(32, 9).toString('base64');
  remote = await createTestServices();
  remoteApp = await buildApp(remote);
  url = `${(await remoteApp.listen({ host: '127.0.0.1', port: 0 })).replace('localhost', '127.0.0.1')}/taxii2/`;
  const org = (await buildOrganisation(remote)).id;
  const user = await buildUser(remote, { organisationId: org, role: 'org-admin' });
  const actor = actorOf(
    (await findUserById(remote.ctx.db, user.id))!,
    await findMemberships(remote.ctx.db, user.id),
    'session',
  );
  token = (await createApiToken(remote.ctx, actor, { name: 'cli' })).token;
  collectionId = (await createCollection(remote.ctx, actor, { title: 'Remote', ownerOrganisationId: org }))
    .id;
  await remoteApp.inject({
    method: 'POST',
    url: `/taxii2/accord/collections/${collectionId}/objects/`,
    headers: {
      accept: 'application/taxii+json;version=2.1',
      'content-type': 'application/taxii+json;version=2.1',
      authorization: `Bearer ${token}`,
    },
    payload: JSON.stringify({ objects: [1, 2, 3].map((n) => indicator(n, 'green')) }),
  });
  expect((await run('admin', 'init')).code).toBe(0);
  const created = await run(
    'admin',
    'create-org',
    '--name',
    'CLI CERT',
    '--country',
    'SN',
    '--kind',
    'cirt',
    '--json',
  );
  orgId = (JSON.parse(created.out) as { id: string }).id;
});
afterAll(async () => {
  delete process.env.ACCORD_OUTBOUND_ALLOW;
  await remoteApp.close();
  await remote.close();
});

describe('accord intel pull, push and feeds', () => {
  it('pulls a remote collection and resumes where it stopped', async () => {
    // From the shell the operator's URL is not guarded: loopback works without ACCORD_OUTBOUND_ALLOW.
    delete process.env.ACCORD_OUTBOUND_ALLOW;
    const args = [
      'intel',
      'pull',
      '--url',
      url,
      '--collection',
      collectionId,
      '--token',
      token,
      '--organisation',
      orgId,
    ];
    const first = await run(...args, '--json');
    expect(first.code, first.err).toBe(0);
    expect(JSON.parse(first.out)).toMatchObject({ objects: 3, counts: { added: 3 } });
    const second = await run(...args);
    expect(second.code).toBe(0);
    expect(second.out).toContain('pulled 0 object(s)');
  });

  it('adds a feed, runs it and lists its last run, without showing the token', async () => {
    // A feed's URL is guarded (the server runs it): loopback is refused until the operator allows it.
    const refused = await run(
      'intel',
      'feeds',
      'add',
      '--name',
      'Loopback',
      '--url',
      url,
      '--collection',
      collectionId,
    );
    expect(refused.code).toBe(2);
    expect(refused.err).toMatch(/url: Accord does not connect there \(127\.0\.0\.1 is a special-purpose/);
    process.env.ACCORD_OUTBOUND_ALLOW = '127.0.0.1/32';
    const added = await run(
      'intel',
      'feeds',
      'add',
      '--name',
      'Remote C2',
      '--url',
      url,
      '--collection',
      collectionId,
      '--token',
      token,
      '--interval',
      '30',
      '--organisation',
      orgId,
      '--json',
    );
    expect(added.code, added.err).toBe(0);
    expect(added.out).not.toContain(token);
    const id = (JSON.parse(added.out) as { feed: { id: string } }).feed.id;
    const ran = await run('intel', 'feeds', 'run', id, '--json');
    expect(ran.code, ran.err).toBe(0);
    // Already pulled by hand: the feed finds the same versions and stores nothing twice.
    expect(JSON.parse(ran.out)).toMatchObject({
      feed: { lastRun: { status: 'succeeded', counts: { duplicate: 3, added: 0 } } },
    });
    const list = await run('intel', 'feeds', 'list');
    expect(list.out).toContain('Remote C2');
    expect(list.out).toContain('last run succeeded');
  });

  it('pushes only what may leave, and checks the status', async () => {
    const pushed = await run(
      'intel',
      'push',
      '--url',
      url,
      '--collection',
      collectionId,
      '--token',
      token,
      '--organisation',
      orgId,
      '--json',
    );
    expect(pushed.code, pushed.err).toBe(0);
    // The three GREEN objects pulled earlier are re-shareable; the receiver already has them.
    expect(JSON.parse(pushed.out)).toMatchObject({ sent: 3, succeeded: 3, failed: 0 });
  });

  it('names the bad option and exits 2', async () => {
    const noPassword = await run(
      'intel',
      'pull',
      '--url',
      url,
      '--collection',
      collectionId,
      '--user',
      'someone',
    );
    expect(noPassword.code).toBe(2);
    expect(noPassword.err).toContain('password-env');
    const badTlp = await run('intel', 'pull', '--url', url, '--collection', collectionId, '--tlp', 'purple');
    expect(badTlp.code).toBe(2);
    expect(badTlp.err).toContain('tlp');
    const unreachable = await run(
      'intel',
      'pull',
      '--url',
      'http://127.0.0.1:9/taxii2/',
      '--collection',
      'x',
      '--organisation',
      orgId,
    );
    expect(unreachable.code).toBe(1);
    expect(unreachable.err).toContain('cannot reach');
  });
});
