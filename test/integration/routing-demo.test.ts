// `accord demo` routes the labelled synthetic botnet feed through a real routing run: the demo CIRTs
// get notifications in their inboxes (one acknowledged), special-purpose values are dropped, and a
// second load leaves the run as it was.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Services } from '../../src/platform/services.ts';
import { runDemo } from '../../src/platform/cli/demo.ts';
import { DEMO_RUN_NAME } from '../../src/intel/routing/demo-feed.ts';
import { DEMO_IMPORT_RUN_NAME } from '../../src/intel/routing/demo-routing.ts';
import { createTestServices } from '../support/services.ts';

let services: Services;
beforeAll(async () => {
  services = await createTestServices();
});
afterAll(() => services.close());

describe('routing demo', () => {
  it('fills the demo CIRT inboxes from the synthetic feed, one notification acknowledged', async () => {
    const report = await runDemo(services);
    expect(report.summary).toMatch(/Routing: "\[Demo\] Botnet feed/);
    const runs = await services.ctx.db.query<{ id: string; counts: Record<string, number> }>(
      'SELECT id, counts FROM routing_runs WHERE name = $1',
      [DEMO_RUN_NAME],
    );
    expect(runs.rows).toHaveLength(1);
    expect(runs.rows[0]?.counts).toMatchObject({
      values: 18,
      routed: 16,
      notRouted: 2,
      withoutTeam: 1,
      notifications: 6,
    });
    const notes = await services.ctx.db.query<{
      name: string;
      item_count: number;
      acknowledged: boolean;
      tlp: string;
    }>(
      `SELECT c.official_name AS name, n.item_count, n.acknowledged_at IS NOT NULL AS acknowledged, n.tlp
         FROM notifications n JOIN cirts c ON c.id = n.cirt_id WHERE n.run_id = $1 ORDER BY c.official_name`,
      [runs.rows[0]?.id],
    );
    expect(notes.rows.map((n) => [n.name, n.item_count, n.acknowledged])).toEqual([
      ['[Demo] CERT-FR', 3, true],
      ['[Demo] CERT.br', 2, false],
      ['[Demo] ID-SIRTII/CC', 2, false],
      ['[Demo] JPCERT/CC', 2, false],
      ['[Demo] KE-CIRT/CC', 2, false],
      ['[Demo] ngCERT', 4, false],
    ]);
    expect(new Set(notes.rows.map((n) => n.tlp))).toEqual(new Set(['amber']));
    // One team gets a PGP key made at demo time (fingerprint listed), one requires encryption without one.
    const pgp = await services.ctx.db.query<{
      name: string;
      key: boolean;
      required: boolean;
      listed: number;
    }>(
      `SELECT official_name AS name, pgp_public_key IS NOT NULL AS key, require_encryption AS required,
              jsonb_array_length(pgp_keys) AS listed
         FROM cirts WHERE pgp_public_key IS NOT NULL OR require_encryption ORDER BY official_name`,
    );
    expect(pgp.rows).toEqual([
      { name: '[Demo] ID-SIRTII/CC', key: false, required: true, listed: 0 },
      { name: '[Demo] KE-CIRT/CC', key: true, required: false, listed: 1 },
    ]);

    await runDemo(services);
    const again = await services.ctx.db.query('SELECT 1 FROM routing_runs WHERE name = $1', [DEMO_RUN_NAME]);
    expect(again.rows).toHaveLength(1);
  });

  it("routes KE-CIRT/CC's imported blocklist as an import, once: three teams notified, documentation addresses dropped", async () => {
    const runs = await services.ctx.db.query<{ source_kind: string; source_ref: string; counts: object }>(
      'SELECT source_kind, source_ref, counts FROM routing_runs WHERE name = $1',
      [DEMO_IMPORT_RUN_NAME],
    );
    expect(runs.rows).toHaveLength(1);
    expect(runs.rows[0]).toMatchObject({
      source_kind: 'import',
      source_ref: 'kecirt-c2-blocklist.csv',
      counts: { values: 8, routed: 4, notRouted: 4, notifications: 3 },
    });
  });
});
