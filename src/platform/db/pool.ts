// The connection pool and the one way to run a transaction.
import pg from 'pg';

export type Db = pg.Pool;
export type Tx = pg.PoolClient;
export type Queryable = Pick<pg.Pool, 'query'>;

// Timestamps and bigints come back as strings we control, never as JS Dates in local time.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));
pg.types.setTypeParser(pg.types.builtins.TIMESTAMPTZ, (value) => new Date(value).toISOString());

export function createPool(url: string, max = 10): Db {
  const pool = new pg.Pool({ connectionString: url, max, application_name: 'accord' });
  pool.on('error', () => {
    // An idle client lost its connection; the pool replaces it. Queries report their own errors.
  });
  return pool;
}

/** Runs `work` in a transaction: committed if it returns, rolled back if it throws. */
export async function inTransaction<T>(db: Db, work: (tx: Tx) => Promise<T>): Promise<T> {
  const client = await db.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/**
 * Whether a write failed on another transaction's rows: a unique violation (it stored the same key
 * first) or a deadlock (two batches writing the same keys in different orders). A bulk writer (the
 * import's COPY) undoes its write to a savepoint and writes with INSERT … ON CONFLICT, which settles both.
 */
export function isConcurrentWriteConflict(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return code === '23505' || code === '40P01';
}

/**
 * Runs a bulk write under a savepoint; if it fails on another transaction's rows
 * (isConcurrentWriteConflict), undoes it to the savepoint and returns what `fallback` (a write that
 * settles the conflict, such as INSERT … ON CONFLICT) returns instead. Other errors are thrown.
 */
export async function writeOrOnConflict<T>(
  tx: Tx,
  write: () => Promise<T>,
  fallback: () => Promise<T>,
): Promise<T> {
  await tx.query('SAVEPOINT accord_bulk_write');
  let result: T;
  try {
    result = await write();
  } catch (error) {
    if (!isConcurrentWriteConflict(error)) {
      throw error;
    }
    await tx.query('ROLLBACK TO SAVEPOINT accord_bulk_write');
    return fallback();
  }
  await tx.query('RELEASE SAVEPOINT accord_bulk_write');
  return result;
}
