// `accord demo` gives TAXII a labelled collection with rights (ngCERT owns, CERT-FR writes, KE-CIRT/CC
// reads, AMBER by default) holding three [Demo] indicators, and a disabled [Demo] feed; loading the
// demo again adds nothing twice.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Services } from '../../src/platform/services.ts';
import { runDemo } from '../../src/platform/cli/demo.ts';
import { createTestServices } from '../support/services.ts';

let services: Services;
beforeAll(async () => {
  services = await createTestServices();
});
afterAll(() => services.close());

describe('TAXII demo', () => {
  it('loads a labelled collection with rights and objects, and a disabled labelled feed, once', async () => {
    const first = await runDemo(services);
    expect(first.summary).toMatch(/TAXII: collection "\[Demo\] West Africa botnet takedown"/);
    await runDemo(services);
    const c = await services.ctx.db.query<{
      id: string;
      readers: number;
      writers: number;
      default_tlp: string;
    }>(
      `SELECT id, cardinality(reader_organisation_ids) AS readers, cardinality(writer_organisation_ids) AS writers, default_tlp
         FROM taxii_collections WHERE title = '[Demo] West Africa botnet takedown'`,
    );
    expect(c.rows).toHaveLength(1);
    expect(c.rows[0]).toMatchObject({ readers: 2, writers: 1, default_tlp: 'amber' });
    const members = await services.ctx.db.query<{ name: string; tlp: string }>(
      `SELECT o.name, o.tlp FROM taxii_collection_objects m JOIN intel_objects o ON o.pk = m.object_pk
        WHERE m.collection_id = $1 ORDER BY o.name`,
      [c.rows[0]!.id],
    );
    expect(members.rows).toHaveLength(3);
    expect(members.rows.every((r) => r.name.startsWith('[Demo]') && r.tlp === 'amber')).toBe(true);
    const feeds = await services.ctx.db.query<{ name: string; enabled: boolean }>(
      "SELECT name, enabled FROM taxii_feeds WHERE name LIKE '[Demo]%'",
    );
    expect(feeds.rows).toEqual([
      { name: '[Demo] Coordination centre C2 feed (disabled example)', enabled: false },
    ]);
  });
});
