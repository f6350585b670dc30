// The ingest core against PostgreSQL: outcomes per object, idempotence, versions, TLP at write time,
// dedupe on canonical patterns and values, correlation across organisations, atomicity, the signal.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import type { Services } from '../../platform/services.ts';
import type { Actor } from '../../platform/access/policy.ts';
import { createTestServices } from '../../../test/support/services.ts';
import { buildOrganisation, buildUser } from '../../../test/support/factories.ts';
import { buildIndicator, buildIpv4 } from '../../../test/support/stix.ts';
import { TLP2_MARKING_IDS } from '../tlp.ts';
import { ingestStixObjects, ingestStixObjectsIn } from './ingest-batch.ts';
import { findVisibleObject } from '../store.ts';
import { viewObject } from '../objects.ts';
import type { IngestOptions } from './ingest-types.ts';

let services: Services;
let fr: { org: string; user: string; actor: Actor };
let ng: { org: string; user: string; actor: Actor };

async function member(country: string, role: 'analyst' | 'reader' = 'analyst') {
  const org = (await buildOrganisation(services, { country })).id;
  const user = (await buildUser(services, { organisationId: org, role })).id;
  const actor: Actor = {
    userId: user,
    isAdmin: false,
    via: 'session',
    memberships: [{ organisationId: org, role, country }],
  };
  return { org, user, actor };
}

function optionsFor(m: { org: string; user: string }, extra: Partial<IngestOptions> = {}): IngestOptions {
  return { producerOrganisationId: m.org, authorUserId: m.user, source: { kind: 'api' }, ...extra };
}

async function storedOf(stixId: string) {
  const r = await services.ctx.db.query<{ tlp: string; is_latest: boolean; modified: string }>(
    'SELECT tlp, is_latest, modified FROM intel_objects WHERE stix_id = $1 ORDER BY modified',
    [stixId],
  );
  return r.rows;
}

beforeAll(async () => {
  services = await createTestServices();
  fr = await member('FR');
  ng = await member('NG');
});
afterAll(() => services.close());

describe('ingestStixObjects', () => {
  it('adds valid objects, rejects invalid ones with a reason, and adds nothing the second time', async () => {
    const objects = [
      buildIndicator({ pattern: "[ipv4-addr:value = '192.0.2.10']" }),
      { type: 'indicator', id: 'indicator--not-a-uuid' },
      buildIndicator({ pattern: "[ipv4-addr:value = '192.0.2.11'" }),
      buildIpv4('192.0.2.12'),
    ];
    const first = await ingestStixObjects(services.ctx, fr.actor, objects, optionsFor(fr));
    expect(first.counts).toEqual({
      added: 2,
      'new-version': 0,
      'older-version': 0,
      duplicate: 0,
      rejected: 2,
    });
    expect(first.results[1]).toMatchObject({ index: 1, locator: 'objects[1]', outcome: 'rejected' });
    expect(first.results[2]?.reason).toMatch(/\$\.pattern: invalid STIX pattern/);
    expect(first.maxPk).toBeGreaterThan(0);
    const second = await ingestStixObjects(services.ctx, fr.actor, objects, optionsFor(fr));
    expect(second.counts).toMatchObject({ added: 0, duplicate: 2, rejected: 2 });
    expect(second.maxPk).toBeNull();
  });

  it('keeps versions by modified: the newest is the latest, older ones are kept aside', async () => {
    const v1 = buildIndicator({ pattern: "[domain-name:value = 'v.example']" });
    const v3 = { ...v1, modified: '2026-11-03T00:00:00.000Z', name: 'third' };
    const v2 = { ...v1, modified: '2026-11-02T00:00:00.000Z', name: 'second' };
    const r = await ingestStixObjects(services.ctx, fr.actor, [v1, v3, v2, v3], optionsFor(fr));
    expect(r.results.map((x) => x.outcome)).toEqual(['added', 'new-version', 'older-version', 'duplicate']);
    const rows = await storedOf(v1.id);
    expect(rows.map((x) => x.is_latest)).toEqual([false, false, true]);
    const v4 = { ...v1, modified: '2026-11-04T00:00:00.000Z' };
    const later = await ingestStixObjects(services.ctx, fr.actor, [v2, v4], optionsFor(fr));
    expect(later.results.map((x) => x.outcome)).toEqual(['duplicate', 'new-version']);
    expect((await storedOf(v1.id)).map((x) => x.is_latest)).toEqual([false, false, false, true]);
  });

  it('resolves one TLP per object: markings, else the default, else the organisation default, else AMBER', async () => {
    const marked = buildIndicator({ tlp: 'green', pattern: "[url:value = 'http://t.example/a']" });
    const unmarked = buildIndicator({ pattern: "[url:value = 'http://t.example/b']" });
    const contradictory = buildIndicator({
      pattern: "[url:value = 'http://t.example/c']",
      object_marking_refs: [TLP2_MARKING_IDS.green, TLP2_MARKING_IDS.red],
    });
    const r = await ingestStixObjects(
      services.ctx,
      fr.actor,
      [marked, unmarked, contradictory],
      optionsFor(fr),
    );
    expect(r.results[2]).toMatchObject({ outcome: 'rejected' });
    expect(r.results[2]?.reason).toMatch(/contradictory TLP/);
    expect((await storedOf(marked.id))[0]?.tlp).toBe('green');
    expect((await storedOf(unmarked.id))[0]?.tlp).toBe('amber');

    const other = await member('JP');
    await services.ctx.db.query("UPDATE organisations SET intel_default_tlp = 'clear' WHERE id = $1", [
      other.org,
    ]);
    const byOrg = buildIndicator({ pattern: "[url:value = 'http://t.example/d']" });
    const byOption = buildIndicator({ pattern: "[url:value = 'http://t.example/e']" });
    await ingestStixObjects(services.ctx, other.actor, [byOrg], optionsFor(other));
    await ingestStixObjects(services.ctx, other.actor, [byOption], optionsFor(other, { defaultTlp: 'red' }));
    expect((await storedOf(byOrg.id))[0]?.tlp).toBe('clear');
    expect((await storedOf(byOption.id))[0]?.tlp).toBe('red');
  });

  it('stores the audience given at ingest, so AMBER reaches exactly the producer and that audience', async () => {
    const jp = await member('JP');
    const amber = buildIndicator({ tlp: 'amber', pattern: "[ipv4-addr:value = '198.51.100.180']" });
    await ingestStixObjects(
      services.ctx,
      fr.actor,
      [amber],
      optionsFor(fr, { audienceOrganisationIds: [ng.org] }),
    );
    expect((await findVisibleObject(services.ctx.db, ng.actor, amber.id))?.tlp).toBe('amber');
    expect(await findVisibleObject(services.ctx.db, jp.actor, amber.id)).toBeUndefined();
    // NG reports the same value under GREEN: NG sees the correlation with FR's AMBER object, JP does not.
    const green = buildIndicator({ tlp: 'green', pattern: "[ipv4-addr:value = '198.51.100.180']" });
    await ingestStixObjects(services.ctx, ng.actor, [green], optionsFor(ng));
    expect((await viewObject(services.ctx, ng.actor, green.id)).correlations.map((c) => c.id)).toEqual([
      amber.id,
    ]);
    expect((await viewObject(services.ctx, jp.actor, green.id)).correlations).toEqual([]);
  });

  it('resolves a custom TLP marking definition from the same batch or from the store', async () => {
    const definition = {
      type: 'marking-definition',
      spec_version: '2.1',
      id: 'marking-definition--3f6a7a9c-1b2c-4d5e-8f90-a1b2c3d4e5f6',
      created: '2026-11-01T00:00:00.000Z',
      name: 'TLP:AMBER+STRICT',
      definition_type: 'statement',
      definition: { statement: 'TLP:AMBER+STRICT' },
    };
    const first = buildIndicator({
      pattern: "[url:value = 'http://m.example/1']",
      object_marking_refs: [definition.id],
    });
    const later = buildIndicator({
      pattern: "[url:value = 'http://m.example/2']",
      object_marking_refs: [definition.id],
    });
    await ingestStixObjects(services.ctx, fr.actor, [definition, first], optionsFor(fr));
    await ingestStixObjects(services.ctx, fr.actor, [later], optionsFor(fr));
    expect((await storedOf(first.id))[0]?.tlp).toBe('amber+strict');
    expect((await storedOf(later.id))[0]?.tlp).toBe('amber+strict');
  });

  it('dedupes on the canonical pattern and the normalised value within a producer, never on names', async () => {
    const a = buildIndicator({
      name: 'one',
      pattern: "[domain-name:value = 'Dedupe.Example.' OR ipv4-addr:value = '198.51.100.7']",
    });
    const b = buildIndicator({
      name: 'two',
      pattern: "[ipv4-addr:value = '198.51.100.7' OR domain-name:value = 'dedupe.example']",
    });
    const sameName = buildIndicator({ name: 'one', pattern: "[domain-name:value = 'other.example']" });
    const ip1 = buildIpv4('198.51.100.7/32');
    const ip2 = buildIpv4('198.51.100.7');
    const r = await ingestStixObjects(services.ctx, fr.actor, [a, b, sameName, ip1, ip2], optionsFor(fr));
    expect(r.results.map((x) => x.outcome)).toEqual(['added', 'duplicate', 'added', 'added', 'duplicate']);
    expect(r.results[1]?.reason).toContain(a.id);
    // Another organisation reporting the same pattern is not a duplicate: it is a correlation.
    const fromNg = buildIndicator({
      pattern: "[ipv4-addr:value = '198.51.100.7' OR domain-name:value = 'dedupe.example']",
    });
    const n = await ingestStixObjects(services.ctx, ng.actor, [fromNg], optionsFor(ng));
    expect(n.counts.added).toBe(1);
    const values = await services.ctx.db.query<{ kind: string; object_count: number }>(
      "SELECT kind, object_count FROM intel_values WHERE value IN ('198.51.100.7', 'dedupe.example') ORDER BY kind",
    );
    expect(values.rows).toEqual([
      { kind: 'domain', object_count: 2 },
      { kind: 'ipv4', object_count: 3 },
    ]);
  });

  it('moves correlation links to the latest version and flags values over the cap', async () => {
    const v1 = buildIndicator({ pattern: "[ipv4-addr:value = '203.0.113.99']" });
    await ingestStixObjects(services.ctx, fr.actor, [v1], optionsFor(fr));
    const v2 = { ...v1, modified: '2026-11-05T00:00:00.000Z', pattern: "[ipv4-addr:value = '203.0.113.98']" };
    await ingestStixObjects(services.ctx, fr.actor, [v2], optionsFor(fr));
    const counts = await services.ctx.db.query<{ value: string; object_count: number }>(
      "SELECT value, object_count FROM intel_values WHERE value LIKE '203.0.113.9%' ORDER BY value",
    );
    expect(counts.rows).toEqual([
      { value: '203.0.113.98', object_count: 1 },
      { value: '203.0.113.99', object_count: 0 },
    ]);
    const many = Array.from({ length: 101 }, (_, i) =>
      buildIndicator({
        pattern: `[ipv4-addr:value = '203.0.113.200' OR url:value = 'http://cap.example/${i}']`,
      }),
    );
    await ingestStixObjects(services.ctx, fr.actor, many, optionsFor(fr));
    const capped = await services.ctx.db.query<{ object_count: number; over_correlating: boolean }>(
      "SELECT object_count, over_correlating FROM intel_values WHERE kind = 'ipv4' AND value = '203.0.113.200'",
    );
    expect(capped.rows[0]).toEqual({ object_count: 101, over_correlating: true });
  });

  it('refuses readers and organisations the actor does not belong to, writing nothing', async () => {
    const reader = await member('KE', 'reader');
    const indicator = buildIndicator({ pattern: "[ipv4-addr:value = '192.0.2.77']" });
    await expect(
      ingestStixObjects(services.ctx, reader.actor, [indicator], optionsFor(reader)),
    ).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(
      ingestStixObjects(services.ctx, fr.actor, [indicator], optionsFor(ng)),
    ).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    expect(await storedOf(indicator.id)).toEqual([]);
  });

  it('stores patterns and values longer than an index entry holds: keys hashed, long values not correlated', async () => {
    const addresses = Array.from({ length: 120 }, (_, i) => `198.51.100.${i}`);
    const long = `[${addresses.map((a) => `ipv4-addr:value = '${a}'`).join(' OR ')}]`;
    const url = `http://long.example/${'a'.repeat(3000)}`;
    const first = buildIndicator({ pattern: long });
    const urlIndicator = buildIndicator({ pattern: `[url:value = '${url}']` });
    const result = await ingestStixObjects(services.ctx, fr.actor, [first, urlIndicator], optionsFor(fr));
    expect(result.counts.added).toBe(2);
    // The same long pattern under another id is still found as a duplicate (on its hashed key).
    const again = await ingestStixObjects(
      services.ctx,
      fr.actor,
      [buildIndicator({ pattern: long })],
      optionsFor(fr),
    );
    expect(again.results[0]?.outcome).toBe('duplicate');
    expect(again.results[0]?.reason).toContain(first.id);
    const linked = await services.ctx.db.query<{ kind: string; n: number }>(
      `SELECT v.kind, count(*)::int AS n FROM intel_object_values l JOIN intel_values v ON v.id = l.value_id
         JOIN intel_objects o ON o.pk = l.object_pk WHERE o.stix_id = ANY($1) GROUP BY v.kind`,
      [[first.id, urlIndicator.id]],
    );
    expect(linked.rows).toEqual([{ kind: 'ipv4', n: 120 }]);
  });

  it('refuses a batch whose author is not a user, writing nothing', async () => {
    const ok = buildIndicator({ pattern: "[ipv4-addr:value = '192.0.2.87']" });
    const bad = optionsFor(fr, { authorUserId: '00000000-0000-4000-8000-000000000000' });
    await expect(ingestStixObjects(services.ctx, fr.actor, [ok], bad)).rejects.toMatchObject({
      code: 'PLATFORM_UNKNOWN_USER',
    });
    expect(await storedOf(ok.id)).toEqual([]);
  });

  it('rolls the whole batch back on a database error after the objects were written', async () => {
    const ok = buildIndicator({ pattern: "[ipv4-addr:value = '192.0.2.88']" });
    const doomed = buildIndicator({ pattern: "[ipv4-addr:value = '192.0.2.89']" });
    // The value links are written after the objects: fail there, so the objects' COPY must be undone.
    await services.ctx.db.query(`CREATE FUNCTION test_fail_value() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'simulated failure'; END $$`);
    await services.ctx.db.query(`CREATE TRIGGER test_fail_value BEFORE INSERT ON intel_values FOR EACH ROW
      WHEN (NEW.value = '192.0.2.89') EXECUTE FUNCTION test_fail_value()`);
    try {
      await expect(ingestStixObjects(services.ctx, fr.actor, [ok, doomed], optionsFor(fr))).rejects.toThrow(
        'simulated failure',
      );
    } finally {
      await services.ctx.db.query('DROP TRIGGER test_fail_value ON intel_values');
    }
    expect(await storedOf(ok.id)).toEqual([]);
    expect(await storedOf(doomed.id)).toEqual([]);
  });

  it('counts a new value once per object when two batches intern it concurrently', async () => {
    const mine = buildIndicator({ pattern: "[ipv4-addr:value = '192.0.2.92']" });
    const theirs = buildIndicator({ pattern: "[ipv4-addr:value = '192.0.2.92']" });
    const first = await services.ctx.db.connect();
    const second = await services.ctx.db.connect();
    try {
      await first.query('BEGIN');
      await second.query('BEGIN');
      await ingestStixObjectsIn(first, services.ctx, fr.actor, [mine], optionsFor(fr));
      // The second batch's value COPY waits on the first's uncommitted value, then meets its key.
      const racing = ingestStixObjectsIn(second, services.ctx, ng.actor, [theirs], optionsFor(ng));
      await new Promise((resolve) => setTimeout(resolve, 200));
      await first.query('COMMIT');
      expect((await racing).counts.added).toBe(1);
      await second.query('COMMIT');
    } finally {
      first.release();
      second.release();
    }
    const value = await services.ctx.db.query<{ object_count: number; links: number }>(
      `SELECT v.object_count, (SELECT count(*)::int FROM intel_object_values l WHERE l.value_id = v.id) AS links
         FROM intel_values v WHERE v.kind = 'ipv4' AND v.value = '192.0.2.92'`,
    );
    expect(value.rows).toEqual([{ object_count: 2, links: 2 }]);
  });

  it('stores an id once when two batches write it concurrently (the COPY falls back)', async () => {
    const shared = buildIndicator({ pattern: "[ipv4-addr:value = '192.0.2.90']" });
    const other = buildIndicator({ pattern: "[ipv4-addr:value = '192.0.2.91']" });
    const first = await services.ctx.db.connect();
    const second = await services.ctx.db.connect();
    try {
      await first.query('BEGIN');
      await second.query('BEGIN');
      await ingestStixObjectsIn(first, services.ctx, fr.actor, [shared], optionsFor(fr));
      // The second batch's COPY waits on the first's uncommitted row, then meets its unique key.
      const racing = ingestStixObjectsIn(second, services.ctx, fr.actor, [shared, other], optionsFor(fr));
      await new Promise((resolve) => setTimeout(resolve, 200));
      await first.query('COMMIT');
      const result = await racing;
      await second.query('COMMIT');
      expect(result.results.map((r) => r.outcome)).toEqual(['duplicate', 'added']);
    } finally {
      first.release();
      second.release();
    }
    expect(await storedOf(shared.id)).toHaveLength(1);
    expect(await storedOf(other.id)).toHaveLength(1);
  });

  it('signals the largest pk written on commit, and audits one entry per batch', async () => {
    const listener = new pg.Client({ connectionString: services.ctx.config.databaseUrl ?? '' });
    await listener.connect();
    const payloads: string[] = [];
    listener.on('notification', (n) => payloads.push(n.payload ?? ''));
    await listener.query('LISTEN accord_intel_written');
    const before = await services.ctx.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM audit_log WHERE action = 'intel.ingest'",
    );
    const objects = [1, 2, 3].map((i) =>
      buildIndicator({ pattern: `[ipv4-addr:value = '192.0.2.${100 + i}']` }),
    );
    const r = await ingestStixObjects(
      services.ctx,
      fr.actor,
      objects,
      optionsFor(fr, { source: { kind: 'file', ref: 'x' } }),
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
    await listener.end();
    expect(payloads).toEqual([String(r.maxPk)]);
    const after = await services.ctx.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM audit_log WHERE action = 'intel.ingest'",
    );
    expect(after.rows[0]!.n - before.rows[0]!.n).toBe(1);
  });
});
