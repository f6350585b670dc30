// A throw-away migrated database for a benchmark: DATABASE_URL's server, or a fresh embedded one.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedPostgres } from '../../src/platform/db/embedded.ts';
import { ensureDatabase } from '../../src/platform/db/database.ts';
import { withDatabase, type Db } from '../../src/platform/db/pool.ts';
import { loadConfig } from '../../src/platform/config.ts';
import { createServices, type Services } from '../../src/platform/services.ts';
import { insertMembership, insertOrganisation, insertUser } from '../../src/platform/identity/store.ts';
import type { Actor } from '../../src/platform/access/policy.ts';

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

/** CPU ticks (1/100 s) of each PostgreSQL process serving `db`, from /proc; empty if it cannot tell. */
export async function postgresCpuTicks(db: Db): Promise<Map<number, number>> {
  const ticks = new Map<number, number>();
  try {
    const r = await db.query<{ pid: number }>('SELECT pid FROM pg_stat_activity');
    const pids = new Set(r.rows.map((row) => row.pid));
    const first = [...pids][0];
    if (first !== undefined) {
      pids.add(Number(statFields(first)[1])); // the postmaster: parent of every server process
    }
    for (const pid of pids) {
      const f = statFields(pid);
      ticks.set(pid, Number(f[11]) + Number(f[12]));
    }
  } catch {
    // A remote or foreign server: /proc cannot tell.
  }
  return ticks;
}

/**
 * CPU seconds PostgreSQL spent since `before` (its backends, new ones included, and the server's own
 * processes: WAL writer, checkpointer…); undefined where /proc cannot tell. Beside Node's own CPU it
 * shows which side of a benchmark does the work.
 */
export async function postgresCpuSince(db: Db, before: Map<number, number>): Promise<number | undefined> {
  const after = await postgresCpuTicks(db);
  if (after.size === 0) {
    return undefined;
  }
  let ticks = 0;
  for (const [pid, t] of after) {
    ticks += t - (before.get(pid) ?? 0);
  }
  return ticks / 100;
}

/** The fields of /proc/PID/stat after the command name (state, ppid, …, utime at 11, stime at 12). */
function statFields(pid: number): string[] {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
}

/** A CIRT organisation of `country` with one analyst, acting from the CLI. */
export async function benchMember(
  db: Db,
  country: string,
  email: string,
): Promise<{ org: string; actor: Actor }> {
  const org = await insertOrganisation(db, {
    name: `Bench ${country}`,
    country,
    kind: 'cirt',
    mfaRequired: false,
  });
  const userId = await insertUser(db, {
    email,
    displayName: 'Bench',
    languages: [],
    isAdmin: false,
    passwordHash: 'x',
    mustChangePassword: false,
  });
  await insertMembership(db, userId, org.id, 'analyst');
  return {
    org: org.id,
    actor: {
      userId,
      isAdmin: false,
      via: 'cli',
      memberships: [{ organisationId: org.id, role: 'analyst', country }],
    },
  };
}
