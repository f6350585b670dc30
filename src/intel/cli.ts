// `accord intel …`: the CIRT directory (import, list, resolve).
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { AppError } from '../platform/errors/app-error.ts';
import { printResult, type CliIO } from '../platform/cli/io.ts';
import { cliActor, withServices } from '../platform/cli/run-with-services.ts';
import { importTrustedIntroducer, listDirectory, resolveResponsible } from './cirts/directory.ts';
import { registerMatchCommand } from './matcher/match-command.ts';
import { registerImportCommand } from './ingest/import-command.ts';
import { registerPullCommand } from './taxii/cli/pull-command.ts';
import { registerPushCommand } from './taxii/cli/push-command.ts';
import { registerFeedCommands } from './feeds/feeds-command.ts';
import { registerRouteCommand } from './routing/route-command.ts';
import { registerNotificationCommands } from './notifications/notifications-command.ts';

function readJsonFile(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new AppError('VALIDATION_FAILED', `cannot read ${path}: ${(error as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new AppError('BAD_JSON', `${path} is not valid JSON: ${(error as Error).message}`);
  }
}

export function registerIntelCommands(program: Command, io: CliIO): Command {
  const intel = program
    .command('intel')
    .description('the Global Response Centre: threat intelligence, CIRT directory, routing');
  const cirts = intel
    .command('cirts')
    .description('the directory of national and sector CIRTs and their constituencies');

  cirts
    .command('import')
    .argument('<file>', 'a Trusted Introducer-shaped JSON array of teams')
    .description('import or update teams; rejected teams are listed with the reason')
    .option('--as <email>', 'act as this administrator')
    .option('--json', 'machine-readable output')
    .action(async (file: string, opts: { as?: string; json?: boolean }) => {
      const data = readJsonFile(file);
      const report = await withServices(io, async (s) =>
        importTrustedIntroducer(s.ctx, await cliActor(s, opts.as), data),
      );
      printResult(io, opts.json, report, () =>
        [
          `imported ${report.imported} team(s), updated ${report.updated}, rejected ${report.rejected.length}`,
          ...report.rejected.map(
            (r) =>
              `  #${r.index} ${r.name ?? '(no name)'}: ${r.problems.map((p) => `${p.path} ${p.reason}`).join('; ')}`,
          ),
        ].join('\n'),
      );
    });

  cirts
    .command('list')
    .description('list the directory')
    .option('--country <code>', 'only this country')
    .option('--json', 'machine-readable output')
    .action(async (opts: { country?: string; json?: boolean }) => {
      const list = await withServices(io, async (s) => listDirectory(s.ctx, await cliActor(s), opts.country));
      printResult(
        io,
        opts.json,
        { cirts: list },
        () =>
          list
            .map(
              (c) =>
                `${c.country}  ${c.officialName}${c.shortName ? ` (${c.shortName})` : ''}` +
                `  ranges ${c.ranges.length}, ASNs ${c.asns.length}, domains ${c.domains.length}${c.available24x7 ? ', 24/7' : ''}`,
            )
            .join('\n') || 'the directory is empty',
      );
    });

  cirts
    .command('resolve')
    .description('who is responsible for an address or domain (range > domain > ASN > country)')
    .option('--ip <address>')
    .option('--asn <number>', 'autonomous system number', (v) => Number(v))
    .option('--country <code>')
    .option('--domain <name>')
    .option('--json', 'machine-readable output')
    .action(
      async (opts: { ip?: string; asn?: number; country?: string; domain?: string; json?: boolean }) => {
        const res = await withServices(io, (s) => resolveResponsible(s.ctx, opts));
        printResult(io, opts.json, res, () =>
          res.cirts.length === 0
            ? 'no CIRT in the directory covers this'
            : res.cirts
                .map(
                  (c) =>
                    `${c.officialName} (${c.country}) via ${res.matches
                      .filter((m) => m.cirtId === c.id)
                      .map((m) => `${m.via} ${m.detail}`)
                      .join(', ')}`,
                )
                .join('\n'),
        );
      },
    );
  registerImportCommand(intel, io);
  registerMatchCommand(intel, io);
  registerPullCommand(intel, io);
  registerPushCommand(intel, io);
  registerFeedCommands(intel, io);
  registerRouteCommand(intel, io);
  registerNotificationCommands(intel, io);
  return intel;
}
