// `accord intel route FILE | --objects ID... | --collection ID | --import ID`: a routing run from the command line,
// with a progress bar on stderr (when it is a terminal) and a summary per country and per team.
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import cliProgress from 'cli-progress';
import { AppError } from '../../platform/errors/app-error.ts';
import { printResult, type CliIO } from '../../platform/cli/io.ts';
import { cliActor, withServices } from '../../platform/cli/run-with-services.ts';
import { TLP_LEVELS } from '../../platform/access/tlp-policy.ts';
import { createRoutingRun } from './routing-run.ts';
import { getRoutingMap, type RoutingMap } from './routing-map.ts';
import { ROUTING_ATTRIBUTIONS } from './data-sources.ts';

type RouteOptions = {
  objects?: string[];
  collection?: string;
  import?: string;
  tlp: string;
  name?: string;
  org?: string;
  as?: string;
  json?: boolean;
};

export function registerRouteCommand(intel: Command, io: CliIO): void {
  intel
    .command('route')
    .argument(
      '[file]',
      'a list of IP addresses, CIDR blocks or domains (one per line, or the first CSV field)',
    )
    .description('route values to the responsible CIRTs and put a notification in each one’s inbox')
    .option('--objects <ids...>', 'route these stored STIX objects instead of a file')
    .option('--collection <id>', 'route the objects of this TAXII collection')
    .option('--import <id>', 'route what this import stored (and the stored objects its duplicates matched)')
    .option('--tlp <level>', `TLP of the file's values (${TLP_LEVELS.join(', ')})`, 'amber')
    .option('--name <name>', 'a name for the campaign')
    .option('--org <id>', 'the organisation running the campaign (when you belong to several)')
    .option('--as <email>', 'act as this user (default: the first administrator)')
    .option('--json', 'machine-readable output')
    .action(async (file: string | undefined, opts: RouteOptions) => runRoute(io, file, opts));
}

function sourceOf(file: string | undefined, opts: RouteOptions): Record<string, unknown> {
  const given = [
    file !== undefined,
    opts.objects !== undefined,
    opts.collection !== undefined,
    opts.import !== undefined,
  ].filter(Boolean);
  if (given.length !== 1) {
    throw new AppError('VALIDATION_FAILED', 'give exactly one of FILE, --objects, --collection or --import', [
      { path: 'source', reason: given.length === 0 ? 'missing' : 'more than one source' },
    ]);
  }
  if (opts.objects) {
    return { kind: 'objects', ids: opts.objects };
  }
  if (opts.collection) {
    return { kind: 'collection', id: opts.collection };
  }
  if (opts.import) {
    return { kind: 'import', importId: opts.import };
  }
  let text: string;
  try {
    text = readFileSync(file as string, 'utf8');
  } catch (error) {
    throw new AppError('VALIDATION_FAILED', `cannot read ${file}: ${(error as Error).message}`, [
      { path: 'file', reason: 'not readable' },
    ]);
  }
  return { kind: 'list', text, tlp: opts.tlp, fileName: file };
}

async function runRoute(io: CliIO, file: string | undefined, opts: RouteOptions): Promise<void> {
  const source = sourceOf(file, opts);
  const map = await withServices(io, async (s) => {
    const actor = await cliActor(s, opts.as);
    const bar = io.interactive
      ? new cliProgress.SingleBar(
          {
            stream: process.stderr,
            format: `routing [{bar}] {percentage}% {value}/{total} ${opts.import ? 'objects' : 'values'}`,
            fps: 5,
          },
          cliProgress.Presets.shades_classic,
        )
      : undefined;
    let started = false;
    try {
      const run = await createRoutingRun(
        s.ctx,
        actor,
        {
          source,
          ...(opts.name ? { name: opts.name } : {}),
          ...(opts.org ? { organisationId: opts.org } : {}),
        },
        {},
        (done, total) => {
          if (bar && !started) {
            bar.start(total, 0);
            started = true;
          }
          bar?.update(done);
        },
      );
      return { ...(await getRoutingMap(s.ctx, actor, run.id)), run };
    } finally {
      bar?.stop();
    }
  });
  printResult(io, opts.json, map, () => formatRouteSummary(map));
}

export function formatRouteSummary(map: RoutingMap): string {
  const c = map.run.counts;
  const invalid = map.run.invalidLines ?? [];
  return [
    `routing run ${map.run.id} "${map.run.name}"`,
    `${c.values} value(s): ${c.routed} routed, ${c.notRouted} not routed (special-purpose or unknown), ${c.withoutTeam} without a team in the directory`,
    `${c.notifications} notification(s); ${c.withheld} value(s) withheld from a team by TLP`,
    ...(invalid.length > 0
      ? [`${invalid.length} line(s) not an address or domain, e.g. line ${invalid[0]?.line}`]
      : []),
    ...((map.run.notFound ?? []).length > 0
      ? [`${map.run.notFound?.length} object(s) not found or not visible`]
      : []),
    '',
    'per country (values, notified, withheld):',
    ...map.countries.map((x) => `  ${x.country}  ${x.values}  ${x.notified}  ${x.withheld}`),
    '',
    'per team:',
    ...map.notifications.map(
      (n) =>
        `  ${n.cirt.country}  ${n.cirt.name}: ${n.itemCount} value(s), TLP:${n.tlp.toUpperCase()}, ${n.delivery.status}`,
    ),
    '',
    `data: ${Object.entries(map.run.dataVersions)
      .map(([k, v]) => `${k}@${v}`)
      .join(', ')}`,
    ...ROUTING_ATTRIBUTIONS.map((a) => `  ${a.text}`),
  ].join('\n');
}
