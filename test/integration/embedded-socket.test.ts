// The embedded server is reached over its Unix-domain socket (cheaper than loopback TCP for imports).
import { describe, expect, inject, it } from 'vitest';
import { createPool } from '../../src/platform/db/pool.ts';

describe('embedded PostgreSQL connection', () => {
  it.skipIf(process.env.DATABASE_URL !== undefined)('goes through the Unix-domain socket', async () => {
    const pool = createPool(inject('serverUrl'), 1);
    try {
      const r = await pool.query<{ client_addr: string | null; local: boolean }>(
        `SELECT client_addr, client_port = -1 AS local FROM pg_stat_activity WHERE pid = pg_backend_pid()`,
      );
      // A Unix-domain connection has no client address and reports port -1.
      expect(r.rows[0]).toEqual({ client_addr: null, local: true });
    } finally {
      await pool.end();
    }
  });
});
