// Applies the plain-SQL migrations in migrations/ in name order, each in its own transaction,
// recorded in schema_migrations. An advisory lock makes concurrent starts apply each one once.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Db } from './pool.ts';

export const MIGRATIONS_DIR = resolve(import.meta.dirname, '../../../migrations');
const LOCK_KEY = 7_401_220_26; // any constant unique to Accord's migrator

export type MigrationReport = { applied: string[]; alreadyApplied: number };

export function listMigrations(dir = MIGRATIONS_DIR): string[] {
  return readdirSync(dir)
    .filter((name) => /^\d{8}T\d{4}_[a-z0-9_]+\.sql$/.test(name))
    .sort();
}

export async function migrate(db: Db, dir = MIGRATIONS_DIR): Promise<MigrationReport> {
  const client = await db.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [LOCK_KEY]);
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`);
    const done = new Set(
      (await client.query<{ name: string }>('SELECT name FROM schema_migrations')).rows.map((r) => r.name),
    );
    const applied: string[] = [];
    for (const name of listMigrations(dir)) {
      if (done.has(name)) {
        continue;
      }
      const sql = readFileSync(join(dir, name), 'utf8');
      try {
        await client.query('BEGIN');
        await client.query(sql);
        await client.query('INSERT INTO schema_migrations (name) VALUES ($1)', [name]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw new Error(
          `migration ${name} failed: ${error instanceof Error ? error.message : String(error)}`,
          { cause: error },
        );
      }
      applied.push(name);
    }
    return { applied, alreadyApplied: done.size };
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [LOCK_KEY]).catch(() => {});
    client.release();
  }
}
