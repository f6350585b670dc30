// Two Accord nodes (two databases, two servers on loopback ports) sync a collection both ways with
// the TAXII client and server: ids and versions preserved, no duplicates, no loops, RED and
// AMBER+STRICT never leave their node, and a second pull resumes where the first stopped.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/platform/http/app.ts';
import type { Services } from '../../src/platform/services.ts';
import type { Actor } from '../../src/platform/access/policy.ts';
import { createApiToken } from '../../src/platform/identity/tokens.ts';
import { actorOf } from '../../src/platform/identity/present.ts';
import { findMemberships, findUserById } from '../../src/platform/identity/store.ts';
import { createCollection } from '../../src/intel/collections.ts';
import { createTaxiiClient } from '../../src/intel/taxii/client/taxii-http-client.ts';
import { createOutboundFetch } from '../../src/platform/http/outbound-fetch.ts';
import { pullCollection, storedPullPosition } from '../../src/intel/taxii/client/pull.ts';
import { pushSelection } from '../../src/intel/taxii/client/push.ts';
import { createTestServices } from '../support/services.ts';
import { buildOrganisation, buildUser } from '../support/factories.ts';

const MARKING = {
  green: 'marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb',
  amber: 'marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421',
  'amber+strict': 'marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003',
  red: 'marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1',
} as const;

/** One node: its national CIRT (local), an organisation standing for the peer node, one collection. */
type Node = {
  services: Services;
  app: FastifyInstance;
  url: string;
  local: Actor;
  /** A platform administrator, who runs pulls as the CLI does. */
  operator: Actor;
  localOrg: string;
  peerOrg: string;
  /** The token the OTHER node uses to talk to this one (a user of the peer organisation). */
  peerToken: string;
  collectionId: string;
};

async function actorFor(services: Services, userId: string): Promise<Actor> {
  const user = (await findUserById(services.ctx.db, userId))!;
  return actorOf(user, await findMemberships(services.ctx.db, userId), 'session');
}

async function startNode(country: string): Promise<Node> {
  const services = await createTestServices();
  const app = await buildApp(services);
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address() as { port: number };
  const localOrg = (await buildOrganisation(services, { country })).id;
  const peerOrg = (await buildOrganisation(services, { country: country === 'KE' ? 'GH' : 'KE' })).id;
  const local = await actorFor(
    services,
    (await buildUser(services, { organisationId: localOrg, role: 'org-admin' })).id,
  );
  const operator = await actorFor(
    services,
    (await buildUser(services, { organisationId: localOrg, role: 'org-admin', isAdmin: true })).id,
  );
  const peer = await actorFor(
    services,
    (await buildUser(services, { organisationId: peerOrg, role: 'analyst' })).id,
  );
  const collectionId = (
    await createCollection(services.ctx, local, {
      title: `${country} national`,
      ownerOrganisationId: localOrg,
      readerOrganisationIds: [peerOrg],
      writerOrganisationIds: [peerOrg],
      defaultTlp: 'green',
      defaultAudienceOrganisationIds: [peerOrg],
    })
  ).id;
  return {
    services,
    app,
    url: `http://127.0.0.1:${address.port}/taxii2/`,
    local,
    operator,
    localOrg,
    peerOrg,
    peerToken: (await createApiToken(services.ctx, peer, { name: 'federation' })).token,
    collectionId,
  };
}

// Both nodes listen on loopback: the guarded fetch (as feeds use it) with loopback allowed.
const loopback = createOutboundFetch({ allow: ['127.0.0.1/32'] });
let a: Node;
let b: Node;
let counter = 0;

function indicator(tlp: keyof typeof MARKING, modified = '2026-11-20T10:00:00.000Z') {
  counter += 1;
  return {
    type: 'indicator',
    spec_version: '2.1',
    id: `indicator--f0000000-0000-4000-8000-${String(counter).padStart(12, '0')}`,
    created: '2026-11-20T10:00:00.000Z',
    modified,
    name: `[Federation] ${tlp} ${counter}`,
    pattern: `[ipv4-addr:value = '192.0.2.${counter}']`,
    pattern_type: 'stix',
    valid_from: '2026-11-20T10:00:00Z',
    object_marking_refs: [MARKING[tlp]],
  };
}

/** Stores objects on a node through its own TAXII POST, as its national CIRT. */
async function publish(node: Node, objects: object[]) {
  const token = (await createApiToken(node.services.ctx, node.local, { name: `pub${counter}` })).token;
  const res = await node.app.inject({
    method: 'POST',
    url: `/taxii2/accord/collections/${node.collectionId}/objects/`,
    headers: {
      accept: 'application/taxii+json;version=2.1',
      'content-type': 'application/taxii+json;version=2.1',
      authorization: `Bearer ${token}`,
    },
    payload: JSON.stringify({ objects }),
  });
  expect(res.json<{ success_count: number }>().success_count).toBe(objects.length);
}

/** `to` pulls `from`'s collection into its own, recording the objects for the organisation standing for `from`. */
function pull(to: Node, from: Node) {
  return pullCollection(to.services.ctx, to.operator, {
    client: createTaxiiClient({ credentials: { kind: 'token', token: from.peerToken }, fetch: loopback }),
    url: from.url,
    remoteCollectionId: from.collectionId,
    producerOrganisationId: to.peerOrg,
    audienceOrganisationIds: [to.localOrg],
    targetCollectionId: to.collectionId,
    position: storedPullPosition(to.services.ctx, to.peerOrg, from.url, from.collectionId),
    source: { kind: 'taxii', ref: from.url },
    pageSize: 2,
  });
}

async function versions(node: Node): Promise<string[]> {
  const r = await node.services.ctx.db.query<{ v: string }>(
    `SELECT stix_id || ' ' || to_char(modified AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS') AS v FROM intel_objects ORDER BY 1`,
  );
  return r.rows.map((row) => row.v);
}

beforeAll(async () => {
  a = await startNode('KE');
  b = await startNode('GH');
});
afterAll(async () => {
  for (const node of [a, b]) {
    await node.app.close();
    await node.services.close();
  }
});

describe('federation between two Accord nodes', () => {
  const fromA = {
    green: indicator('green'),
    amber: indicator('amber'),
    strict: indicator('amber+strict'),
    red: indicator('red'),
  };
  const fromB = { green: indicator('green'), green2: indicator('green') };

  it('syncs both ways by pull, preserving ids and versions, and RED never leaves A', async () => {
    await publish(a, Object.values(fromA));
    await publish(b, Object.values(fromB));
    const bPulled = await pull(b, a);
    // What A's peer organisation may see: GREEN, and AMBER and AMBER+STRICT because the collection's
    // default audience names it; never RED, which only its author and named users see.
    expect(bPulled.objects).toBe(3);
    expect(bPulled.counts.added).toBe(3);
    const aPulled = await pull(a, b);
    expect(aPulled.counts.added).toBe(2);
    const onB = await versions(b);
    expect(onB).toContain(`${fromA.green.id} 2026-11-20T10:00:00.000`);
    expect(onB).toContain(`${fromA.amber.id} 2026-11-20T10:00:00.000`);
    expect(onB).toContain(`${fromA.strict.id} 2026-11-20T10:00:00.000`);
    expect(onB.some((v) => v.startsWith(fromA.red.id))).toBe(false);
    expect(await versions(a)).toEqual(expect.arrayContaining(onB));
  });

  it('does not loop: pulling back what came from the other node adds nothing, and a second pull resumes', async () => {
    const before = { a: await versions(a), b: await versions(b) };
    const bAgain = await pull(b, a);
    const aAgain = await pull(a, b);
    // B pulls A's collection, which now holds B's own objects: they come back as duplicates, not new.
    expect(bAgain.counts.added + bAgain.counts['new-version']).toBe(0);
    expect(aAgain.counts.added + aAgain.counts['new-version']).toBe(0);
    expect(bAgain.counts.duplicate).toBe(2);
    expect(await versions(a)).toEqual(before.a);
    expect(await versions(b)).toEqual(before.b);
    const third = await pull(b, a);
    expect(third.objects).toBe(0);
  });

  it('carries a new version across, and pushes only what the organisation may pass on', async () => {
    await publish(a, [{ ...fromA.green, modified: '2026-11-21T10:00:00.000Z' }]);
    expect((await pull(b, a)).counts['new-version']).toBe(1);
    const extra = {
      green: indicator('green'),
      amber: indicator('amber'),
      strict: indicator('amber+strict'),
      red: indicator('red'),
    };
    await publish(a, Object.values(extra));
    const pushed = await pushSelection(a.services.ctx, a.local, {
      client: createTaxiiClient({ credentials: { kind: 'token', token: b.peerToken }, fetch: loopback }),
      url: b.url,
      remoteCollectionId: b.collectionId,
      selection: {
        organisationId: a.localOrg,
        fromCollectionId: a.collectionId,
        skipProducerOrganisationIds: [a.peerOrg],
      },
      statusPollMs: 10,
    });
    expect(pushed.failed).toBe(0);
    const onB = await versions(b);
    expect(onB.some((v) => v.startsWith(extra.green.id))).toBe(true);
    expect(onB.some((v) => v.startsWith(extra.amber.id))).toBe(true);
    for (const never of [extra.red, extra.strict, fromA.red]) {
      expect(onB.some((v) => v.startsWith(never.id))).toBe(false);
    }
    // Everything else A pushed, B already had: nothing new was created by the push beyond the two.
    const bObjects = await b.services.ctx.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM intel_objects',
    );
    expect(bObjects.rows[0]?.n).toBe(2 + 3 + 1 + 2);
  });
});
