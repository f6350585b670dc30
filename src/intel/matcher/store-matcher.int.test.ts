// The matcher fed from the store: start-up load, catch-up on notification (new versions, revocation,
// late commits), expiry on valid_until, unmatchable indicators with reasons, and a differential test
// of its per-entry visibility against the SQL TLP predicate on random objects and readers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import type { Services } from '../../platform/services.ts';
import type { Actor } from '../../platform/access/policy.ts';
import { TLP_LEVELS, type SharedResource } from '../../platform/access/tlp-policy.ts';
import type { Queryable } from '../../platform/db/pool.ts';
import { inTransaction } from '../../platform/db/pool.ts';
import { insertObjectVersion, searchVisibleObjects } from '../store.ts';
import { startMatcherService, type MatcherService } from './matcher-service.ts';
import { SEE_ALL } from './visibility.ts';
import { createTestServices, testClock } from '../../../test/support/services.ts';
import { buildOrganisation, buildUser } from '../../../test/support/factories.ts';

const clock = testClock('2026-12-01T10:00:00.000Z');
let services: Services;
let producer: string;
let author: string;
const open: MatcherService[] = [];

beforeAll(async () => {
  services = await createTestServices({ now: clock.now });
  producer = (await buildOrganisation(services)).id;
  author = (await buildUser(services, { organisationId: producer })).id;
});
afterAll(async () => {
  await Promise.all(open.map((m) => m.close()));
  await services.close();
});

type Stored = {
  stixId?: string;
  type?: string;
  raw: Record<string, unknown>;
  modified?: string;
  revoked?: boolean;
  validUntil?: string | null;
  resource?: Partial<SharedResource>;
};

async function store(q: Queryable, o: Stored): Promise<string> {
  const type = o.type ?? 'indicator';
  const stixId = o.stixId ?? `${type}--${randomUUID()}`;
  const modified = o.modified ?? '2026-11-01T00:00:00.000Z';
  const r: SharedResource = {
    tlp: 'green',
    producerOrganisationId: producer,
    authorUserId: author,
    audienceOrganisationIds: [],
    audienceUserIds: [],
    ...o.resource,
  };
  await insertObjectVersion(q, {
    stixId,
    type,
    specVersion: '2.1',
    created: '2026-10-01T00:00:00.000Z',
    modified,
    revoked: o.revoked ?? false,
    validFrom: null,
    validUntil: o.validUntil ?? null,
    createdByRef: null,
    producerOrganisationId: r.producerOrganisationId,
    authorUserId: r.authorUserId,
    tlp: r.tlp,
    audienceOrganisationIds: [...r.audienceOrganisationIds],
    audienceUserIds: [...r.audienceUserIds],
    name: stixId,
    labels: [],
    dedupeKey: null,
    raw: JSON.stringify({ type, id: stixId, ...o.raw }),
  });
  return stixId;
}

const indicator = (pattern: string, extra: Omit<Stored, 'raw'> = {}) =>
  store(services.ctx.db, { ...extra, raw: { pattern, pattern_type: 'stix' } });

async function start(): Promise<MatcherService> {
  const m = await startMatcherService(services.ctx, { follow: false });
  open.push(m);
  return m;
}

function idsOf(m: MatcherService, kind: Parameters<MatcherService['index']['match']>[0], value: string) {
  return m.index.match(kind, value, SEE_ALL).map((id) => m.index.object(id)!.stixId);
}

describe('store-fed matcher', () => {
  it('loads matchable indicators and observables, and lists the others with the reason', async () => {
    const cidr = await indicator("[ipv4-addr:value = '198.51.100.0/24']");
    const both = await indicator("[domain-name:value = 'evil.example' OR ipv4-addr:value = '198.51.100.7']");
    const sco = await store(services.ctx.db, { type: 'ipv4-addr', raw: { value: '198.51.100.7' } });
    const file = await store(services.ctx.db, {
      type: 'file',
      raw: { hashes: { MD5: 'D41D8CD98F00B204E9800998ECF8427E' } },
    });
    const qualified = await indicator("[ipv4-addr:value = '192.0.2.1'] REPEATS 5 TIMES");
    const sigma = await store(services.ctx.db, { raw: { pattern: 'title: x', pattern_type: 'sigma' } });
    await indicator("[ipv4-addr:value = '192.0.2.9']", { revoked: true });
    await indicator("[ipv4-addr:value = '192.0.2.10']", { validUntil: '2026-11-30T00:00:00.000Z' });

    const m = await start();
    // Most specific first (the /32s before the /24), then by entry id (load order).
    expect(idsOf(m, 'ipv4', '198.51.100.7')).toEqual([both, sco, cidr]);
    expect(idsOf(m, 'domain', 'www.evil.example')).toEqual([both]);
    expect(idsOf(m, 'md5', 'd41d8cd98f00b204e9800998ecf8427e')).toEqual([file]);
    expect(idsOf(m, 'ipv4', '192.0.2.1')).toEqual([]);
    expect(idsOf(m, 'ipv4', '192.0.2.9')).toEqual([]);
    expect(idsOf(m, 'ipv4', '192.0.2.10')).toEqual([]);
    const admin: Actor = {
      userId: author,
      isAdmin: false,
      via: 'cli',
      memberships: [{ organisationId: producer, role: 'analyst', country: 'FR' }],
    };
    const reasons = new Map(m.index.unmatchableFor(admin).map((o) => [o.stixId, o.unmatchable?.reason]));
    expect(reasons.get(qualified)).toBe('qualified');
    expect(reasons.get(sigma)).toBe('pattern-type');
  });

  it('follows new versions, revocations and expiry after it started', async () => {
    const m = await start();
    const id = await indicator("[ipv4-addr:value = '203.0.113.5']");
    expect(idsOf(m, 'ipv4', '203.0.113.5')).toEqual([]);
    await m.catchUp();
    expect(idsOf(m, 'ipv4', '203.0.113.5')).toEqual([id]);

    await indicator("[ipv4-addr:value = '203.0.113.6']", {
      stixId: id,
      modified: '2026-11-02T00:00:00.000Z',
    });
    await indicator("[ipv4-addr:value = '203.0.113.99']", {
      stixId: id,
      modified: '2026-10-15T00:00:00.000Z',
    });
    await m.catchUp();
    expect(idsOf(m, 'ipv4', '203.0.113.5')).toEqual([]);
    expect(idsOf(m, 'ipv4', '203.0.113.99')).toEqual([]);
    expect(idsOf(m, 'ipv4', '203.0.113.6')).toEqual([id]);

    await indicator("[ipv4-addr:value = '203.0.113.6']", {
      stixId: id,
      modified: '2026-11-03T00:00:00.000Z',
      revoked: true,
    });
    await m.catchUp();
    expect(idsOf(m, 'ipv4', '203.0.113.6')).toEqual([]);

    const expiring = await indicator("[url:value = 'http://bad.example/x']", {
      validUntil: '2026-12-01T11:00:00.000Z',
    });
    await m.catchUp();
    expect(idsOf(m, 'url', 'HTTP://BAD.example/x')).toEqual([expiring]);
    clock.advance(2 * 3600_000);
    m.expire();
    expect(idsOf(m, 'url', 'http://bad.example/x')).toEqual([]);
  });

  it('catches up on a notification, and on a row committed after a later one', async () => {
    const m = await startMatcherService(services.ctx, { follow: true });
    open.push(m);
    let late = '';
    await inTransaction(services.ctx.db, async (tx) => {
      late = await store(tx, {
        raw: { pattern: "[ipv4-addr:value = '203.0.113.40']", pattern_type: 'stix' },
      });
      const early = await indicator("[ipv4-addr:value = '203.0.113.41']");
      await services.ctx.db.query("SELECT pg_notify('accord_intel_written', '0')");
      await expect.poll(() => idsOf(m, 'ipv4', '203.0.113.41')).toEqual([early]);
    });
    expect(idsOf(m, 'ipv4', '203.0.113.40')).toEqual([]);
    await services.ctx.db.query("SELECT pg_notify('accord_intel_written', '0')");
    await expect.poll(() => idsOf(m, 'ipv4', '203.0.113.40')).toEqual([late]);
  });

  it('sees what the SQL TLP predicate lets each reader see (random objects and readers)', async () => {
    const seed = Number(process.env.FC_SEED ?? Date.now() % 1_000_000);
    const orgIds = (await Promise.all([0, 1, 2].map(() => buildOrganisation(services)))).map((o) => o.id);
    const userIds = (
      await Promise.all([0, 1, 2, 3].map((i) => buildUser(services, { organisationId: orgIds[i % 3]! })))
    ).map((u) => u.id);
    const resources = fc.sample(
      fc.record({
        tlp: fc.constantFrom(...TLP_LEVELS),
        producerOrganisationId: fc.constantFrom(...orgIds),
        authorUserId: fc.option(fc.constantFrom(...userIds), { nil: null }),
        audienceOrganisationIds: fc.uniqueArray(fc.constantFrom(...orgIds), { maxLength: 2 }),
        audienceUserIds: fc.uniqueArray(fc.constantFrom(...userIds), { maxLength: 2 }),
      }),
      { numRuns: 80, seed },
    );
    const actors: Actor[] = fc.sample(
      fc.record({
        userId: fc.constantFrom(...userIds),
        isAdmin: fc.boolean(),
        via: fc.constant('session' as const),
        memberships: fc.uniqueArray(
          fc.record({
            organisationId: fc.constantFrom(...orgIds),
            role: fc.constantFrom('reader' as const, 'analyst' as const),
            country: fc.constant('FR'),
          }),
          { maxLength: 2, selector: (x) => x.organisationId },
        ),
      }),
      { numRuns: 20, seed: seed + 1 },
    );
    // Every object carries the same value, so one lookup returns each object the reader may see.
    const value = '100.64.7.7';
    const mine = new Set<string>();
    for (const r of resources) {
      mine.add(await indicator(`[ipv4-addr:value = '${value}']`, { resource: { ...r, tlp: r.tlp } }));
    }
    const m = await start();
    for (const actor of actors) {
      const fromIndex = m.index
        .match('ipv4', value, m.index.classes.maskFor(actor))
        .map((id) => m.index.object(id)!.stixId);
      const fromSql = (
        await searchVisibleObjects(services.ctx.db, actor, { limit: 500, types: ['indicator'] })
      )
        .map((row) => row.stix_id)
        .filter((id) => mine.has(id));
      expect(
        new Set(fromIndex),
        `seed ${seed} (rerun with FC_SEED=${seed}); actor ${JSON.stringify(actor)}`,
      ).toEqual(new Set(fromSql));
    }
  });
});
