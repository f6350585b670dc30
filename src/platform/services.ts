// The one services factory: the server and the CLI build the same object, so anything the API can
// do, a test or the CLI can do without a port.
import { loadConfig, type Config } from './config.ts';
import type { Ctx } from './context.ts';
import { openDatabase } from './db/database.ts';
import { migrate } from './db/migrate.ts';
import type { JobHandlers } from './jobs/runner.ts';
import { intelJobHandlers } from '../intel/job-handlers.ts';
import type { MatcherService, MatcherServiceOptions } from '../intel/matcher/matcher-service.ts';

export type Services = {
  ctx: Ctx;
  /** Handlers for every kind of job, contributed by the capabilities; `serve` runs them. */
  jobHandlers: JobHandlers;
  /** The store-fed matcher, loaded on first use (options apply to that first call) and closed with the services. */
  matcher: (options?: MatcherServiceOptions) => Promise<MatcherService>;
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
  let matcher: Promise<MatcherService> | undefined;
  return {
    ctx,
    jobHandlers: { ...intelJobHandlers(ctx) },
    matcher: (matcherOptions) =>
      (matcher ??= import('../intel/matcher/matcher-service.ts').then((m) =>
        m.startMatcherService(ctx, { log, ...matcherOptions }),
      )),
    close: async () => {
      await matcher?.then((m) => m.close()).catch(() => {});
      await database.close();
    },
  };
}
