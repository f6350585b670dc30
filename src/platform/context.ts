// What every service needs: the database, the clock (injected so tests control time) and configuration.
import type { Config } from './config.ts';
import type { Db } from './db/pool.ts';

export type Ctx = { db: Db; now: () => Date; config: Config; databaseKind: 'embedded' | 'external' };

/** Who asked and from where; carried into the audit log. */
export type RequestMeta = {
  requestId?: string | undefined;
  ip?: string | undefined;
  userAgent?: string | undefined;
};
