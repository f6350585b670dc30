// `accord intel push`: sends what an organisation may pass on (CLEAR, GREEN, its own AMBER; never
// AMBER+STRICT or RED) to another TAXII 2.1 server and checks each envelope's status.
import type { Command } from 'commander';
import { printResult, type CliIO } from '../../../platform/cli/io.ts';
import { cliActor, withServices } from '../../../platform/cli/run-with-services.ts';
import { createTaxiiClient } from '../client/taxii-http-client.ts';
import { pushSelection } from '../client/push.ts';
import {
  credentialsFrom,
  organisationFor,
  parseIdList,
  parseInstant,
  type CredentialOptions,
} from './client-options.ts';

type PushOptions = CredentialOptions & {
  url: string;
  collection: string;
  from?: string;
  type?: string;
  since?: string;
  skipProducer?: string;
  organisation?: string;
  as?: string;
  json?: boolean;
};

export function registerPushCommand(intel: Command, io: CliIO): void {
  intel
    .command('push')
    .description('send a TLP-filtered selection of objects to a TAXII 2.1 collection')
    .requiredOption('--url <url>', 'the TAXII discovery or API root URL')
    .requiredOption('--collection <id>', 'the remote collection id')
    .option('--token <token>', 'an API token (sent as Bearer)')
    .option('--user <user>', 'HTTP Basic user (with --password-env)')
    .option('--password-env <var>', 'the environment variable holding the Basic password')
    .option('--from <collectionId>', 'only objects of this local collection')
    .option('--type <types>', 'only these STIX types (comma-separated)')
    .option('--since <timestamp>', 'only objects stored here after this instant')
    .option('--skip-producer <orgIds>', 'never send objects produced by these organisations')
    .option('--organisation <orgId>', 'share on behalf of this organisation (its TLP rights apply)')
    .option('--as <email>', 'act as this user (default: the first administrator)')
    .option('--json', 'machine-readable output')
    .action(async (opts: PushOptions) => {
      const credentials = credentialsFrom(opts);
      const since = parseInstant(opts.since, 'since');
      const skip = parseIdList(opts.skipProducer, 'skip-producer');
      parseIdList(opts.from, 'from');
      const result = await withServices(io, async (s) => {
        const actor = await cliActor(s, opts.as);
        return pushSelection(s.ctx, actor, {
          client: createTaxiiClient({
            credentials,
            // The operator at the shell already has this machine's network; the outbound guard protects
            // the server from URLs set through the API (docs/taxii.md, "Outbound guard").
            fetch,
          }),
          url: opts.url,
          remoteCollectionId: opts.collection,
          selection: {
            organisationId: organisationFor(actor, opts.organisation),
            fromCollectionId: opts.from,
            types: opts.type?.split(',').map((t) => t.trim()),
            since,
            skipProducerOrganisationIds: skip,
          },
          onEnvelope: (sent) => io.interactive && io.stderr(`sent ${sent} object(s)`),
        });
      });
      printResult(io, opts.json, result, () =>
        [
          `sent ${result.sent} object(s) in ${result.envelopes} envelope(s) to ${result.apiRoot}: ${result.succeeded} accepted, ${result.failed} refused`,
          ...result.failures.slice(0, 20).map((f) => `  ${f.id} ${f.version}: ${f.message ?? 'refused'}`),
        ].join('\n'),
      );
    });
}
