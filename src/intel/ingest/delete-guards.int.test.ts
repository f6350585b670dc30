// The store has no foreign keys on its hot tables (see migration ingest_fast_write); delete triggers
// keep what the keys guaranteed. Nothing in Accord deletes these rows today: this checks that a
// hand-written DELETE still cannot leave dangling references or wrong counts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Services } from '../../platform/services.ts';
import type { Actor } from '../../platform/access/policy.ts';
import { createTestServices } from '../../../test/support/services.ts';
import { buildOrganisation, buildUser } from '../../../test/support/factories.ts';
import { buildIndicator } from '../../../test/support/stix.ts';
import { ingestStixObjects } from './ingest-batch.ts';

let services: Services;
let org: string;
let user: string;
let actor: Actor;

beforeAll(async () => {
  services = await createTestServices();
  org = (await buildOrganisation(services, { country: 'FR' })).id;
  user = (await buildUser(services, { organisationId: org, role: 'analyst' })).id;
  actor = {
    userId: user,
    isAdmin: false,
    via: 'session',
    memberships: [{ organisationId: org, role: 'analyst', country: 'FR' }],
  };
});
afterAll(() => services.close());

const ingest = (pattern: string) =>
  ingestStixObjects(services.ctx, actor, [buildIndicator({ pattern })], {
    producerOrganisationId: org,
    authorUserId: user,
    source: { kind: 'api' },
  });

describe('delete guards of the intel store', () => {
  it('refuses to delete an organisation that produced objects', async () => {
    await ingest("[ipv4-addr:value = '203.0.113.50']");
    await expect(
      services.ctx.db.query('DELETE FROM organisations WHERE id = $1', [org]),
    ).rejects.toMatchObject({
      code: '23503',
    });
  });

  it('refuses to delete a value still linked to an object', async () => {
    await expect(
      services.ctx.db.query("DELETE FROM intel_values WHERE kind = 'ipv4' AND value = '203.0.113.50'"),
    ).rejects.toMatchObject({ code: '23503' });
  });

  it('takes links away and lowers counts when objects are deleted', async () => {
    const result = await ingest("[ipv4-addr:value = '203.0.113.51']");
    const id = result.results[0]?.id as string;
    await services.ctx.db.query('DELETE FROM intel_objects WHERE stix_id = $1', [id]);
    const r = await services.ctx.db.query<{ object_count: number; links: number }>(
      `SELECT object_count, (SELECT count(*)::int FROM intel_object_values l WHERE l.value_id = v.id) AS links
         FROM intel_values v WHERE kind = 'ipv4' AND value = '203.0.113.51'`,
    );
    expect(r.rows).toEqual([{ object_count: 0, links: 0 }]);
  });

  it("keeps a deleted user's objects, without an author", async () => {
    const other = (await buildUser(services, { organisationId: org, role: 'analyst' })).id;
    const written = await ingestStixObjects(
      services.ctx,
      actor,
      [buildIndicator({ pattern: "[ipv4-addr:value = '203.0.113.52']" })],
      { producerOrganisationId: org, authorUserId: other, source: { kind: 'api' } },
    );
    await services.ctx.db.query('DELETE FROM users WHERE id = $1', [other]);
    const r = await services.ctx.db.query<{ author_user_id: string | null }>(
      'SELECT author_user_id FROM intel_objects WHERE stix_id = $1',
      [written.results[0]?.id],
    );
    expect(r.rows).toEqual([{ author_user_id: null }]);
  });
});
