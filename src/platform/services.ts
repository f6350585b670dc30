// The one services factory: the server and the CLI build the same object, so anything the API can
// do, a test or the CLI can do without a port.
import { loadConfig, type Config } from './config.ts';
import type { Ctx } from './context.ts';
import { openDatabase } from './db/database.ts';
import { migrate } from './db/migrate.ts';
import type { JobHandlers } from './jobs/runner.ts';
import { intelJobHandlers } from '../intel/job-handlers.ts';

export type Services = {
  ctx: Ctx;
  /** Handlers for every kind of job, contributed by the capabilities; `serve` runs them. */
  jobHandlers: JobHandlers;
  close: () => Promise<void>;
};

export type ServiceOptions = {
  config?: Config;
  now?: () => Date;
  log?: (message: string) => void;
  /** Apply pending migrations at start (default true; `accord db migrate` does it explicitly). */
  migrate?: boolean;
};

export async function createServices(options: ServiceOptions = {}): Promise<Services> {
  const config = options.config ?? loadConfig();
  const log = options.log ?? (() => {});
  const database = await openDatabase(config, log);
  try {
    if (options.migrate !== false) {
      const report = await migrate(database.db);
      if (report.applied.length > 0) {
        log(`applied ${report.applied.length} migration(s)`);
      }
    }
  } catch (error) {
    await database.close();
    throw error;
  }
  const ctx: Ctx = {
    db: database.db,
    now: options.now ?? (() => new Date()),
    config,
    databaseKind: database.kind,
  };
  return { ctx, jobHandlers: { ...intelJobHandlers(ctx) }, close: database.close };
}
