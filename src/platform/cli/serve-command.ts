// `accord serve` (what `npm start` runs) and `accord db migrate`.
import type { Command } from 'commander';
import { loadConfig } from '../config.ts';
import { initialisePlatform, isInitialised } from '../identity/accounts.ts';
import { migrate } from '../db/migrate.ts';
import { formatCredentials } from './admin-commands.ts';
import { runDemo, type DemoReport } from './demo.ts';
import { printResult, type CliIO } from './io.ts';
import { withServices } from './run-with-services.ts';

export function registerServeCommands(program: Command, io: CliIO): void {
  program
    .command('serve')
    .description('start the Accord server (embedded PostgreSQL unless DATABASE_URL is set)')
    .option('--port <port>', 'port to listen on (default PORT or 8787)', (v) => Number(v))
    .option('--host <host>', 'address to listen on (default HOST or 127.0.0.1)')
    .option('--demo', 'fill a fresh instance with the demonstration world first')
    .action(async (opts: { port?: number; host?: string; demo?: boolean }) => serve(io, opts));

  program
    .command('db')
    .description('database maintenance')
    .command('migrate')
    .description('apply pending migrations')
    .option('--json', 'machine-readable output')
    .action(async (opts: { json?: boolean }) => {
      const report = await withServices(io, (s) => migrate(s.ctx.db), { migrate: false });
      printResult(io, opts.json, report, () =>
        report.applied.length === 0
          ? `database up to date (${report.alreadyApplied} migrations applied before)`
          : `applied ${report.applied.length} migration(s):\n${report.applied.map((n) => `  ${n}`).join('\n')}`,
      );
    });
}

async function serve(io: CliIO, opts: { port?: number; host?: string; demo?: boolean }): Promise<void> {
  // The HTTP stack is loaded only by the command that serves: every other command starts faster.
  const [{ default: pino }, { createServices }, { buildApp }, { JobRunner }, { startFeedScheduler }] =
    await Promise.all([
      import('pino'),
      import('../services.ts'),
      import('../http/app.ts'),
      import('../jobs/runner.ts'),
      import('../../intel/feeds/feed-scheduler.ts'),
    ]);
  const config = loadConfig();
  if (opts.port !== undefined) {
    config.port = opts.port;
  }
  if (opts.host) {
    config.host = opts.host;
  }
  const logger = pino({
    level: config.logLevel,
    redact: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-csrf-token"]'],
  });
  const started = Date.now();
  const services = await createServices({ config, log: (m) => logger.info(m) });
  const app = await buildApp(services, { logger });
  const banner: string[] = [];

  if (!(await isInitialised(services.ctx))) {
    const init = await initialisePlatform(services.ctx, {
      password: process.env.ACCORD_ADMIN_PASSWORD || undefined,
    });
    banner.push(
      'First start: created the coordinator organisation and its administrator.',
      formatCredentials(init.email, init.generated ? init.password : '(from ACCORD_ADMIN_PASSWORD)'),
    );
  }
  let demo: DemoReport | undefined;
  if (opts.demo) {
    demo = await runDemo(services);
  }

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) {
      return;
    }
    closing = true;
    logger.info(`${signal}: shutting down`);
    feedScheduler.stop();
    await runner.stop();
    await app.close();
    await services.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));

  const runner = new JobRunner(services.ctx, services.jobHandlers);
  runner.start();
  // The matcher loads the store now and follows it, so the first match request does not wait for it.
  services.matcher().catch((error: Error) => logger.error(`matcher failed to start: ${error.message}`));
  const feedScheduler = startFeedScheduler(services.ctx);
  const address = await app.listen({ port: config.port, host: config.host });
  const url = config.publicUrl ?? address.replace('127.0.0.1', 'localhost');
  io.stdout(
    [
      '',
      `Accord is running at ${url}  (started in ${((Date.now() - started) / 1000).toFixed(1)} s, database: ${services.ctx.databaseKind})`,
      `API docs: ${url}/api/docs`,
      ...banner,
      ...(demo ? [demo.summary] : []),
      'Press Ctrl-C to stop.',
      '',
    ].join('\n'),
  );
}
