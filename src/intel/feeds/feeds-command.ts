// `accord intel feeds list|add|run`: TAXII feeds from the command line. `run` queues the run and,
// unless --queue-only, performs it in this process and prints its outcome.
import type { Command } from 'commander';
import { AppError } from '../../platform/errors/app-error.ts';
import { printResult, type CliIO } from '../../platform/cli/io.ts';
import { cliActor, withServices } from '../../platform/cli/run-with-services.ts';
import { JobRunner } from '../../platform/jobs/runner.ts';
import { findJob } from '../../platform/jobs/store.ts';
import {
  credentialsFrom,
  organisationFor,
  parseIdList,
  parseTlp,
  type CredentialOptions,
} from '../taxii/cli/client-options.ts';
import { FEED_PULL_JOB, createFeed, getFeed, listFeeds, runFeedNow, type FeedView } from './feeds.ts';
import { createFeedPullHandler } from './feed-job.ts';

function formatFeed(f: FeedView): string {
  const last = f.lastRun.status
    ? `last run ${f.lastRun.status}${f.lastRun.at ? ` at ${f.lastRun.at}` : ''}${
        f.lastRun.counts
          ? ` (added ${f.lastRun.counts.added ?? 0}, rejected ${f.lastRun.counts.rejected ?? 0})`
          : ''
      }${f.lastRun.error ? `: ${f.lastRun.error}` : ''}`
    : 'never run';
  return `${f.id}  ${f.name}  every ${f.intervalMinutes} min  ${f.url} [${f.remoteCollectionId}]  ${f.enabled ? '' : '(disabled) '}${last}`;
}

type AddOptions = CredentialOptions & {
  name: string;
  url: string;
  collection: string;
  interval: string;
  tlp?: string;
  audience?: string;
  into?: string;
  organisation?: string;
  disabled?: boolean;
  as?: string;
  json?: boolean;
};

export function registerFeedCommands(intel: Command, io: CliIO): void {
  const feeds = intel.command('feeds').description('scheduled TAXII pulls');

  feeds
    .command('list')
    .description('feeds of your organisations with their last run')
    .option('--as <email>', 'act as this user (default: the first administrator)')
    .option('--json', 'machine-readable output')
    .action(async (opts: { as?: string; json?: boolean }) => {
      const list = await withServices(io, async (s) => listFeeds(s.ctx, await cliActor(s, opts.as)));
      printResult(io, opts.json, { feeds: list }, () => list.map(formatFeed).join('\n') || 'no feeds');
    });

  feeds
    .command('add')
    .description('add a feed; a Basic password is read from --password-env, and stored encrypted')
    .requiredOption('--name <name>', 'a name unique in the organisation')
    .requiredOption('--url <url>', 'the TAXII discovery or API root URL')
    .requiredOption('--collection <id>', 'the remote collection id')
    .option('--interval <minutes>', 'minutes between runs', '60')
    .option('--token <token>', 'an API token of the remote server')
    .option('--user <user>', 'HTTP Basic user (with --password-env)')
    .option('--password-env <var>', 'the environment variable holding the Basic password')
    .option('--tlp <tlp>', 'TLP for objects without markings')
    .option('--audience <orgIds>', 'organisations (comma-separated ids) that may see AMBER objects')
    .option('--into <collectionId>', 'a local collection the pulled objects join')
    .option('--organisation <orgId>', 'the organisation the feed belongs to')
    .option('--disabled', 'add it without scheduling it')
    .option('--as <email>', 'act as this user (default: the first administrator)')
    .option('--json', 'machine-readable output')
    .action(async (opts: AddOptions) => {
      const credentials = credentialsFrom(opts);
      const interval = Number(opts.interval);
      if (!Number.isInteger(interval)) {
        throw new AppError('VALIDATION_FAILED', '--interval takes whole minutes', [
          { path: 'interval', reason: 'must be a whole number' },
        ]);
      }
      const feed = await withServices(io, async (s) => {
        const actor = await cliActor(s, opts.as);
        return createFeed(s.ctx, actor, {
          name: opts.name,
          organisationId: organisationFor(actor, opts.organisation),
          url: opts.url,
          remoteCollectionId: opts.collection,
          auth:
            credentials.kind === 'token'
              ? { kind: 'token', token: credentials.token }
              : credentials.kind === 'basic'
                ? { kind: 'basic', username: credentials.user, password: credentials.password }
                : { kind: 'none' },
          intervalMinutes: interval,
          tlp: parseTlp(opts.tlp),
          audienceOrganisationIds: parseIdList(opts.audience, 'audience') ?? [],
          targetCollectionId: opts.into,
          enabled: !opts.disabled,
        });
      });
      printResult(io, opts.json, { feed }, () => `added feed ${formatFeed(feed)}`);
    });

  feeds
    .command('run')
    .argument('<id>', 'the feed id')
    .description('run a feed now and print the outcome (or only queue it)')
    .option('--queue-only', 'queue the run for the server instead of running it here')
    .option('--as <email>', 'act as this user (default: the first administrator)')
    .option('--json', 'machine-readable output')
    .action(async (id: string, opts: { queueOnly?: boolean; as?: string; json?: boolean }) => {
      const feed = await withServices(io, async (s) => {
        const actor = await cliActor(s, opts.as);
        const queued = await runFeedNow(s.ctx, actor, id);
        if (opts.queueOnly || !queued.lastRun.jobId) {
          return queued;
        }
        const runner = new JobRunner(s.ctx, { [FEED_PULL_JOB]: createFeedPullHandler(s.ctx) });
        // Drain feed jobs until ours has finished (an older queued feed run may go first).
        for (let i = 0; i < 100; i += 1) {
          const job = await findJob(s.ctx.db, queued.lastRun.jobId);
          if (
            !job ||
            ['succeeded', 'failed', 'cancelled'].includes(job.status) ||
            !(await runner.runOnce())
          ) {
            break;
          }
        }
        return getFeed(s.ctx, actor, id);
      });
      printResult(io, opts.json, { feed }, () => formatFeed(feed));
    });
}
