// One PostgreSQL server per test run: the embedded one, or the server in DATABASE_URL (CI runs both).
// A template database is migrated once; each test file clones its own database from it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres, type EmbeddedServer } from '../../src/platform/db/embedded.ts';
import { createPool, withDatabase } from '../../src/platform/db/pool.ts';
import { migrate } from '../../src/platform/db/migrate.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    serverUrl: string;
    templateDb: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  let embedded: EmbeddedServer | undefined;
  let dataDir: string | undefined;
  let serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    dataDir = mkdtempSync(join(tmpdir(), 'accord-test-'));
    embedded = await startEmbeddedPostgres(dataDir, () => {});
    serverUrl = embedded.url;
  }
  const templateDb = `accord_template_${process.pid}`;
  const admin = createPool(serverUrl, 1);
  await admin.query(`DROP DATABASE IF EXISTS ${templateDb}`);
  await admin.query(`CREATE DATABASE ${templateDb}`);
  const template = createPool(withDatabase(serverUrl, templateDb), 1);
  await migrate(template);
  await template.end();
  project.provide('serverUrl', serverUrl);
  project.provide('templateDb', templateDb);

  return async () => {
    const clones = await admin.query<{ datname: string }>(
      'SELECT datname FROM pg_database WHERE datname LIKE $1',
      [`accord_t${process.pid}_%`],
    );
    for (const { datname } of clones.rows) {
      await admin.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
    }
    await admin.query(`DROP DATABASE IF EXISTS ${templateDb} WITH (FORCE)`);
    await admin.end();
    await embedded?.stop();
    if (dataDir) {
      rmSync(dataDir, { recursive: true, force: true });
    }
  };
}
