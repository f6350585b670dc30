// `accord intel pull`: pulls a remote TAXII 2.1 collection through the ingest core, resuming from the
// last X-TAXII-Date-Added-Last it stored; a progress bar on stderr when it is a terminal.
import type { Command } from 'commander';
import cliProgress from 'cli-progress';
import { printResult, type CliIO } from '../../../platform/cli/io.ts';
import { cliActor, withServices } from '../../../platform/cli/run-with-services.ts';
import { createTaxiiClient } from '../client/taxii-http-client.ts';
import { pullCollection, storedPullPosition, type PullResult } from '../client/pull.ts';
import {
  credentialsFrom,
  organisationFor,
  parseIdList,
  parseInstant,
  parseTlp,
  type CredentialOptions,
} from './client-options.ts';

type PullOptions = CredentialOptions & {
  url: string;
  collection: string;
  since?: string;
  tlp?: string;
  audience?: string;
  into?: string;
  organisation?: string;
  as?: string;
  json?: boolean;
};

export function registerPullCommand(intel: Command, io: CliIO): void {
  intel
    .command('pull')
    .description('pull a TAXII 2.1 collection into Accord, resuming where the last pull stopped')
    .requiredOption('--url <url>', 'the TAXII discovery or API root URL')
    .requiredOption('--collection <id>', 'the remote collection id')
    .option('--token <token>', 'an API token (sent as Bearer)')
    .option('--user <user>', 'HTTP Basic user (with --password-env)')
    .option('--password-env <var>', 'the environment variable holding the Basic password')
    .option('--since <timestamp>', 'start after this date added instead of the stored position')
    .option('--tlp <tlp>', 'TLP for objects without markings (default: the organisation default)')
    .option('--audience <orgIds>', 'organisations (comma-separated ids) that may see AMBER objects')
    .option('--into <collectionId>', 'a local collection the pulled objects join')
    .option('--organisation <orgId>', 'the organisation the objects are recorded for')
    .option('--as <email>', 'act as this user (default: the first administrator)')
    .option('--json', 'machine-readable output')
    .action(async (opts: PullOptions) => runPull(io, opts));
}

async function runPull(io: CliIO, opts: PullOptions): Promise<void> {
  const credentials = credentialsFrom(opts);
  const tlp = parseTlp(opts.tlp);
  const audience = parseIdList(opts.audience, 'audience');
  const since = parseInstant(opts.since, 'since');
  parseIdList(opts.into, 'into');
  const result: PullResult = await withServices(io, async (s) => {
    const actor = await cliActor(s, opts.as);
    const organisationId = organisationFor(actor, opts.organisation);
    const bar = io.interactive
      ? new cliProgress.SingleBar(
          { stream: process.stderr, format: 'pulling {value} objects, page {pages} [{added} new]', fps: 5 },
          cliProgress.Presets.shades_classic,
        )
      : undefined;
    bar?.start(0, 0, { pages: 0, added: 0 });
    let objects = 0;
    let pages = 0;
    let added = 0;
    try {
      return await pullCollection(s.ctx, actor, {
        client: createTaxiiClient({
          credentials,
          // The operator at the shell already has this machine's network; the outbound guard protects
          // the server from URLs set through the API (docs/taxii.md, "Outbound guard").
          fetch,
        }),
        url: opts.url,
        remoteCollectionId: opts.collection,
        producerOrganisationId: organisationId,
        tlp,
        audienceOrganisationIds: audience,
        targetCollectionId: opts.into,
        since,
        position: storedPullPosition(s.ctx, organisationId, opts.url, opts.collection),
        source: { kind: 'taxii', ref: opts.url },
        onPage: (p) => {
          objects += p.objects;
          pages += 1;
          added += p.counts.added + p.counts['new-version'];
          bar?.setTotal(objects);
          bar?.update(objects, { pages, added });
        },
      });
    } finally {
      bar?.stop();
    }
  });
  printResult(io, opts.json, result, () =>
    [
      `pulled ${result.objects} object(s) in ${result.pages} page(s) from ${result.apiRoot}`,
      `  added ${result.counts.added}, new versions ${result.counts['new-version']}, older ${result.counts['older-version']}, duplicates ${result.counts.duplicate}, rejected ${result.counts.rejected}`,
      `  next pull resumes after ${result.lastAddedAfter ?? '(the beginning)'}`,
    ].join('\n'),
  );
}
