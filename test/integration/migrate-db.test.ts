// Migrations: applied once even when several Accord processes start at the same moment.
import { describe, expect, it } from 'vitest';
import { createPool } from '../../src/platform/db/pool.ts';
import { listMigrations, migrate } from '../../src/platform/db/migrate.ts';
import { createTestDatabase } from '../support/services.ts';
import { inject } from 'vitest';

describe('migrate', () => {
  it('applies every migration exactly once under concurrent starts', async () => {
    const serverUrl = inject('serverUrl');
    const url = new URL(serverUrl);
    const name = `accord_t${inject('templateDb').split('_').at(-1)}_empty_${Date.now()}`;
    const admin = createPool(serverUrl, 1);
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    url.pathname = `/${name}`;
    const pools = [
      createPool(url.toString(), 2),
      createPool(url.toString(), 2),
      createPool(url.toString(), 2),
    ];
    try {
      const reports = await Promise.all(pools.map((p) => migrate(p)));
      const applied = reports.flatMap((r) => r.applied);
      expect(applied.sort()).toEqual(listMigrations());
      const rows = await pools[0]!.query('SELECT name FROM schema_migrations');
      expect(rows.rowCount).toBe(listMigrations().length);
      expect((await migrate(pools[0]!)).applied).toEqual([]);
    } finally {
      await Promise.all(pools.map((p) => p.end()));
    }
  });

  it('gives each test file an already-migrated database', async () => {
    const pool = createPool(await createTestDatabase(), 1);
    try {
      const rows = await pool.query('SELECT count(*)::int AS n FROM schema_migrations');
      expect(rows.rows[0]).toEqual({ n: listMigrations().length });
    } finally {
      await pool.end();
    }
  });
});
