// `accord demo` gives the global snapshot something to show: [Demo] indicators from several demo CIRTs
// correlated across countries, sightings over weeks with a rising threat, a France-only AMBER lead
// that other countries do not see; a second load adds nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Services } from '../../src/platform/services.ts';
import { runDemo } from '../../src/platform/cli/demo.ts';
import { buildSnapshot, snapshotQuery } from '../../src/intel/snapshot.ts';
import { actorOf } from '../../src/platform/identity/present.ts';
import { findMemberships, findUserById } from '../../src/platform/identity/store.ts';
import { createTestServices } from '../support/services.ts';

let services: Services;
beforeAll(async () => {
  services = await createTestServices();
});
afterAll(() => services.close());

async function actorIn(organisation: string) {
  const r = await services.ctx.db.query<{ user_id: string }>(
    `SELECT m.user_id FROM memberships m JOIN organisations o ON o.id = m.organisation_id WHERE o.name = $1 LIMIT 1`,
    [organisation],
  );
  const user = await findUserById(services.ctx.db, r.rows[0]!.user_id);
  return actorOf(user!, await findMemberships(services.ctx.db, user!.id), 'cli');
}

describe('snapshot demo', () => {
  it('loads a cross-country threat picture once, with TLP kept', async () => {
    const report = await runDemo(services);
    expect(report.summary).toMatch(/Snapshot: \d+ \[Demo\] indicators/);
    const query = snapshotQuery.parse({});
    const asKenya = await buildSnapshot(services.ctx, await actorIn('[Demo] KE-CIRT/CC'), query);
    const c2 = asKenya.sharedValues.find((v) => v.value === '203.0.113.7');
    expect(c2?.countries.length).toBeGreaterThanOrEqual(5);
    expect(asKenya.rising.map((r) => r.value)).toContain('203.0.113.140');
    expect(asKenya.countries.length).toBeGreaterThanOrEqual(5);
    const leadFor = async (org: string) =>
      (
        await buildSnapshot(services.ctx, await actorIn(org), snapshotQuery.parse({ minCountries: '1' }))
      ).sharedValues.some((v) => v.value === '198.51.100.61');
    expect(await leadFor('[Demo] CERT-FR')).toBe(true);
    expect(await leadFor('[Demo] KE-CIRT/CC')).toBe(false);
    const objects = await services.ctx.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM intel_objects',
    );
    const again = await runDemo(services);
    expect(again.summary).toMatch(/Snapshot: the \[Demo\] threat picture is already there/);
    const after = await services.ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM intel_objects');
    expect(after.rows[0]?.n).toBe(objects.rows[0]?.n);
  });
});
