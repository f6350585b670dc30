// A throw-away migrated database for a benchmark: DATABASE_URL's server, or a fresh embedded one.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedPostgres } from '../../src/platform/db/embedded.ts';
import { ensureDatabase } from '../../src/platform/db/database.ts';
import { withDatabase } from '../../src/platform/db/pool.ts';
import { loadConfig } from '../../src/platform/config.ts';
import { createServices, type Services } from '../../src/platform/services.ts';

export async function benchServices(): Promise<{ services: Services; cleanup: () => Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'accord-bench-'));
  const external = process.env.DATABASE_URL;
  const server = external ? undefined : await startEmbeddedPostgres(dir, () => {});
  const serverUrl = external ?? server!.url;
  const name = `accord_bench_${process.pid}`;
  await ensureDatabase(serverUrl, name);
  const services = await createServices({
    config: { ...loadConfig({}), databaseUrl: withDatabase(serverUrl, name) },
  });
  return {
    services,
    cleanup: async () => {
      await services.close();
      const { createPool } = await import('../../src/platform/db/pool.ts');
      const admin = createPool(serverUrl, 1);
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
      await server?.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function formatRate(n: number): string {
  return n >= 1e6 ? `${(n / 1e6).toFixed(2)} M` : n >= 1e3 ? `${(n / 1e3).toFixed(1)} k` : n.toFixed(0);
}
