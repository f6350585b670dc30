// Opens Accord's database: the external server named by DATABASE_URL or the embedded one.
import type { Config } from '../config.ts';
import { startEmbeddedPostgres } from './embedded.ts';
import { createPool, withDatabase, type Db } from './pool.ts';

export type Database = { db: Db; url: string; kind: 'embedded' | 'external'; close: () => Promise<void> };

const EMBEDDED_DB_NAME = 'accord';

export async function openDatabase(config: Config, log: (m: string) => void): Promise<Database> {
  if (config.databaseUrl) {
    const db = createPool(config.databaseUrl);
    return { db, url: config.databaseUrl, kind: 'external', close: () => db.end() };
  }
  const server = await startEmbeddedPostgres(config.dataDir, log);
  await ensureDatabase(server.url, EMBEDDED_DB_NAME);
  const url = withDatabase(server.url, EMBEDDED_DB_NAME);
  const db = createPool(url);
  return {
    db,
    url,
    kind: 'embedded',
    close: async () => {
      await db.end();
      await server.stop();
    },
  };
}

export async function ensureDatabase(serverUrl: string, name: string): Promise<void> {
  const admin = createPool(serverUrl, 1);
  try {
    const found = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount === 0) {
      await admin.query(`CREATE DATABASE "${name}"`).catch((error: { code?: string }) => {
        if (error.code !== '42P04') {
          throw error; // 42P04: created concurrently by another process, which is fine
        }
      });
    }
  } finally {
    await admin.end();
  }
}
