// `accord demo` imports its STIX bundle, MISP event and CSV blocklist through real import jobs, from
// CIRTs of three countries, so shared values correlate across countries; running it again adds nothing.
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../cli.ts';
import { bufferIO } from '../../platform/cli/io.ts';
import { createPool } from '../../platform/db/pool.ts';
import { createTestDatabase } from '../../../test/support/services.ts';

let url: string;

beforeAll(async () => {
  url = await createTestDatabase();
  process.env.DATABASE_URL = url;
  delete process.env.ACCORD_ADMIN_PASSWORD;
});

describe('demo imports', () => {
  it('imports the three demo files, correlating values across countries, once', async () => {
    const io = bufferIO();
    expect(await runCli(['demo'], io)).toBe(0);
    expect(io.out.join('\n')).toMatch(
      /Import of ngcert-mirage-bundle\.json by \[Demo\] ngCERT \(stix\): 9 added, 0 rejected/,
    );
    const db = createPool(url, 1);
    try {
      const imports = await db.query<{ file_name: string; added: number; rejected: number; status: string }>(
        `SELECT i.file_name, i.added::int, i.rejected::int, j.status FROM intel_imports i JOIN jobs j ON j.id = i.job_id ORDER BY i.file_name`,
      );
      expect(imports.rows.map((r) => [r.file_name, r.status])).toEqual([
        ['jpcert-mirage-misp-event.json', 'succeeded'],
        ['kecirt-c2-blocklist.csv', 'succeeded'],
        ['ngcert-mirage-bundle.json', 'succeeded'],
      ]);
      expect(imports.rows.every((r) => r.rejected === 0 && r.added > 0)).toBe(true);
      const shared = await db.query<{ countries: string[] }>(
        `SELECT array_agg(DISTINCT p.country ORDER BY p.country) AS countries FROM intel_values v
           JOIN intel_object_values ov ON ov.value_id = v.id JOIN intel_objects o ON o.pk = ov.object_pk
           JOIN organisations p ON p.id = o.producer_organisation_id
          WHERE v.kind = 'ipv4' AND v.value = '198.51.100.77'`,
      );
      expect(shared.rows[0]?.countries).toEqual(expect.arrayContaining(['JP', 'KE', 'NG']));
      const amber = await db.query<{ tlp: string }>(
        "SELECT tlp FROM intel_objects WHERE raw LIKE '%192.0.2.145%' AND type = 'indicator'",
      );
      expect(amber.rows[0]?.tlp).toBe('amber');
      const before = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM intel_objects');
      expect(await runCli(['demo'], bufferIO())).toBe(0);
      const after = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM intel_objects');
      expect(after.rows[0]?.n).toBe(before.rows[0]?.n);
    } finally {
      await db.end();
    }
  }, 120_000);
});
