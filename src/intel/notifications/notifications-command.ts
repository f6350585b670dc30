// `accord intel notifications list|show|ack|export`: a CIRT's inbox from the command line.
import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { printResult, type CliIO } from '../../platform/cli/io.ts';
import { cliActor, withServices } from '../../platform/cli/run-with-services.ts';
import { acknowledgeNotification, exportNotificationCsv, getNotification, listMyInbox } from './inbox.ts';
import type { NotificationView } from './notification-view.ts';

const line = (n: NotificationView) =>
  `${n.id}  ${n.createdAt.slice(0, 16)}  TLP:${n.tlp.toUpperCase()}  ${n.cirt.name} (${n.cirt.country})  ${n.itemCount} value(s)  ${n.delivery.status}${n.acknowledgedAt ? '  acknowledged' : ''}`;

export function registerNotificationCommands(intel: Command, io: CliIO): void {
  const notifications = intel
    .command('notifications')
    .description("your teams' inbox of routed notifications");

  notifications
    .command('list')
    .description('notifications to the teams of your organisations, newest first')
    .option('--unacknowledged', 'only those not yet acknowledged')
    .option('--as <email>', 'act as this user (default: the first administrator)')
    .option('--json', 'machine-readable output')
    .action(async (opts: { unacknowledged?: boolean; as?: string; json?: boolean }) => {
      const list = await withServices(io, async (s) =>
        listMyInbox(s.ctx, await cliActor(s, opts.as), { unacknowledged: opts.unacknowledged }),
      );
      printResult(
        io,
        opts.json,
        { notifications: list },
        () => list.map(line).join('\n') || 'the inbox is empty',
      );
    });

  notifications
    .command('show')
    .argument('<id>', 'notification id')
    .description('a notification with its values')
    .option('--as <email>', 'act as this user')
    .option('--json', 'machine-readable output')
    .action(async (id: string, opts: { as?: string; json?: boolean }) => {
      const n = await withServices(io, async (s) => getNotification(s.ctx, await cliActor(s, opts.as), id));
      printResult(io, opts.json, { notification: n }, () =>
        [
          line(n),
          ...(n.items ?? []).map(
            (i) =>
              `  ${i.value}  ${i.countries.join('+')}  ${i.asn ? `AS${i.asn}` : ''}  ${i.via} ${i.detail}`,
          ),
        ].join('\n'),
      );
    });

  notifications
    .command('ack')
    .argument('<id>', 'notification id')
    .description('acknowledge a notification for your team')
    .option('--as <email>', 'act as this user')
    .option('--json', 'machine-readable output')
    .action(async (id: string, opts: { as?: string; json?: boolean }) => {
      const n = await withServices(io, async (s) =>
        acknowledgeNotification(s.ctx, await cliActor(s, opts.as), id),
      );
      printResult(io, opts.json, { notification: n }, () => line(n));
    });

  notifications
    .command('export')
    .argument('<id>', 'notification id')
    .description("the notification's values as CSV (TLP marking on the first line)")
    .option('--out <file>', 'write to this file instead of standard output')
    .option('--as <email>', 'act as this user')
    .action(async (id: string, opts: { out?: string; as?: string }) => {
      const file = await withServices(io, async (s) =>
        exportNotificationCsv(s.ctx, await cliActor(s, opts.as), id),
      );
      if (opts.out) {
        writeFileSync(opts.out, file.csv);
        io.stderr(`wrote ${opts.out}`);
      } else {
        io.stdout(file.csv);
      }
    });
}
